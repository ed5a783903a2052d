using System.Text;

namespace NetworkGrains.Protocols.Snmp.V3;

/// <summary>
/// A USM user's credentials. The passphrases are secrets: only their password-to-key digests are kept, and
/// <see cref="ToString"/> shows neither. The costly password-to-key step runs once, here; localizing to an engine
/// is one hash, cached for a bounded number of engines (a sender can make up engine IDs at will).
/// </summary>
public sealed class UsmUser(string name, AuthProtocol auth, string? authPassword, PrivProtocol priv, string? privPassword)
{
    private const int MaxCachedEngines = 1024;
    private readonly byte[] _authKu = auth == AuthProtocol.None ? [] : auth.PasswordToKey(authPassword!);
    private readonly byte[] _privKu = priv == PrivProtocol.None ? [] : auth.PasswordToKey(privPassword!);
    private readonly Dictionary<string, (byte[] Auth, byte[] Priv)> _keysByEngine = [];

    public string Name { get; } = name;
    public byte[] NameBytes { get; } = Encoding.UTF8.GetBytes(name);
    public AuthProtocol Auth { get; } = auth;
    public PrivProtocol Priv { get; } = priv;

    /// <summary>The authentication and privacy keys localized to <paramref name="engineId"/>.</summary>
    public (byte[] Auth, byte[] Priv) KeysFor(ReadOnlySpan<byte> engineId)
    {
        var id = Convert.ToHexString(engineId);
        lock (_keysByEngine)
        {
            if (_keysByEngine.TryGetValue(id, out var cached)) return cached;
        }
        var keys = (Auth == AuthProtocol.None ? [] : Auth.Localize(_authKu, engineId),
                    Priv == PrivProtocol.None ? [] : Priv.Localize(Auth, _privKu, engineId));
        lock (_keysByEngine)
        {
            if (_keysByEngine.Count < MaxCachedEngines) _keysByEngine[id] = keys;
        }
        return keys;
    }

    public override string ToString() => $"{Name} ({Auth}/{Priv})";
}
