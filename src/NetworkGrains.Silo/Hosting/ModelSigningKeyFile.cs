using System.Security.Cryptography;
using NetworkGrains.Grains.Models;

namespace NetworkGrains.Silo.Hosting;

/// <summary>
/// The registry's signing key (Models:SigningKeyFile, PKCS#8 PEM). Artifacts outlive a restart only in the
/// Postgres profile, so there the file is required, and created (mode 600) when missing; the default profile
/// signs with a key made at start unless a file is configured.
/// </summary>
public static class ModelSigningKeyFile
{
    public const string Setting = "Models:SigningKeyFile";

    public static ModelSigningKey? Load(IConfiguration configuration, SiloProfile profile, ILogger logger)
    {
        var path = configuration[Setting];
        if (string.IsNullOrWhiteSpace(path))
        {
            if (profile == SiloProfile.Postgres)
                throw new InvalidOperationException($"The Postgres profile needs {Setting} (env Models__SigningKeyFile): the key that signs model artifacts must outlive a restart.");
            return null;
        }

        if (!File.Exists(path)) Create(path, logger);
        var key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(path));
        return new ModelSigningKey(key);
    }

    /// <summary>Writes a new key beside the path and moves it in, so silos starting together agree on one key.</summary>
    private static void Create(string path, ILogger logger)
    {
        using var key = RSA.Create(3072);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(temporary, path, overwrite: false);
            logger.LogWarning("Created a new model signing key at {Path}: keep it with the database backups, artifacts signed with it cannot be verified without it", path);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
