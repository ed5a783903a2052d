using NetworkGrains.Abstractions.Security;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Grains.ChatOps;
using NetworkGrains.Silo.Api;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.ChatOps;

public sealed record NotificationBody(string? Type, string? AnomalyId, string? Model, int? Version, string? Title, string? Text, AnomalySeverity? Severity);

/// <summary>How many subscribed conversations a notification went to.</summary>
public sealed record NotificationReceipt(string Type, int Delivered);

/// <summary>POST /api/v1/chatops/notifications: sends a notification through the bot to the subscribed conversations (202, with how many got it).</summary>
public static class ChatOpsEndpoints
{
    public const string AnomalyDetected = "anomaly_detected";
    public const string ModelDeployed = "model_deployed";
    public const string Message = "message";

    public static void MapChatOpsEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/chatops/notifications", (IGrainFactory grains, HttpRequest request, CancellationToken cancellationToken) =>
            JsonBody.Handle<NotificationBody, IResult>(request, cancellationToken, async body =>
            {
                var notifier = grains.GetGrain<IChatNotifierGrain>(IChatNotifierGrain.Key);
                int delivered;
                switch (body.Type)
                {
                    case AnomalyDetected when ResourceNames.IsValid(body.AnomalyId):
                        var anomaly = await grains.GetGrain<IAnomalyGrain>(body.AnomalyId!).Get() ?? throw new NotFoundProblem($"no anomaly {body.AnomalyId}");
                        delivered = await notifier.AnomalyDetected(anomaly);
                        break;
                    case ModelDeployed when ResourceNames.IsValid(body.Model) && body.Version is > 0:
                        delivered = await notifier.ModelDeployed(body.Model!, body.Version.Value, "api");
                        break;
                    case Message when body.Title is { Length: > 0 and <= 200 } && body.Text is { Length: > 0 and <= 4000 }:
                        var severity = body.Severity ?? AnomalySeverity.Low;
                        delivered = await notifier.Card(ChatCards.Notice(body.Title, body.Text, severity >= AnomalySeverity.High ? "Attention" : null).ToJsonString(), severity, body.Title);
                        break;
                    default:
                        return ValidationErrors.Single("type", $"{AnomalyDetected} with anomalyId, {ModelDeployed} with model and version, or {Message} with title (200) and text (4000)");
                }

                return Results.Accepted(value: new NotificationReceipt(body.Type, delivered));
            })).Takes<NotificationBody>().Returns<NotificationReceipt>(202).Problems(404).RequirePermission(Permissions.ChatOpsSend);
}
