using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Silo.Persistence;

namespace NetworkGrains.Silo.Application;

/// <summary>
/// A device's series over a time range (REST's telemetry query, the console's charts): raw points from the device's
/// window, or 1-minute rollups from the store overlaid by the minutes the device still holds (not written behind
/// yet, or newer than what was: in its window or its backlog).
/// </summary>
public sealed class TelemetryReads(IGrainFactory grains, IRollupReader rollupReader)
{
    public Task<TelemetryPoint[]> Raw(string deviceId, string metric, string? instance, DateTimeOffset from, DateTimeOffset to) =>
        grains.GetGrain<IDeviceGrain>(deviceId).GetRaw(metric, instance, from, to);

    public async Task<RollupPoint[]> Rollups(string deviceId, string metric, string? instance, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // The device first: a minute it no longer holds was stored before it answered, so the read after finds it.
        var held = await grains.GetGrain<IDeviceGrain>(deviceId).GetRollups(metric, instance, from, to);
        var stored = await rollupReader.ReadAsync(deviceId, metric, instance, from, to, cancellationToken);
        var heldMinutes = held.Select(h => h.Minute).ToHashSet();
        return [.. stored.Where(s => !heldMinutes.Contains(s.Minute)).Concat(held).OrderBy(r => r.Minute)];
    }
}
