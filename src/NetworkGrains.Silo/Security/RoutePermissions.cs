namespace NetworkGrains.Silo.Security;

/// <summary>
/// The permission each request needs, from its method and path: one table for the whole API (deny by default).
/// Null: open to anyone (health, and /api/messages, which checks the Bot Framework's own token).
/// </summary>
public static class RoutePermissions
{
    public const string Unmapped = "admin:unmapped";

    public static string? For(string method, string path)
    {
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments[0] is "health" || path.Equals("/api/messages", StringComparison.OrdinalIgnoreCase)) return null;
        if (segments[0] is "metrics" or "dashboard") return "infrastructure:read";
        if (segments[0] is "openapi") return "docs:read";
        if (segments.Length < 3 || segments[0] != "api" || segments[1] != "v1") return read ? null : Unmapped; // static files of the dashboard, 404s
        var last = segments[^1];
        return segments[2] switch
        {
            "devices" => read ? "device:read" : "device:write",
            "flows" => "flow:read",
            "snmp" => read ? "snmp:read" : "snmp:write",
            "models" => read ? "model:read" : Model(segments, last),
            "datasets" or "training-jobs" => read ? "data:read" : "data:write",
            "predictions" => "prediction:run",
            "anomalies" => read ? "anomaly:read" : "anomaly:write",
            "automation" => Automation(segments, last, read),
            "chatops" => "chatops:send",
            "audit" => "audit:read",
            _ => Unmapped,
        };
    }

    /// <summary>Deploying to staging is the least a deploy needs; the endpoint asks for model:deploy:production when that is the stage.</summary>
    private static string Model(string[] segments, string last) => last switch
    {
        "train" or "validate" => "model:train",
        "deploy" or "promote" or "rollback" or "canary" => "model:deploy:staging",
        "approve" => "model:approve",
        _ when segments.Contains("aliases") => "model:deploy:staging",
        _ => "model:create",
    };

    private static string Automation(string[] segments, string last, bool read) => segments.ElementAtOrDefault(3) switch
    {
        "workflows" when read => "workflow:read",
        "workflows" when last == "runs" => "workflow:run",
        "workflows" => "workflow:write",
        "workflow-runs" when read => "workflow:read",
        "workflow-runs" when last is "approve" or "reject" => "workflow:approve",
        "workflow-runs" => "workflow:run",
        _ when read => "automation:read",
        _ when last == "execute" => "automation:execute",
        _ => "automation:write",
    };
}
