using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Flows;

namespace NetworkGrains.Grains.Devices.Flows;

/// <summary>
/// One exporter's templates for one observation domain, in the cluster's storage: collectors record what they learn
/// here and ask here for what they lack. Bounded like a collector's cache; written only when something changed.
/// </summary>
public sealed partial class FlowTemplateGrain(
    [PersistentState("flow-templates", StorageNames.Devices)] IPersistentState<FlowTemplateState> state,
    ILogger<FlowTemplateGrain> logger) : Grain, IFlowTemplateGrain
{
    public async Task<int> Learn(FlowTemplateSpec[] templates)
    {
        var (refused, changed) = (0, false);
        var kept = state.State.Templates;
        foreach (var template in templates ?? [])
        {
            if (!FlowTemplateSpecs.IsUsable(template)) { refused++; continue; }
            if (kept.TryGetValue(template.Id, out var existing) && existing.IsOptions == template.IsOptions && existing.Fields.SequenceEqual(template.Fields)) continue;
            if (existing is null && kept.Count >= TemplateCache.MaxTemplatesPerExporter) { refused++; continue; }
            kept[template.Id] = template;
            changed = true;
        }
        if (refused > 0) LogRefused(this.GetPrimaryKeyString(), refused);
        if (changed) await state.WriteStateAsync();
        return refused;
    }

    public Task<FlowTemplateSpec[]> GetAll() => Task.FromResult(state.State.Templates.Values.ToArray());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Count} malformed or excess flow templates for {Key}")]
    private partial void LogRefused(string key, int count);
}
