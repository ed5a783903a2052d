using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Silo.Api;

/// <summary>/api/v1/datasets: CSV uploads for training and validation, and /api/v1/training-jobs for the jobs that use them.</summary>
public static class DatasetEndpoints
{
    public const int MaxDatasetBytes = 32 * 1024 * 1024;

    public static void MapDatasetEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/datasets", async (IGrainFactory grains) =>
            Results.Ok(await grains.GetGrain<IDatasetCatalogGrain>(IDatasetCatalogGrain.Key).List()));
        app.MapPut("/api/v1/datasets/{name}", Put);
        app.MapGet("/api/v1/training-jobs/{id}", async (IGrainFactory grains, string id) =>
            await grains.GetGrain<ITrainingJobGrain>(id).Get() is { } job
                ? Results.Ok(job)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"no training job {id}"));
    }

    private static Task<IResult> Put(IGrainFactory grains, HttpRequest request, string name, CancellationToken cancellationToken) =>
        GrainErrors.Handle(async () =>
        {
            if (!ResourceNames.IsValid(name)) return ValidationErrors.Single("name", ResourceNames.Rule);
            var csv = await RequestBody.ReadAsync(request, MaxDatasetBytes, cancellationToken);
            if (csv is null) return RequestBody.TooLarge(MaxDatasetBytes);
            var info = await grains.GetGrain<IDatasetCatalogGrain>(IDatasetCatalogGrain.Key).Put(name, csv);
            return Results.Created($"/api/v1/datasets/{name}", info);
        });
}
