using System.Security.Cryptography;
using System.Text;
using NetworkGrains.Grains.Snmp;
using NetworkGrains.Protocols.Snmp.V3;

namespace NetworkGrains.Silo.Snmp;

/// <summary>
/// The communities and USM users, shared by the trap receiver and the poller: those configured under Snmp, and
/// those created through the API (<see cref="Replace"/> swaps them in at once; configured names cannot be taken).
/// Passphrases become keys once, here; the secrets themselves are never exposed by this type.
/// </summary>
public sealed class SnmpCredentials
{
    private readonly Snapshot _configured;
    private Snapshot _current;
    private Dictionary<SnmpCredentialRecord, UsmUser> _localized = [];

    public SnmpCredentials(SnmpOptions options)
    {
        _configured = new Snapshot(
            options.Communities.Select(c => new Community(c.Name, Encoding.UTF8.GetBytes(c.Community), FromApi: false)).ToArray(),
            options.Users.ToDictionary(u => u.Name, u => (new UsmUser(u.Name, u.Auth, u.AuthPassword, u.Priv, u.PrivPassword), FromApi: false)));
        _current = _configured;
    }

    /// <summary>The name of the community equal to <paramref name="community"/> (compared in constant time).</summary>
    public string? NameOfCommunity(ReadOnlySpan<byte> community)
    {
        foreach (var candidate in _current.Communities)
        {
            if (CryptographicOperations.FixedTimeEquals(candidate.Secret, community)) return candidate.Name;
        }
        return null;
    }

    public byte[]? CommunityNamed(string name) => _current.Communities.FirstOrDefault(c => c.Name == name)?.Secret;

    public UsmUser? User(string name) => _current.Users.GetValueOrDefault(name).User;

    public bool IsConfigured(string name) =>
        _configured.Communities.Any(c => c.Name == name) || _configured.Users.ContainsKey(name);

    /// <summary>Every credential without its secrets: name, kind, protocols, and whether it came from the API.</summary>
    public IEnumerable<SnmpCredentialView> Describe()
    {
        var current = _current;
        return current.Communities.Select(c => new SnmpCredentialView(c.Name, "community", null, null, c.FromApi ? "api" : "config"))
            .Concat(current.Users.Values.Select(u => new SnmpCredentialView(u.User.Name, "usm", u.User.Auth.ToString(), u.User.Priv.ToString(), u.FromApi ? "api" : "config")))
            .OrderBy(v => v.Name, StringComparer.Ordinal);
    }

    /// <summary>Makes the API-created credentials exactly <paramref name="fromApi"/> (configured ones win a name clash).</summary>
    public void Replace(IEnumerable<SnmpCredentialRecord> fromApi)
    {
        var records = fromApi.Where(r => !IsConfigured(r.Name)).ToArray();
        var communities = records.Where(r => r.IsCommunity).Select(r => new Community(r.Name, Encoding.UTF8.GetBytes(r.Community!), FromApi: true));
        // Localizing a passphrase costs milliseconds: unchanged users keep their keys across reloads.
        var localized = records.Where(r => !r.IsCommunity).ToDictionary(r => r, r => _localized.GetValueOrDefault(r) ?? ToUser(r));
        var users = localized.Values.Select(user => (User: user, FromApi: true));
        _localized = localized;
        _current = new Snapshot(
            [.. _configured.Communities, .. communities],
            _configured.Users.Values.Concat(users).ToDictionary(u => u.User.Name));
    }

    public static UsmUser ToUser(SnmpCredentialRecord record) => new(record.Name,
        Enum.Parse<AuthProtocol>(record.Auth), record.AuthPassword, Enum.Parse<PrivProtocol>(record.Priv), record.PrivPassword);

    private sealed record Community(string Name, byte[] Secret, bool FromApi);

    private sealed record Snapshot(Community[] Communities, Dictionary<string, (UsmUser User, bool FromApi)> Users);
}

/// <summary>What the API shows of a credential: never the community or a passphrase.</summary>
public sealed record SnmpCredentialView(string Name, string Type, string? Auth, string? Priv, string Source);
