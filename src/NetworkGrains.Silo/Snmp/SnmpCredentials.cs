using System.Security.Cryptography;
using System.Text;
using NetworkGrains.Protocols.Snmp.V3;

namespace NetworkGrains.Silo.Snmp;

/// <summary>
/// The configured communities and USM users, shared by the trap receiver and the poller. Passphrases become keys
/// once, here; the secrets themselves are never exposed by this type.
/// </summary>
public sealed class SnmpCredentials(SnmpOptions options)
{
    private readonly (string Name, byte[] Community)[] _communities =
        options.Communities.Select(c => (c.Name, Encoding.UTF8.GetBytes(c.Community))).ToArray();
    private readonly Dictionary<string, UsmUser> _users =
        options.Users.ToDictionary(u => u.Name, u => new UsmUser(u.Name, u.Auth, u.AuthPassword, u.Priv, u.PrivPassword));

    /// <summary>The name of the configured community equal to <paramref name="community"/> (compared in constant time).</summary>
    public string? NameOfCommunity(ReadOnlySpan<byte> community)
    {
        foreach (var (name, configured) in _communities)
        {
            if (CryptographicOperations.FixedTimeEquals(configured, community)) return name;
        }
        return null;
    }

    public byte[]? CommunityNamed(string name) => _communities.FirstOrDefault(c => c.Name == name).Community;

    public UsmUser? User(string name) => _users.GetValueOrDefault(name);
}
