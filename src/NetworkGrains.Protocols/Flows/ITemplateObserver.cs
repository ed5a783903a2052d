namespace NetworkGrains.Protocols.Flows;

/// <summary>
/// Told by a <see cref="TemplateCache"/>, on its owner's thread, what its exporters taught it and what it lacked, so
/// that templates can be kept beyond one process. Must return at once: it is called from the receive loop.
/// </summary>
public interface ITemplateObserver
{
    /// <summary>An exporter sent a template that is new here or changed; a resent one that has not changed is not told.</summary>
    void Learnt(FlowAddress exporter, uint domain, FlowTemplate template);

    /// <summary>A data set named a template the cache does not have; what is found elsewhere goes to <see cref="TemplateCache.Import"/>.</summary>
    void Missed(TemplateCache cache, FlowAddress exporter, uint domain, ushort templateId);
}
