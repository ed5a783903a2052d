using System.Collections.Concurrent;

namespace NetworkGrains.Grains.Audit;

/// <summary>
/// One state change: who (and with which roles), through what (rest, chatops, rule, workflow), what, on what, from
/// where, and the fields it changed as they were and became (see <see cref="AuditChange"/>).
/// </summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string[] Roles, string Source, string Action, string Target, string Summary, string? Remote,
    string? Before = null, string? After = null);

/// <summary>Filters of the audit trail: each null means any; newest first.</summary>
public sealed record AuditQuery(string? Actor, string? Source, string? Action, DateTimeOffset? Since, int Page, int Limit);

/// <summary>The append-only audit trail (PostgreSQL table audit_log in the Postgres profile, memory in the default one). Never holds a secret.</summary>
public interface IAuditLog
{
    Task Append(AuditEntry entry, CancellationToken cancellationToken = default);

    Task<(AuditEntry[] Items, int Total)> Query(AuditQuery query, CancellationToken cancellationToken = default);
}

public sealed class MemoryAuditLog : IAuditLog
{
    private const int Kept = 100_000;
    private readonly ConcurrentQueue<AuditEntry> _entries = new();

    public Task Append(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > Kept) _entries.TryDequeue(out _);
        return Task.CompletedTask;
    }

    public Task<(AuditEntry[] Items, int Total)> Query(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var matching = _entries.Reverse()
            .Where(e => (query.Actor is null || e.Actor == query.Actor) && (query.Source is null || e.Source == query.Source)
                        && (query.Action is null || e.Action.Contains(query.Action, StringComparison.OrdinalIgnoreCase)) && (query.Since is null || e.At >= query.Since))
            .ToList();
        return Task.FromResult((matching.Skip((query.Page - 1) * query.Limit).Take(query.Limit).ToArray(), matching.Count));
    }
}
