using System.Collections.Concurrent;

namespace NetworkGrains.Protocols.Flows;

/// <summary>
/// Templates per (exporter address, source id or observation domain, template id), with what the exporter's
/// options data announced (sampling intervals, the time its sysUpTime started). Bounded per exporter (domains,
/// templates, samplers) and in exporters, so a template flood costs the flooding exporter its new templates and
/// nobody else theirs. Templates not refreshed for <see cref="Lifetime"/> expire (exporters over UDP resend them).
/// Not thread-safe: one cache per receive loop, but for <see cref="Import"/>. An <see cref="ITemplateObserver"/> hears
/// of templates learnt and missed.
/// </summary>
public sealed class TemplateCache(TimeProvider clock, ITemplateObserver? observer = null)
{
    public const int MaxTemplatesPerExporter = 1_024;
    public const int MaxDomainsPerExporter = 64;
    public const int MaxExporters = 4_096;
    private const int MaxSamplers = 256;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly Dictionary<FlowAddress, Exporter> _exporters = [];
    private readonly ConcurrentQueue<(FlowAddress Exporter, uint Domain, FlowTemplate Template)> _imports = new();

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    public int TemplateCount => _exporters.Values.Sum(e => e.TemplateCount);

    /// <summary>
    /// Stores or refreshes a template. A resent template that has not changed costs no allocation. False when a
    /// limit refuses it (the caller counts the drop).
    /// </summary>
    public bool Store(FlowAddress exporter, uint domain, ushort id, bool isOptions, ReadOnlySpan<TemplateField> fields)
    {
        if (!Put(exporter, domain, id, isOptions, fields, out var stored)) return false;
        if (stored is not null) observer?.Learnt(exporter, domain, stored);
        return true;
    }

    /// <summary>
    /// Templates of an exporter found elsewhere (another collector learnt them). Thread-safe: they are taken in on the
    /// owner's thread at its next lookup, each only where the exporter has not meanwhile sent its own (that one wins).
    /// Unusable ones are ignored.
    /// </summary>
    public void Import(FlowAddress exporter, uint domain, IEnumerable<FlowTemplate> templates)
    {
        foreach (var template in templates)
        {
            if (FlowTemplate.IsUsable(template.Fields)) _imports.Enqueue((exporter, domain, template));
        }
    }

    private void TakeImports()
    {
        while (_imports.TryDequeue(out var import))
        {
            var (exporter, domain, template) = import;
            if (Existing(exporter, domain) is var (_, templates) && templates.ContainsKey(template.Id)) continue;
            Put(exporter, domain, template.Id, template.IsOptions, template.Fields, out _);
        }
    }

    /// <summary>Stores a template; <paramref name="stored"/> is the new entry, or null when an unchanged one was only refreshed.</summary>
    private bool Put(FlowAddress exporter, uint domain, ushort id, bool isOptions, ReadOnlySpan<TemplateField> fields, out FlowTemplate? stored)
    {
        stored = null;
        if (Domain(exporter, domain) is not var (owner, templates)) return false;
        if (templates.TryGetValue(id, out var existing) && existing.IsOptions == isOptions && existing.Fields.AsSpan().SequenceEqual(fields))
        {
            existing.RefreshedAt = Now;
            return true;
        }
        if (existing is null)
        {
            if (owner.TemplateCount >= MaxTemplatesPerExporter) return false;
            owner.TemplateCount++;
        }
        templates[id] = stored = new FlowTemplate(id, fields.ToArray(), isOptions) { RefreshedAt = Now };
        return true;
    }

    public void Withdraw(FlowAddress exporter, uint domain, ushort templateId)
    {
        if (Existing(exporter, domain) is var (owner, templates) && templates.Remove(templateId)) owner.TemplateCount--;
    }

    public void WithdrawAll(FlowAddress exporter, uint domain, bool options)
    {
        if (Existing(exporter, domain) is not var (owner, templates)) return;
        foreach (var id in templates.Where(t => t.Value.IsOptions == options).Select(t => t.Key).ToArray())
        {
            templates.Remove(id);
            owner.TemplateCount--;
        }
    }

    /// <summary>The template a data set names; when it is missing (never sent, expired, withdrawn) the observer is told.</summary>
    public FlowTemplate? Find(FlowAddress exporter, uint domain, ushort templateId)
    {
        if (!_imports.IsEmpty) TakeImports();
        if (Existing(exporter, domain) is var (owner, templates) && templates.TryGetValue(templateId, out var template))
        {
            if (Now - template.RefreshedAt <= (long)Lifetime.TotalMilliseconds) return template;
            templates.Remove(templateId);
            owner.TemplateCount--;
        }
        observer?.Missed(this, exporter, domain, templateId);
        return null;
    }

    /// <summary>Sampler 0 stands for "the exporter's sampling" when options data name no sampler.</summary>
    public void SetSampling(FlowAddress exporter, uint domain, ulong samplerId, uint interval)
    {
        if (!_exporters.TryGetValue(exporter, out var owner) && Domain(exporter, domain) is null) return;
        owner ??= _exporters[exporter];
        var samplers = owner.Samplers;
        if (samplers.ContainsKey((domain, samplerId)) || samplers.Count < MaxSamplers) samplers[(domain, samplerId)] = interval;
    }

    /// <summary>The interval for a record: its sampler's, else the exporter's, else 1 (unsampled).</summary>
    public uint Sampling(FlowAddress exporter, uint domain, ulong? samplerId)
    {
        if (!_exporters.TryGetValue(exporter, out var owner) || owner.Samplers.Count == 0) return 1;
        if (samplerId is { } id && owner.Samplers.TryGetValue((domain, id), out var interval)) return interval;
        return owner.Samplers.TryGetValue((domain, 0), out var exporterWide) ? exporterWide : 1;
    }

    /// <summary>IPFIX exporters announce when their sysUpTime started (options data) instead of sending it per message.</summary>
    public void SetSystemInit(FlowAddress exporter, uint domain, ulong unixMilliseconds)
    {
        if (Domain(exporter, domain) is not null) _exporters[exporter].SystemInit[domain] = unixMilliseconds;
    }

    public ulong? SystemInit(FlowAddress exporter, uint domain) =>
        _exporters.TryGetValue(exporter, out var owner) && owner.SystemInit.TryGetValue(domain, out var init) ? init : null;

    private (Exporter Owner, Dictionary<ushort, FlowTemplate> Templates)? Existing(FlowAddress exporter, uint domain) =>
        _exporters.TryGetValue(exporter, out var owner) && owner.Domains.TryGetValue(domain, out var templates) ? (owner, templates) : null;

    private (Exporter Owner, Dictionary<ushort, FlowTemplate> Templates)? Domain(FlowAddress exporter, uint domain)
    {
        if (!_exporters.TryGetValue(exporter, out var owner))
        {
            if (_exporters.Count >= MaxExporters) return null;
            _exporters[exporter] = owner = new Exporter();
        }
        if (!owner.Domains.TryGetValue(domain, out var templates))
        {
            if (owner.Domains.Count >= MaxDomainsPerExporter) return null;
            owner.Domains[domain] = templates = [];
        }
        return (owner, templates);
    }

    private sealed class Exporter
    {
        public Dictionary<uint, Dictionary<ushort, FlowTemplate>> Domains { get; } = [];
        public int TemplateCount { get; set; }
        public Dictionary<(uint Domain, ulong Sampler), uint> Samplers { get; } = [];
        public Dictionary<uint, ulong> SystemInit { get; } = [];
    }
}
