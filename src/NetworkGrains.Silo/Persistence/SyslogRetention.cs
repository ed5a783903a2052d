using Microsoft.Extensions.Options;
using NetworkGrains.Silo.Syslog;

namespace NetworkGrains.Silo.Persistence;

/// <summary>Deletes syslog messages older than Syslog:Retention (30 days) from syslog_message: at start, then once a day.</summary>
public sealed partial class SyslogRetention(PostgresSyslogLog log, IOptions<SyslogOptions> options, TimeProvider time, ILogger<SyslogRetention> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                var deleted = await log.DeleteOlderThanAsync(options.Value.Retention, time.GetUtcNow(), stoppingToken);
                LogDeleted(deleted, options.Value.Retention);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Syslog retention: {Deleted} messages older than {Retention} deleted")]
    private partial void LogDeleted(int deleted, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Syslog retention failed; it runs again tomorrow")]
    private partial void LogFailed(Exception ex);
}
