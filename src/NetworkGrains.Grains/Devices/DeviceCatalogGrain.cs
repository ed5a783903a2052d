using System.Net;
using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Problems;
using Orleans.Runtime;

namespace NetworkGrains.Grains.Devices;

/// <summary>
/// The inventory: every device's record, indexed by management address. It is the single writer of records, so
/// a management address belongs to at most one device.
/// </summary>
[GrainType("devicedirectory")] // its first name: clusters mid-upgrade and stored references find it
public sealed class DeviceCatalogGrain(
    [PersistentState("directory", StorageNames.Inventory)] IPersistentState<DeviceCatalogState> state,
    IOptions<InventoryOptions> options) : Grain, IDeviceCatalogGrain
{
    private static readonly KeyValuePair<string, object?> RegisteredTag = new("outcome", "registered");
    private static readonly KeyValuePair<string, object?> RejectedTag = new("outcome", "rejected");

    private readonly Dictionary<string, string> _idByAddress = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var record in state.State.Devices.Values) _idByAddress[record.ManagementAddress] = record.Id;
        return Task.CompletedTask;
    }

    public async Task<RegisterOutcome> Register(DeviceRecord record)
    {
        var outcome = await Apply(Normalize(record));
        if (outcome != RegisterOutcome.AddressInUse) await state.WriteStateAsync();
        return outcome;
    }

    public async Task<int> RegisterMany(DeviceRecord[] records)
    {
        var refused = 0;
        foreach (var record in records)
        {
            if (await Apply(Normalize(record)) == RegisterOutcome.AddressInUse) refused++;
        }
        await state.WriteStateAsync();
        return refused;
    }

    public Task<DeviceRecord?> Get(string deviceId) => Task.FromResult(state.State.Devices.GetValueOrDefault(deviceId));

    public async Task<bool> Remove(string deviceId)
    {
        if (!state.State.Devices.Remove(deviceId, out var record)) return false;
        _idByAddress.Remove(record.ManagementAddress);
        await state.WriteStateAsync();
        return true;
    }

    public Task<DevicePage> List(DeviceQuery query)
    {
        var matches = state.State.Devices.Values
            .Where(d => query.Site is null || d.Site == query.Site)
            .Where(d => query.Role is null || d.Role == query.Role)
            .Where(d => query.Tag is null || d.Tags.Contains(query.Tag))
            .Where(d => query.Search is null || d.Id.Contains(query.Search, StringComparison.OrdinalIgnoreCase)
                        || d.Name.Contains(query.Search, StringComparison.OrdinalIgnoreCase) || d.ManagementAddress.Contains(query.Search, StringComparison.Ordinal))
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        var items = matches.Skip((query.Page - 1) * query.Limit).Take(query.Limit).ToArray();
        return Task.FromResult(new DevicePage(items, query.Page, query.Limit, matches.Count));
    }

    public Task<string?> FindByAddress(string managementAddress) =>
        Task.FromResult(TryNormalizeAddress(managementAddress, out var address) ? _idByAddress.GetValueOrDefault(address) : null);

    public Task<string?> FindByHostName(string hostName)
    {
        if (state.State.Devices.ContainsKey(hostName)) return Task.FromResult<string?>(hostName);
        if (TryNormalizeAddress(hostName, out var address)) return Task.FromResult(_idByAddress.GetValueOrDefault(address));
        var label = hostName.Split('.')[0];
        var named = state.State.Devices.Values.FirstOrDefault(d => string.Equals(d.Name, hostName, StringComparison.OrdinalIgnoreCase)
            || string.Equals(d.Name, label, StringComparison.OrdinalIgnoreCase) || string.Equals(d.Id, label, StringComparison.Ordinal));
        return Task.FromResult(named?.Id);
    }

    public async Task<string?> ResolveSource(string sourceAddress)
    {
        if (!TryNormalizeAddress(sourceAddress, out var address)) return null;
        if (_idByAddress.TryGetValue(address, out var id)) return id;
        if (options.Value.UnknownSources == UnknownSourcePolicy.Reject)
        {
            NetworkGrainsMetrics.UnknownSources.Add(1, RejectedTag);
            return null;
        }

        var record = new DeviceRecord($"unknown-{address}", $"unknown-{address}", address, "unknown", null, null, null, ["auto-registered"], null);
        await Register(record);
        NetworkGrainsMetrics.UnknownSources.Add(1, RegisteredTag);
        return record.Id;
    }

    private async Task<RegisterOutcome> Apply(DeviceRecord record)
    {
        if (_idByAddress.TryGetValue(record.ManagementAddress, out var owner) && owner != record.Id)
            return RegisterOutcome.AddressInUse;

        await GrainFactory.GetGrain<IDeviceGrain>(record.Id).Configure(record);

        var existed = state.State.Devices.TryGetValue(record.Id, out var previous);
        if (previous is not null) _idByAddress.Remove(previous.ManagementAddress);
        state.State.Devices[record.Id] = record;
        _idByAddress[record.ManagementAddress] = record.Id;
        return existed ? RegisterOutcome.Updated : RegisterOutcome.Created;
    }

    private static DeviceRecord Normalize(DeviceRecord record) =>
        TryNormalizeAddress(record.ManagementAddress, out var address)
            ? record with { ManagementAddress = address }
            : throw InvalidInputProblem.Single("managementAddress", $"'{record.ManagementAddress}' is not an IP address.");

    /// <summary>One spelling per address, so "::ffff:10.0.0.1" and "10.0.0.1" find the same device.</summary>
    private static bool TryNormalizeAddress(string text, out string address)
    {
        address = "";
        if (!IPAddress.TryParse(text, out var ip)) return false;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        address = ip.ToString();
        return true;
    }
}
