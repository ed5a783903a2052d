using NetworkGrains.Abstractions.Security;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Grains.DataLifecycle;
using NetworkGrains.Grains.Devices;
using NetworkGrains.Grains.Devices.Detection;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Api;

/// <summary>/api/v1/devices: the inventory and each device's telemetry.</summary>
public static class DeviceEndpoints
{
    public static void MapDeviceEndpoints(this IEndpointRouteBuilder app)
    {
        var devices = app.MapGroup("/api/v1/devices");
        devices.MapGet("", ListDevices).RequirePermission(Permissions.DeviceRead);
        devices.MapGet("/{id}", GetDevice).Problems(404).RequirePermission(Permissions.DeviceRead);
        devices.MapPut("/{id}", PutDevice).Takes<DeviceBody>().Problems(409).RequirePermission(Permissions.DeviceWrite);
        devices.MapDelete("/{id}", PurgeDevice).Problems(404).RequirePermission(Permissions.DeviceDelete);
        devices.MapGet("/{id}/series", GetSeries).Problems(404).RequirePermission(Permissions.DeviceRead);
        devices.MapPost("/{id}/telemetry", PostTelemetry).Takes<ReadingBody[]>().Problems(404).RequirePermission(Permissions.DeviceWrite);
        devices.MapGet("/{id}/telemetry", TelemetryQueryEndpoint.Handle).Problems(404).RequirePermission(Permissions.DeviceRead);
        devices.MapGet("/{id}/traps", GetTraps).Problems(404).RequirePermission(Permissions.DeviceRead);
        devices.MapGet("/{id}/verdicts", GetVerdicts).Problems(404).RequirePermission(Permissions.DeviceRead);
    }

