using NetworkGrains.Abstractions.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices;
using NetworkGrains.Protocols.Syslog;
using NetworkGrains.Silo.Application;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Api;

/// <summary>/api/v1/devices/{id}/logs: a device's newest syslog messages, filtered by severity and text.</summary>
public static class SyslogEndpoints
{
    private const int MaxQueryLength = 256;

    public static void MapSyslogEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/devices/{id}/logs", GetLogs).Problems(404).RequirePermission(Permissions.DeviceRead);

    /// <summary>The newest <c>last</c> (100, at most 1,000) of the device's messages at <c>severity</c> or more severe, containing <c>q</c> (any case): in the Postgres profile, among all it keeps.</summary>
    private static async Task<Ok<IEnumerable<LogEntryView>>> GetLogs(IGrainFactory grains, SyslogReads logs, string id, string? last, string? severity, string? q,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var count = QueryValues.Last(last, 100, Limits.SyslogKept, errors);
        int? maxSeverity = null;
        if (severity is not null)
        {
            if (SyslogPri.TryParseSeverity(severity, out var parsed)) maxSeverity = parsed;
            else errors.Add("severity", "0 to 7, or one of emerg, alert, crit, err, warning, notice, info, debug (this severity or more severe)");
        }
        if (q is not null && (q.Length is 0 or > MaxQueryLength || q.Any(char.IsControl)))
            errors.Add("q", $"1 to {MaxQueryLength} characters, without control characters");
        errors.ThrowIfAny();
        await DeviceEndpoints.EnsureExists(grains, id);
        var entries = await logs.Newest(id, new SyslogQuery(count, maxSeverity, q), cancellationToken);
        return TypedResults.Ok(entries.Select(LogEntryView.From));
    }
}

/// <summary>
/// A syslog message as the API shows it: facility and severity as numbers and names (the vendor's severity when the
/// message carries one), the vendor facility and mnemonic, the structured data, and the typed event (interface_down,
/// interface_up, adjacency_down, adjacency_up, authentication_failure, config_change, environment_alarm; or null).
/// </summary>
public sealed record LogEntryView(
    DateTimeOffset Timestamp, DateTimeOffset ReceivedAt, string SourceAddress, string? Hostname, string? AppName, string? ProcId, string? MsgId,
    int Facility, string FacilityName, int Severity, string SeverityName, string? VendorFacility, string? Mnemonic, string Message,
    SyslogElement[] StructuredData, string? Event, string? Subject, string? Protocol)
{
    public static LogEntryView From(SyslogEntry e) => new(
        e.Timestamp, e.ReceivedAt, e.SourceAddress, e.HostName, e.AppName, e.ProcId, e.MsgId, e.Facility, SyslogPri.FacilityName(e.Facility),
        e.Severity, SyslogPri.SeverityName(e.Severity), e.VendorFacility, e.Mnemonic, e.Message, e.StructuredData, e.Event is { } kind ? SnakeCaseNames.Of(kind) : null, e.Subject, e.Protocol);
}
