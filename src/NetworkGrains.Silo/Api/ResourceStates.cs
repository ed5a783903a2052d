using System.Text.Json;
using System.Text.Json.Nodes;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Silo.Api;

/// <summary>
/// A resource of the API as its GET shows it (secrets never included), found from its path: what the audit trail
/// compares before and after a change, whichever entry point (REST, ChatOps) made it. Null: no such resource, or a
/// path that names none (a collection, an action without a resource of its own), or no path.
/// </summary>
public sealed class ResourceStates(IGrainFactory grains, SnmpCredentials credentials)
{
    public async Task<JsonObject?> ReadAsync(string? path)
    {
        if (path is null) return null;
        var s = path.Trim('/').Split('/');
        if (s.Length < 4 || s[0] != "api" || s[1] != "v1") return null;
        // /api/v1/{kind}/{id}/... and, one level deeper, /api/v1/automation/rules/{id}, /api/v1/snmp/credentials/{name}
        var (kind, id, rest) = s[2] is "automation" or "snmp" && s.Length >= 5 ? ($"{s[2]}/{s[3]}", s[4], s[5..]) : (s[2], s[3], s[4..]);
        if (!ResourceNames.IsValid(id) && !DeviceIds.IsValid(id)) return null;
        object? state = (kind, rest) switch
        {
            ("devices", []) => await Device(id),
            ("devices", ["polling"]) => await grains.GetGrain<IDeviceGrain>(id).GetPolling(),
            ("models", _) => await grains.GetGrain<IModelGrain>(id).Get() is { } model ? ModelView.From(model, full: false) : null,
            ("anomalies", _) => await grains.GetGrain<IAnomalyGrain>(id).Get(),
            ("datasets", _) => (await grains.GetGrain<IDatasetCatalogGrain>(IDatasetCatalogGrain.Key).List()).FirstOrDefault(d => d.Name == id),
            ("snmp/credentials", []) => credentials.Describe().FirstOrDefault(c => c.Name == id),
            ("automation/rules", _) => await grains.GetGrain<IRuleGrain>(id).Get() is { } rule ? RuleView.From(rule) : null,
            ("automation/workflows", _) => await grains.GetGrain<IWorkflowGrain>(id).Get() is { } workflow ? WorkflowView.From(workflow) : null,
            ("automation/workflow-runs", _) => await grains.GetGrain<IWorkflowRunGrain>(id).Get(),
            ("automation/silences", []) => (await grains.GetGrain<IAutomationCatalogGrain>(IAutomationCatalogGrain.Key).Silences()).FirstOrDefault(x => x.Id == id),
            _ => null,
        };
        return state is null ? null : JsonSerializer.SerializeToNode(state, state.GetType(), ApiJson.Options) as JsonObject;
    }

    private async Task<DeviceView?> Device(string id) =>
        await grains.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key).Get(id) is { } record ? DeviceView.From(record) : null;
}
