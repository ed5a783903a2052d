using Microsoft.Extensions.Logging;
using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Grains.Audit;

/// <summary>
/// Records a change in the audit trail for every entry point (rest, chatops, rule, workflow). A trail that cannot
/// be written is logged and does not fail what was done: the change happened either way.
/// </summary>
public sealed partial class AuditTrail(IAuditLog log, TimeProvider clock, ILogger<AuditTrail> logger)
{
    public async Task RecordAsync(Actor actor, string source, string action, string target, string summary, string? remote = null, AuditChange? change = null)
    {
        try
        {
            await log.Append(new AuditEntry(clock.GetUtcNow(), actor.Id, actor.Roles, source, action, target, summary, remote, change?.Before, change?.After));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotAudited(ex, source, action, actor.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit trail did not take {Source} {Action} by {User}")]
    private partial void LogNotAudited(Exception ex, string source, string action, string user);
}
