namespace NetworkGrains.Abstractions.Security;

/// <summary>
/// The seed's roles and what each may do, as "resource:action" permissions ("model:*" covers every model action,
/// "*" everything). One table for REST, ChatOps and the actions rules and workflows take.
/// </summary>
public static class Permissions
{
    public const string DeviceRead = "device:read";
    public const string DeviceWrite = "device:write";
    public const string DeviceDelete = "device:delete";
    public const string DevicePurge = "device:purge";
    public const string FlowRead = "flow:read";
    public const string SnmpRead = "snmp:read";
    public const string SnmpWrite = "snmp:write";
    public const string ModelRead = "model:read";
    public const string ModelCreate = "model:create";
    public const string ModelTrain = "model:train";
    public const string ModelApprove = "model:approve";
    public const string ModelDeployStaging = "model:deploy:staging";
    public const string ModelDeployProduction = "model:deploy:production";
    public const string DataRead = "data:read";
    public const string DataWrite = "data:write";
    public const string PredictionRun = "prediction:run";
    public const string AnomalyRead = "anomaly:read";
    public const string AnomalyWrite = "anomaly:write";
    public const string AutomationRead = "automation:read";
    public const string AutomationWrite = "automation:write";
    public const string AutomationExecute = "automation:execute";
    public const string WorkflowRead = "workflow:read";
    public const string WorkflowWrite = "workflow:write";
    public const string WorkflowRun = "workflow:run";
    public const string WorkflowApprove = "workflow:approve";
    public const string ChatOpsSend = "chatops:send";
    public const string AuditRead = "audit:read";
    public const string InfrastructureRead = "infrastructure:read";
    public const string DocsRead = "docs:read";

    /// <summary>Every permission an endpoint, a chat command or a card may ask for (a route naming another one fails at start).</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        DeviceRead, DeviceWrite, DeviceDelete, DevicePurge, FlowRead, SnmpRead, SnmpWrite,
        ModelRead, ModelCreate, ModelTrain, ModelApprove, ModelDeployStaging, ModelDeployProduction, DataRead, DataWrite, PredictionRun,
        AnomalyRead, AnomalyWrite, AutomationRead, AutomationWrite, AutomationExecute, WorkflowRead, WorkflowWrite, WorkflowRun, WorkflowApprove,
        ChatOpsSend, AuditRead, InfrastructureRead, DocsRead,
    };

    private static readonly string[] Read =
        [DeviceRead, FlowRead, ModelRead, DataRead, AnomalyRead, AutomationRead, WorkflowRead, PredictionRun, DocsRead];

    private static readonly string[] Operate = [.. Read, AnomalyWrite, WorkflowRun, InfrastructureRead, ChatOpsSend];

    public static readonly IReadOnlyDictionary<string, string[]> ByRole = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [RoleNames.Viewer] = Read,
        [RoleNames.Operator] = Operate,
        [RoleNames.NetworkAdmin] = [.. Operate, "device:*", "flow:*", "snmp:*", "automation:*", "workflow:*"],
        [RoleNames.SecurityAdmin] = [.. Read, AuditRead, "snmp:*", AnomalyWrite, InfrastructureRead],
        [RoleNames.IncidentResponder] = [.. Read, "anomaly:*", "workflow:*", AutomationExecute, ChatOpsSend],
        [RoleNames.MlEngineer] = [.. Read, ModelCreate, ModelTrain, ModelDeployStaging, "data:*"],
        [RoleNames.MlAdmin] = [.. Read, "model:*", "data:*", "infrastructure:*", "prediction:*", "experiment:*"],
        [RoleNames.DataScientist] = [ModelRead, "experiment:*", DataRead, PredictionRun, DeviceRead, AnomalyRead, DocsRead],
        [RoleNames.Admin] = ["*"],
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
