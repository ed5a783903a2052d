using NetworkGrains.Abstractions.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Silo.Security;
using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Silo.Api;

/// <summary>The body of PUT /api/v1/devices/{id}/polling.</summary>
public sealed record PollingBody(string? Version, string? Credential, int? Port, TimeSpan? Interval, string[]? OidSets);

/// <summary>/api/v1/devices/{id}/polling: how (and whether) a device is polled.</summary>
public static class PollingEndpoints
{
    private static readonly string[] Versions = ["v1", "v2c", "v3"];
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    public static void MapPollingEndpoints(this IEndpointRouteBuilder app)
    {
        var polling = app.MapGroup("/api/v1/devices/{id}/polling");
        polling.MapGet("", async (IGrainFactory grains, string id) =>
            {
                await DeviceEndpoints.EnsureExists(grains, id);
                return TypedResults.Ok(await grains.GetGrain<IDeviceGrain>(id).GetPolling() ?? throw new NotFoundProblem($"Device '{id}' has no polling profile."));
            })
            .Problems(404).RequirePermission(Permissions.DeviceRead);
        polling.MapPut("", PutPolling).Takes<PollingBody>().Problems(404).RequirePermission(Permissions.DeviceWrite);
        polling.MapDelete("", async (IGrainFactory grains, string id) =>
        {
            await DeviceEndpoints.EnsureExists(grains, id);
            await grains.GetGrain<IDeviceGrain>(id).SetPolling(null);
            return TypedResults.NoContent();
        }).Problems(404).RequirePermission(Permissions.DeviceWrite);
    }

    private static async Task<Results<Ok<PollingProfile>, ProblemHttpResult>> PutPolling(IGrainFactory grains, SnmpPoller poller, HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, DeviceRequest.MaxBodyBytes, cancellationToken);
        if (body is null) return RequestBody.TooLarge(DeviceRequest.MaxBodyBytes);
        var errors = new ValidationErrors();
        if (!ApiJson.TryDeserialize<PollingBody>(body, errors, "the body must be a JSON object", out var polling)) throw errors.ToProblem();

        if (polling.Version is null || !Versions.Contains(polling.Version)) errors.Add("version", "v1, v2c or v3");
        var profile = new PollingProfile(polling.Version ?? "", polling.Credential ?? "", polling.Port ?? 161,
            polling.Interval ?? PollingSets.DefaultInterval, polling.OidSets ?? [PollingSets.System, PollingSets.Interfaces]);
        if (profile.Credential.Length == 0 || (!errors.Any && !poller.HasCredential(profile)))
            errors.Add("credential", "the name of a community (v1, v2c) or user (v3) configured under Snmp or created at /api/v1/snmp/credentials");
        if (profile.Port is < 1 or > 65535) errors.Add("port", "between 1 and 65535");
        if (profile.Interval < MinInterval || profile.Interval > MaxInterval) errors.Add("interval", "between 00:00:01 and 1.00:00:00");
        foreach (var set in profile.OidSets.Where(s => !PollingSets.All.Contains(s))) errors.Add("oidSets", $"unknown set '{set}' (known: {string.Join(", ", PollingSets.All)})");
        errors.ThrowIfAny();
        await DeviceEndpoints.EnsureExists(grains, id);

        await grains.GetGrain<IDeviceGrain>(id).SetPolling(profile);
        return TypedResults.Ok(profile);
    }
}
