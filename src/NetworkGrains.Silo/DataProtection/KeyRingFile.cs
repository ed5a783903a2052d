using System.Security.Cryptography;

namespace NetworkGrains.Silo.DataProtection;

/// <summary>
/// Where the data-protection keys come from: DataProtection:KeyFile (lines "id base64-key", '#' comments; created
/// with one key, mode 600, when missing) and DataProtection:Keys:{id} (base64, e.g. from the environment). The
/// current key is DataProtection:CurrentKey, or else the file's last key. The Postgres profile needs a configured key;
/// the default profile, whose state dies with the process, makes a key for the run when none is configured.
/// </summary>
public static class KeyRingFile
{
    public const string Section = "DataProtection";

    public static KeyRing Load(IConfiguration configuration, bool durable, ILogger logger)
    {
        var section = configuration.GetSection(Section);
        var path = section["KeyFile"];
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string? last = null;
        if (!string.IsNullOrWhiteSpace(path))
        {
            if (!File.Exists(path)) Create(path, logger);
            foreach (var (id, key) in Read(path)) (keys[id], last) = (key, id);
        }
        foreach (var entry in section.GetSection("Keys").GetChildren()) keys[entry.Key] = Decode(entry.Key, entry.Value);

        if (keys.Count == 0)
        {
            if (durable)
                throw new InvalidOperationException($"The Postgres profile needs {Section}:KeyFile (env {Section}__KeyFile; created with a new key if missing) or {Section}:Keys: the key that encrypts secrets in grain state must outlive a restart.");
            logger.LogWarning("No {Section} key is configured: grain state (secrets included) is encrypted in memory under a key made for this run", Section);
            return KeyRing.Ephemeral();
        }

        var current = section["CurrentKey"] ?? last ?? (keys.Count == 1 ? keys.Keys.Single()
            : throw new InvalidOperationException($"{Section}:CurrentKey must name the key that encrypts: there are {keys.Count} keys"));
        return new KeyRing(keys, current);
    }

    private static IEnumerable<(string Id, byte[] Key)> Read(string path)
    {
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length != 2) throw new InvalidOperationException($"{Section}:KeyFile {path} line {number}: expected 'id base64-key'");
            yield return (parts[0], Decode(parts[0], parts[1]));
        }
    }

    private static byte[] Decode(string id, string? base64)
    {
        var key = new byte[KeyRing.KeyBytes + 1];
        return Convert.TryFromBase64String(base64 ?? "", key, out var written) && written == KeyRing.KeyBytes ? key[..written]
            : throw new InvalidOperationException($"{Section} key '{id}' must be {KeyRing.KeyBytes} bytes in base64 (openssl rand -base64 32)");
    }

    private static void Create(string path, ILogger logger)
    {
        var text = $"# NetworkGrains data-protection keys: 'id base64-key' per line; the last one encrypts unless DataProtection:CurrentKey says otherwise.\nk1 {Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyRing.KeyBytes))}\n";
        if (Hosting.PrivateFiles.CreateNew(path, text))
            logger.LogWarning("Created a new data-protection key file at {Path}: keep it with the database backups, the secrets in grain state cannot be read without it", path);
    }
}
