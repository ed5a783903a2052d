using NetworkGrains.Abstractions.Security;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Grains.Snmp;
using NetworkGrains.Protocols.Snmp.V3;
using NetworkGrains.Silo.Security;
using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Silo.Api;

/// <summary>The body of PUT /api/v1/snmp/credentials/{name}: a community, or a USM user's protocols and passphrases.</summary>
public sealed record SnmpCredentialBody(string? Type, string? Community, string? Auth, string? AuthPassword, string? Priv, string? PrivPassword);

/// <summary>
/// /api/v1/snmp/credentials: SNMP communities and v3 users beside those in configuration, usable by polling
/// profiles and the trap receiver by name. Secrets go in and never come out (not in responses, not in logs).
/// </summary>
public static class SnmpCredentialEndpoints
{
    private const int MaxBodyBytes = 4 * 1024;

    public static void MapSnmpCredentialEndpoints(this IEndpointRouteBuilder app)
    {
        var credentials = app.MapGroup("/api/v1/snmp/credentials");
        credentials.MapGet("", (SnmpCredentials known) => TypedResults.Ok(known.Describe())).RequirePermission(Permissions.SnmpRead);
        credentials.MapPut("/{name}", PutCredential).Takes<SnmpCredentialBody>().Problems(409).RequirePermission(Permissions.SnmpWrite);
        credentials.MapDelete("/{name}", DeleteCredential).Problems(404, 409).RequirePermission(Permissions.SnmpWrite);
    }

    private static async Task<Results<Ok<SnmpCredentialView>, Created<SnmpCredentialView>, ProblemHttpResult>> PutCredential(
        IGrainFactory grains, SnmpCredentials known, HttpRequest request, string name, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null) return RequestBody.TooLarge(MaxBodyBytes);
        var errors = new ValidationErrors();
        if (!ApiJson.TryDeserialize<SnmpCredentialBody>(body, errors, "the body must be a JSON object", out var input)) throw errors.ToProblem();
        if (!ResourceNames.IsValid(name)) errors.Add("name", ResourceNames.Rule);
        var record = input.Type switch
        {
            "community" => Community(name, input, errors),
            "usm" => User(name, input, errors),
            _ => null,
        };
        if (input.Type is not ("community" or "usm")) errors.Add("type", "community or usm");
        if (errors.Any || record is null) throw errors.ToProblem();
        if (known.IsConfigured(name)) throw Configured(name);

        var store = grains.GetGrain<ISnmpCredentialStoreGrain>(ISnmpCredentialStoreGrain.Key);
        var existed = (await store.All()).Any(c => c.Name == name);
        await store.Put(record);
        await SnmpCredentialSync.ReloadAsync(known, grains);
        var view = known.Describe().Single(v => v.Name == name);
        return existed ? TypedResults.Ok(view) : TypedResults.Created($"/api/v1/snmp/credentials/{name}", view);
    }

    private static async Task<NoContent> DeleteCredential(IGrainFactory grains, SnmpCredentials known, string name)
    {
        if (known.IsConfigured(name)) throw Configured(name);
        if (!await grains.GetGrain<ISnmpCredentialStoreGrain>(ISnmpCredentialStoreGrain.Key).Remove(name))
            throw new NotFoundProblem($"No API-created SNMP credential is named '{name}'.");
        await SnmpCredentialSync.ReloadAsync(known, grains);
        return TypedResults.NoContent();
    }

    private static SnmpCredentialRecord? Community(string name, SnmpCredentialBody input, ValidationErrors errors)
    {
        if (input.Community is not { Length: > 0 } community || Encoding.UTF8.GetByteCount(community) > 255) errors.Add("community", "1-255 bytes");
        if (input.Auth is not null || input.AuthPassword is not null || input.Priv is not null || input.PrivPassword is not null)
            errors.Add("type", "a community has no auth or priv settings");
        return errors.Any ? null : new SnmpCredentialRecord(name, input.Community, nameof(AuthProtocol.None), null, nameof(PrivProtocol.None), null);
    }

    private static SnmpCredentialRecord? User(string name, SnmpCredentialBody input, ValidationErrors errors)
    {
        if (input.Community is not null) errors.Add("community", "a USM user has no community");
        var auth = Enum.TryParse<AuthProtocol>(input.Auth ?? "None", ignoreCase: true, out var a) && Enum.IsDefined(a) ? a : (AuthProtocol?)null;
        var priv = Enum.TryParse<PrivProtocol>(input.Priv ?? "None", ignoreCase: true, out var p) && Enum.IsDefined(p) ? p : (PrivProtocol?)null;
        if (auth is null) errors.Add("auth", $"one of {string.Join(", ", Enum.GetNames<AuthProtocol>())}");
        if (priv is null) errors.Add("priv", $"one of {string.Join(", ", Enum.GetNames<PrivProtocol>())}");
        if (auth is not null && priv is not null)
        {
            foreach (var (field, reason) in UsmUserRules.Check(auth.Value, input.AuthPassword, priv.Value, input.PrivPassword)) errors.Add(field, reason);
        }
        return errors.Any ? null : new SnmpCredentialRecord(name, null, auth!.Value.ToString(), input.AuthPassword, priv!.Value.ToString(), input.PrivPassword);
    }

    private static ConflictProblem Configured(string name) => new($"'{name}' is defined in the Snmp configuration; change it there.");
}
