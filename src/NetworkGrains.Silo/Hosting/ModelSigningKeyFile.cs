using System.Security.Cryptography;
using System.Text;
using NetworkGrains.Grains.Models;

namespace NetworkGrains.Silo.Hosting;

/// <summary>
/// The registry's signing keys (Models:SigningKeyFile, PKCS#8 PEM). Artifacts outlive a restart only in the
/// Postgres profile, so there the file is required, and created (mode 600) when missing; the default profile
/// signs with a key made at start unless a file is configured. The file's first key signs; any further keys are
/// retired ones that only verify. A file whose first key is shorter than <see cref="ModelSigningKey.MinimumBits"/>
/// (made before signatures moved to 4096-bit keys) gets a new first key, and its old keys stay to verify old artifacts.
/// </summary>
public static class ModelSigningKeyFile
{
    public const string Setting = "Models:SigningKeyFile";
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(60);

    public static ModelSigningKey? Load(IConfiguration configuration, SiloProfile profile, ILogger logger)
    {
        var path = configuration[Setting];
        if (string.IsNullOrWhiteSpace(path))
        {
            if (profile == SiloProfile.Postgres)
                throw new InvalidOperationException($"The Postgres profile needs {Setting} (env Models__SigningKeyFile): the key that signs model artifacts must outlive a restart.");
            return null;
        }

        return Load(path, logger);
    }

    /// <summary>Reads (creating or upgrading as needed) the file under an exclusive lock, so silos starting together agree on one key.</summary>
    public static ModelSigningKey Load(string path, ILogger logger)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var fileLock = Lock($"{path}.lock");
        var keys = File.Exists(path) ? Read(path) : [];
        if (keys.Count == 0 || keys[0].KeySize < ModelSigningKey.MinimumBits)
        {
            keys.Insert(0, RSA.Create(ModelSigningKey.MinimumBits));
            Write(path, keys);
            if (keys.Count == 1) logger.LogWarning("Created a new model signing key at {Path}: keep it with the database backups, artifacts signed with it cannot be verified without it", path);
            else logger.LogWarning("The model signing key at {Path} had {Bits} bits: a new {NewBits}-bit key signs from now on, the old one stays in the file to verify the artifacts it signed", path, keys[1].KeySize, ModelSigningKey.MinimumBits);
        }

        return new ModelSigningKey(keys[0], [.. keys.Skip(1)]);
    }

    private static List<RSA> Read(string path)
    {
        var text = File.ReadAllText(path);
        var keys = new List<RSA>();
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var key = RSA.Create();
            try
            {
                key.ImportFromPem(rest[fields.Location]);
            }
            catch (CryptographicException ex)
            {
                key.Dispose();
                throw new InvalidOperationException($"{Setting} {path} holds a key that is not an RSA private key in PEM ({ex.Message}): remove the file to have a new key made, or give the right one");
            }
            keys.Add(key);
            rest = rest[fields.Location.End..];
        }
        return keys.Count > 0 ? keys : throw new InvalidOperationException($"{Setting} {path} holds no PEM key");
    }

    private static void Write(string path, List<RSA> keys)
    {
        var pem = new StringBuilder();
        foreach (var key in keys) pem.AppendLine(key.ExportPkcs8PrivateKeyPem());
        PrivateFiles.Replace(path, pem.ToString());
    }

    private static FileStream Lock(string lockPath)
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }
}
