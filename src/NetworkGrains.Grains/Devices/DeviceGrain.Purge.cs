using Orleans.Runtime;

namespace NetworkGrains.Grains.Devices;

/// <summary>Deletion on request: the device's state goes, and nothing in memory is written back on the way out.</summary>
public sealed partial class DeviceGrain
{
    private bool _purged;

    public async Task<bool> Purge()
    {
        var had = state.RecordExists;
        _purged = true;
        _pollTimer?.Dispose();
        (_traps, _talkers, _detectors, _multivariate, _anomalies, _backlog, _dirty) = (null, null, null, null, null, null, false);
        if (await this.GetReminder(PollingReminder) is { } reminder) await this.UnregisterReminder(reminder);
        await state.ClearStateAsync();
        DeactivateOnIdle();
        return had;
    }
}
