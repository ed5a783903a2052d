namespace NetworkGrains.Abstractions.Security;

/// <summary>
/// The seed's roles and what each may do, as "resource:action" permissions ("model:*" covers every model action,
/// "*" everything). One table for REST, ChatOps and the actions rules and workflows take.
/// </summary>
public static class Permissions
{
    private static readonly string[] Read =
        ["device:read", "flow:read", "model:read", "data:read", "anomaly:read", "automation:read", "workflow:read", "prediction:run", "docs:read"];

    private static readonly string[] Operate = [.. Read, "anomaly:write", "workflow:run", "infrastructure:read", "chatops:send"];

    public static readonly IReadOnlyDictionary<string, string[]> ByRole = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["viewer"] = Read,
        ["operator"] = Operate,
        ["network_admin"] = [.. Operate, "device:*", "flow:*", "snmp:*", "automation:*", "workflow:*"],
        ["security_admin"] = [.. Read, "audit:read", "snmp:*", "anomaly:write", "infrastructure:read"],
        ["incident_responder"] = [.. Read, "anomaly:*", "workflow:*", "automation:execute", "chatops:send"],
        ["ml_engineer"] = [.. Read, "model:create", "model:train", "model:deploy:staging", "data:*"],
        ["ml_admin"] = [.. Read, "model:*", "data:*", "infrastructure:*", "prediction:*", "experiment:*"],
        ["data_scientist"] = ["model:read", "experiment:*", "data:read", "prediction:run", "device:read", "anomaly:read", "docs:read"],
        ["admin"] = ["*"],
    };

    public static IEnumerable<string> Roles => ByRole.Keys;

    /// <summary>Whether any of <paramref name="roles"/> grants <paramref name="permission"/>.</summary>
    public static bool Allows(IEnumerable<string> roles, string permission) =>
        roles.Any(role => ByRole.TryGetValue(role, out var granted) && granted.Any(g => Covers(g, permission)));

    /// <summary>The roles that grant <paramref name="permission"/> (for refusals that say whom to ask).</summary>
    public static string[] RolesWith(string permission) => [.. ByRole.Where(r => r.Value.Any(g => Covers(g, permission))).Select(r => r.Key)];

    private static bool Covers(string granted, string permission) =>
        granted == "*" || granted == permission
        || (granted.EndsWith(":*", StringComparison.Ordinal) && permission.StartsWith(granted[..^1], StringComparison.Ordinal));
}
