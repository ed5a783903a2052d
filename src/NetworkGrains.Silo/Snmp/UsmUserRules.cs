using NetworkGrains.Protocols.Snmp.V3;

namespace NetworkGrains.Silo.Snmp;

/// <summary>What a USM user's settings must satisfy, wherever they come from (configuration or the API).</summary>
public static class UsmUserRules
{
    public const int MinPassphraseLength = 8; // RFC 3414 §11.2 (net-snmp refuses shorter ones too)

    /// <summary>Each broken rule as (field, reason); none for a usable user.</summary>
    public static IEnumerable<(string Field, string Reason)> Check(AuthProtocol auth, string? authPassword, PrivProtocol priv, string? privPassword)
    {
        if (auth != AuthProtocol.None && authPassword is not { Length: >= MinPassphraseLength })
            yield return ("authPassword", $"at least {MinPassphraseLength} characters");
        if (auth == AuthProtocol.None && authPassword is not null) yield return ("authPassword", "only with an auth protocol");
        if (priv != PrivProtocol.None)
        {
            if (auth == AuthProtocol.None) yield return ("priv", "privacy needs authentication (an auth protocol)");
            if (privPassword is not { Length: >= MinPassphraseLength }) yield return ("privPassword", $"at least {MinPassphraseLength} characters");
        }
        if (priv == PrivProtocol.None && privPassword is not null) yield return ("privPassword", "only with a priv protocol");
    }
}
