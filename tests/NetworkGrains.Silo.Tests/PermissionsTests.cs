using Microsoft.AspNetCore.Builder;
using NetworkGrains.Abstractions.Security;
using NetworkGrains.Silo.Security;

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

    [Fact]
    public void Every_known_permission_is_granted_to_some_role_below_admin()
    {
        var ungranted = Permissions.Known.Where(p => Permissions.RolesWith(p).SequenceEqual([RoleNames.Admin])).ToList();

        Assert.Empty(ungranted);
    }

    [Fact]
    public void A_route_naming_an_unknown_permission_is_refused_when_it_is_mapped()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        var refused = Assert.Throws<ArgumentException>(() => app.MapGet("/x", () => "x").RequirePermission("device:raed"));

        Assert.Contains("device:raed", refused.Message);
        app.MapGet("/y", () => "y").RequirePermission(Permissions.DeviceRead);
    }
}
