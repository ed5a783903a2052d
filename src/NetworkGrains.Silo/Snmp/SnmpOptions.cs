using System.ComponentModel.DataAnnotations;
using NetworkGrains.Protocols.Snmp.V3;

namespace NetworkGrains.Silo.Snmp;

/// <summary>Configuration section "Snmp". Communities and passphrases are secrets: never logged, never returned.</summary>
public sealed class SnmpOptions : IValidatableObject
{
    public const string Section = "Snmp";

    public bool TrapReceiverEnabled { get; set; } = true;
    [Range(1, 65_535)]
    public int TrapPort { get; set; } = 1162;
    [Range(0, 1 << 30)]
    public int ReceiveBufferBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>This silo's SNMP engine ID (hex, RFC 3411 format); a stable one is derived from the host name if unset.</summary>
    public string? EngineId { get; set; }

    public List<CommunityCredential> Communities { get; set; } = [];
    public List<UserCredential> Users { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EngineId is { Length: > 0 } && !IsEngineId(EngineId))
            yield return new ValidationResult("5 to 32 bytes in hex (RFC 3411), e.g. 0x80001f8804...", [nameof(EngineId)]);
        var names = Communities.Select(c => c.Name).Concat(Users.Select(u => u.Name)).Where(name => name.Length > 0);
        foreach (var twice in names.GroupBy(name => name, StringComparer.Ordinal).Where(same => same.Count() > 1))
            yield return new ValidationResult($"the name '{twice.Key}' is used twice among Communities and Users", [nameof(Communities)]);
    }

    private static bool IsEngineId(string configured)
    {
        try
        {
            return SnmpEngine.EngineIdFrom(configured).Length is >= 5 and <= 32;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>A v1/v2c community. Traps report <see cref="Name"/>, never the community.</summary>
public sealed class CommunityCredential
{
    [Required, MinLength(1)]
    public string Name { get; set; } = "";

    [Required, MinLength(1), MaxLength(255)]
    public string Community { get; set; } = "";
}

public sealed class UserCredential : IValidatableObject
{
    [Required, MinLength(1), MaxLength(V3Message.MaxUserNameLength)]
    public string Name { get; set; } = "";
    public AuthProtocol Auth { get; set; } = AuthProtocol.None;
    public string? AuthPassword { get; set; }
    public PrivProtocol Priv { get; set; } = PrivProtocol.None;
    public string? PrivPassword { get; set; }

    public override string ToString() => $"{Name} ({Auth}/{Priv})";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        UsmUserRules.Check(Auth, AuthPassword, Priv, PrivPassword)
            .Select(broken => new ValidationResult(broken.Reason, [char.ToUpperInvariant(broken.Field[0]) + broken.Field[1..]]));
}
