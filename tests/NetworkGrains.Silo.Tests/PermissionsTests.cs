using NetworkGrains.Abstractions.Security;

namespace NetworkGrains.Silo.Tests;

public sealed class PermissionsTests
{
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
    [InlineData("admin", "admin:unmapped", true)]
    [InlineData("network_admin", "admin:unmapped", false)]
    [InlineData("guest", "device:read", false)]
    public void Roles_grant_the_seeds_permissions(string role, string permission, bool allowed) =>
        Assert.Equal(allowed, Permissions.Allows([role], permission));

    [Fact]
    public void Refusals_can_say_which_roles_would_do()
    {
        Assert.Equal(["ml_admin", "admin"], Permissions.RolesWith("model:deploy:production"));
    }
}
