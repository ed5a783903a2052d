using NetworkGrains.Abstractions.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Api;

/// <summary>
/// A prediction request: rows of feature values in the model's order, or one row as a name -> value map.
/// <see cref="Target"/> as in <see cref="ScoreRequest.Target"/>; <see cref="DeviceId"/> places the caller in a canary split.
/// </summary>
public sealed record PredictionBody(string? Model, string? Target, string? DeviceId, float[][]? Rows, Dictionary<string, float>? Features);

/// <summary>The scores of a prediction request, one per row, by the model version that served them.</summary>
public sealed record PredictionResult(string Model, int Version, double Threshold, Prediction[] Predictions);

public sealed record Prediction(float Score, bool AboveThreshold);

/// <summary>POST /api/v1/predictions (at once) and /api/v1/predictions/batch (202, a BatchJob to poll).</summary>
public static class PredictionEndpoints
{
    public const int MaxRowsAtOnce = 10_000;
    private const int MaxBatchBytes = RequestBody.LargestLimit;

    public static void MapPredictionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/predictions", Predict).Takes<PredictionBody>().Problems(404, 409, 422).RequirePermission(Permissions.PredictionRun);
        app.MapPost("/api/v1/predictions/batch", StartBatch).Takes<PredictionBody>().Problems(404).RequirePermission(Permissions.PredictionRun);
        app.MapGet("/api/v1/predictions/batch/{id}", async (IGrainFactory grains, string id) =>
            TypedResults.Ok(await grains.GetGrain<IPredictionBatchGrain>(id).Get() ?? throw new NotFoundProblem($"no batch job {id}")))
            .Problems(404).RequirePermission(Permissions.PredictionRun);
    }

    private static Task<Results<Ok<PredictionResult>, ProblemHttpResult>> Predict(IGrainFactory grains, HttpRequest request, CancellationToken cancellationToken) =>
        JsonBody.Handle<PredictionBody, Ok<PredictionResult>>(request, cancellationToken, async body =>
        {
            var score = await ToRequest(grains, body, MaxRowsAtOnce);
            var result = await grains.GetGrain<IInferenceGrain>(0).Score(score);
            return TypedResults.Ok(new PredictionResult(score.Model, result.Version, result.Threshold,
                [.. result.Scores.Select(s => new Prediction(s, s >= result.Threshold))]));
        }, MaxBatchBytes);

    private static Task<Results<Accepted<BatchJob>, ProblemHttpResult>> StartBatch(IGrainFactory grains, HttpRequest request, CancellationToken cancellationToken) =>
        JsonBody.Handle<PredictionBody, Accepted<BatchJob>>(request, cancellationToken, async body =>
        {
            var score = await ToRequest(grains, body, IPredictionBatchGrain.MaxRows);
            var id = Guid.NewGuid().ToString("N");
            var job = await grains.GetGrain<IPredictionBatchGrain>(id).Start(score);
            return TypedResults.Accepted($"/api/v1/predictions/batch/{id}", job);
        }, MaxBatchBytes);

    private static async Task<ScoreRequest> ToRequest(IGrainFactory grains, PredictionBody body, int maxRows)
    {
        var errors = new ValidationErrors();
        if (!ResourceNames.IsValid(body.Model)) errors.Add("model", "required: " + ResourceNames.Rule);
        if ((body.Rows is null) == (body.Features is null)) errors.Add("rows", "give either rows (arrays of feature values) or features (one row by name)");
        if (body.Rows is { } rows)
        {
            if (rows.Length is 0 || rows.Length > maxRows) errors.Add("rows", $"1 to {maxRows} rows");
            else if (rows.Any(r => r is null || r.Length != rows[0].Length || r.Length == 0)) errors.Add("rows", "every row has the same, non-zero number of values");
        }
        errors.ThrowIfAny();

        if (body.Features is { } named)
        {
            var summary = await grains.GetGrain<IModelGrain>(body.Model!).Get() ?? throw new NotFoundProblem($"no model named {body.Model}");
            var version = int.TryParse(body.Target, out var v) ? summary.Versions.FirstOrDefault(x => x.Version == v) : summary.Production ?? summary.Latest;
            if (version is null) throw new NotFoundProblem($"model {body.Model} has no version to take feature names from");
            var missing = version.Features.Where(f => !named.ContainsKey(f)).ToList();
            var unknown = named.Keys.Where(k => !version.Features.Contains(k)).ToList();
            if (missing.Count > 0) errors.Add("features", "missing " + string.Join(", ", missing));
            if (unknown.Count > 0) errors.Add("features", "not features of the model: " + string.Join(", ", unknown));
            errors.ThrowIfAny();
            return new ScoreRequest(body.Model!, body.Target, body.DeviceId, version.Features.Length, version.Features.Select(f => named[f]).ToArray());
        }

        return new ScoreRequest(body.Model!, body.Target, body.DeviceId, body.Rows![0].Length, body.Rows.SelectMany(r => r).ToArray());
    }
}
