using System.Text.Json.Nodes;
using System.Text.Json;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.ChatOps;

/// <summary>POST /api/messages: the Bot Framework endpoint Teams (or the Agents Playground) sends activities to.</summary>
public static partial class MessagesEndpoint
{
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>An invoke is answered 200 with its JSON (e.g. the refreshed card); any other activity 202, as it is handled.</summary>
    public static void MapBotMessages(this IEndpointRouteBuilder app) => app.MapPost("/api/messages", HandleAsync)
        .Takes<JsonObject>().Returns<JsonObject>().Produces(StatusCodes.Status202Accepted)
        .AllowAnonymous(); // the Bot Framework's own token guards it (BotAuthenticator)

    private static async Task<IResult> HandleAsync(HttpRequest request, BotAuthenticator authenticator, BotActivityHandler handler, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null) return RequestBody.TooLarge(MaxBodyBytes);
        BotActivity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<BotActivity>(body, BotActivity.Json);
        }
        catch (JsonException ex)
        {
            return ValidationErrors.Single("$", "not a Bot Framework activity: " + ex.Message);
        }

        if (activity is null) return ValidationErrors.Single("$", "the body must be an activity object");
        if (activity.Problem() is { } problem) return ValidationErrors.Single("$", problem);
        if (await authenticator.RefusalAsync(request.Headers.Authorization, activity, cancellationToken) is { } refusal)
        {
            LogUnauthenticated(loggers.CreateLogger("NetworkGrains.Silo.ChatOps.Messages"), refusal);
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        return await handler.HandleAsync(activity, cancellationToken) is { } invokeResponse ? Results.Json(invokeResponse) : Results.Accepted();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot activity refused: {Reason}")]
    private static partial void LogUnauthenticated(ILogger logger, string reason);
}
