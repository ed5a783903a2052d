using NetworkGrains.Abstractions.Security;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Tests;

public sealed class PermissionsTests
{
    [Theory]
    [InlineData("GET", "/health", null)]
    [InlineData("POST", "/api/messages", null)]
    [InlineData("GET", "/metrics", "infrastructure:read")]
    [InlineData("GET", "/dashboard/index.html", "infrastructure:read")]
    [InlineData("GET", "/api/v1/devices", "device:read")]
    [InlineData("PUT", "/api/v1/devices/edge-1", "device:write")]
    [InlineData("POST", "/api/v1/devices/edge-1/telemetry", "device:write")]
    [InlineData("GET", "/api/v1/flows/summary", "flow:read")]
    [InlineData("PUT", "/api/v1/snmp/credentials/lab", "snmp:write")]
    [InlineData("POST", "/api/v1/models", "model:create")]
    [InlineData("POST", "/api/v1/models/m/train", "model:train")]
    [InlineData("POST", "/api/v1/models/m/deploy", "model:deploy:staging")]
    [InlineData("PUT", "/api/v1/models/m/aliases/champion", "model:deploy:staging")]
    [InlineData("POST", "/api/v1/models/m/versions/2/approve", "model:approve")]
    [InlineData("PUT", "/api/v1/datasets/d", "data:write")]
    [InlineData("POST", "/api/v1/predictions", "prediction:run")]
    [InlineData("POST", "/api/v1/anomalies/a/resolve", "anomaly:write")]
    [InlineData("POST", "/api/v1/automation/rules", "automation:write")]
    [InlineData("POST", "/api/v1/automation/rules/r/execute", "automation:execute")]
    [InlineData("POST", "/api/v1/automation/workflows", "workflow:write")]
    [InlineData("POST", "/api/v1/automation/workflows/w/runs", "workflow:run")]
    [InlineData("POST", "/api/v1/automation/workflow-runs/r/approve", "workflow:approve")]
    [InlineData("POST", "/api/v1/chatops/notifications", "chatops:send")]
    [InlineData("GET", "/api/v1/audit", "audit:read")]
    [InlineData("GET", "/openapi/v1.json", "docs:read")]
    [InlineData("DELETE", "/api/v1/anything-new", RoutePermissions.Unmapped)]
    public void Each_route_needs_its_permission(string method, string path, string? permission) =>
        Assert.Equal(permission, RoutePermissions.For(method, path));

    [Theory]
    [InlineData("viewer", "device:read", true)]
    [InlineData("viewer", "device:write", false)]
    [InlineData("operator", "infrastructure:read", true)]
    [InlineData("network_admin", "snmp:write", true)]
    [InlineData("network_admin", "model:train", false)]
    [InlineData("ml_engineer", "model:deploy:staging", true)]
    [InlineData("ml_engineer", "model:deploy:production", false)]
    [InlineData("ml_admin", "model:deploy:production", true)]
    [InlineData("data_scientist", "experiment:compare", true)]
    [InlineData("data_scientist", "data:write", false)]
    [InlineData("security_admin", "audit:read", true)]
    [InlineData("incident_responder", "workflow:approve", true)]
    [InlineData("admin", RoutePermissions.Unmapped, true)]
    [InlineData("guest", "device:read", false)]
    public void Roles_grant_the_seeds_permissions(string role, string permission, bool allowed) =>
        Assert.Equal(allowed, Permissions.Allows([role], permission));

    [Fact]
    public void Refusals_can_say_which_roles_would_do()
    {
        Assert.Equal(["ml_admin", "admin"], Permissions.RolesWith("model:deploy:production"));
    }
}
