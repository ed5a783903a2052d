using NetworkGrains.Abstractions.Models;
using NetworkGrains.Grains.Audit;

namespace NetworkGrains.Silo.ChatOps;

/// <summary>What Teams users changed (and what they were refused), in the audit trail with source "chatops".</summary>
public sealed partial class ChatAudit(IAuditLog audit, TimeProvider clock, ILogger<ChatAudit> logger)
{
    public async Task RecordAsync(Actor actor, string action, string target, string summary)
    {
        try
        {
            await audit.Append(new AuditEntry(clock.GetUtcNow(), actor.Id, actor.Roles, "chatops", action, target, summary, null));
        }
        catch (Exception ex)
        {
            LogNotAudited(ex, action, actor.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit trail did not take {Action} by {User}")]
    private partial void LogNotAudited(Exception ex, string action, string user);
}
