using NetworkGrains.Protocols.Snmp.V3;

namespace NetworkGrains.Silo.Snmp;

/// <summary>Configuration section "Snmp". Communities and passphrases are secrets: never logged, never returned.</summary>
public sealed class SnmpOptions
{
    public const string Section = "Snmp";

    public bool TrapReceiverEnabled { get; set; } = true;
    public int TrapPort { get; set; } = 1162;
    public int ReceiveBufferBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>This silo's SNMP engine ID (hex, RFC 3411 format); a stable one is derived from the host name if unset.</summary>
    public string? EngineId { get; set; }

    public List<CommunityCredential> Communities { get; set; } = [];
    public List<UserCredential> Users { get; set; } = [];
}

/// <summary>A v1/v2c community. Traps report <see cref="Name"/>, never the community.</summary>
public sealed class CommunityCredential
{
    public string Name { get; set; } = "";
    public string Community { get; set; } = "";
}

public sealed class UserCredential
{
    public string Name { get; set; } = "";
    public AuthProtocol Auth { get; set; } = AuthProtocol.None;
    public string? AuthPassword { get; set; }
    public PrivProtocol Priv { get; set; } = PrivProtocol.None;
    public string? PrivPassword { get; set; }

    public override string ToString() => $"{Name} ({Auth}/{Priv})";
}