    private static async Task<Ok<Page<DeviceView>>> ListDevices(IGrainFactory grains, string? page, string? limit, string? site, string? role, string? tag)
    {
        var errors = new ValidationErrors();
        var paging = PageRequest.Read(page, limit, errors);
        errors.ThrowIfAny();

        var result = await grains.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key).List(new DeviceQuery(paging.Page, paging.Limit, site, role, tag));
        return TypedResults.Ok(new PageRequest(result.Page, result.Limit).Answer(result.Items.Select(DeviceView.From), result.Total));
    }

    private static async Task<Ok<DeviceView>> GetDevice(IGrainFactory grains, string id)
    {
        var record = DeviceIds.IsValid(id) ? await grains.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key).Get(id) : null;
        return TypedResults.Ok(DeviceView.From(record ?? throw UnknownDevice(id)));
    }

    private static async Task<Results<Created<DeviceView>, Ok<DeviceView>, ProblemHttpResult>> PutDevice(IGrainFactory grains, HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, DeviceRequest.MaxBodyBytes, cancellationToken);
        if (body is null) return RequestBody.TooLarge(DeviceRequest.MaxBodyBytes);
        if (!DeviceRequest.TryParse(id, body, out var record, out var errors)) throw errors.ToProblem();

        var outcome = await grains.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key).Register(record);
        return outcome switch
        {
            RegisterOutcome.Created => TypedResults.Created($"/api/v1/devices/{id}", DeviceView.From(record)),
            RegisterOutcome.Updated => TypedResults.Ok(DeviceView.From(record)),
            _ => throw new ConflictProblem($"Another device already has the management address {record.ManagementAddress}."),
        };
    }

    /// <summary>Deletion on request: purge=true is required, since the device goes with every row of its data.</summary>
    private static async Task<Ok<DevicePurgeResult>> PurgeDevice(DevicePurge purges, ApiCaller caller, HttpContext context, string id, string? purge,
        CancellationToken cancellationToken)
    {
        if (purge != "true")
            throw InvalidInputProblem.Single("purge", "must be true: deleting a device deletes its telemetry, traps, flows, verdicts and anomalies");
        if (!DeviceIds.IsValid(id)) throw UnknownDevice(id);
        return TypedResults.Ok(await purges.PurgeAsync(id, caller.Actor, "rest", context.Connection.RemoteIpAddress?.ToString(), cancellationToken) ?? throw UnknownDevice(id));
    }

    private static async Task<Ok<SeriesSummary[]>> GetSeries(IGrainFactory grains, string id)
    {
        await EnsureExists(grains, id);
        return TypedResults.Ok(await grains.GetGrain<IDeviceGrain>(id).GetSeries());
    }

    private static async Task<Ok<TrapEvent[]>> GetTraps(IGrainFactory grains, string id, string? last)
    {
        var errors = new ValidationErrors();
        var count = QueryValues.Last(last, 100, Limits.TrapsKept, errors);
        errors.ThrowIfAny();
        await EnsureExists(grains, id);
        return TypedResults.Ok(await grains.GetGrain<IDeviceGrain>(id).GetTraps(count));
    }

    private static async Task<Ok<DetectorVerdict[]>> GetVerdicts(IGrainFactory grains, string id, string? last)
    {
        var errors = new ValidationErrors();
        var count = QueryValues.Last(last, 20, Limits.VerdictsKept, errors);
        errors.ThrowIfAny();
        await EnsureExists(grains, id);
        return TypedResults.Ok(await grains.GetGrain<IDeviceGrain>(id).GetVerdicts(count));
    }

    private static async Task<Results<Ok<TelemetryReceipt>, ProblemHttpResult>> PostTelemetry(
        IGrainFactory grains, HttpRequest request, string id, IOptions<DeviceOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, TelemetryRequest.MaxBodyBytes, cancellationToken);
        if (body is null) return RequestBody.TooLarge(TelemetryRequest.MaxBodyBytes);
        if (!TelemetryRequest.TryParse(body, time.GetUtcNow(), options.Value.MaxFutureSkew, out var readings, out var errors))
            throw errors.ToProblem();
        await EnsureExists(grains, id);

        var result = await grains.GetGrain<IDeviceGrain>(id).Ingest(new TelemetryBatch(readings));
        return TypedResults.Ok(TelemetryReceipt.From(result));
    }

    internal static async Task<bool> Exists(IGrainFactory grains, string id) =>
        DeviceIds.IsValid(id) && await grains.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key).Get(id) is not null;

    /// <summary>NotFoundProblem unless a device has this id.</summary>
    internal static async Task EnsureExists(IGrainFactory grains, string id)
    {
        if (!await Exists(grains, id)) throw UnknownDevice(id);
    }

    internal static NotFoundProblem UnknownDevice(string id) => new($"No device has the id '{id}'.");
}

/// <summary>
/// What a device did with posted telemetry: readings not accepted are counted, never silently lost. <see cref="NotKept"/>
/// readings left the device's window in this request without their minutes being stored, for <see cref="NotKeptReason"/>
/// (absent when all were kept): older_than_window (the default profile keeps rollups only in the window; a backfill
/// older than the window keeps its newest hour) or rollup_backlog_full.
/// </summary>
public sealed record TelemetryReceipt(int Accepted, int OutOfOrder, int Invalid, int Discontinuities, int NotKept)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NotKeptReason? NotKeptReason { get; init; }

    public static TelemetryReceipt From(IngestResult result) =>
        new(result.Accepted, result.OutOfOrder, result.Invalid, result.Discontinuities, result.NotKept) { NotKeptReason = result.NotKeptReason };
}

/// <summary>A device as the API shows it: the credential is named, never revealed.</summary>
public sealed record DeviceView(
    string Id, string Name, string ManagementAddress, string? Site, string? Role, string? Vendor, string? Model,
    string[] Tags, string? SnmpCredential)
{
    public static DeviceView From(DeviceRecord r) =>
        new(r.Id, r.Name, r.ManagementAddress, r.Site, r.Role, r.Vendor, r.Model, r.Tags, r.SnmpCredential);
}
