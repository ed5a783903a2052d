using Microsoft.AspNetCore.Http.HttpResults;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Abstractions.Security;
using NetworkGrains.Silo.Application;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Api;

/// <summary>
/// GET /api/v1/devices/{id}/traffic-forecast?instance=&amp;horizon=24h: the interface's inbound traffic ahead, hour by
/// hour (<see cref="TrafficForecasts"/>); 409 with the reason while the device has too little history.
/// </summary>
public static class ForecastEndpoint
{
    public static void MapForecastEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/devices/{id}/traffic-forecast", Handle).Problems(404, 409).RequirePermission(Permissions.PredictionRun);

    private static async Task<Ok<TrafficForecast>> Handle(TrafficForecasts forecasts, string id, string? instance, string? horizon, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var span = QueryValues.Duration(horizon ?? "24h", "horizon", TrafficForecasts.MaxHorizon, errors);
        errors.ThrowIfAny();
        var answer = await forecasts.ForecastAsync(id, instance, span!.Value, cancellationToken);
        return TypedResults.Ok(answer.Forecast ?? throw new ConflictProblem(answer.Reason ?? "not enough history"));
    }
}
