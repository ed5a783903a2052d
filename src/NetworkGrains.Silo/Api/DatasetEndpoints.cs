using NetworkGrains.Abstractions.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Grains.Anomalies;
using NetworkGrains.Silo.Hosting;
using NetworkGrains.Silo.Persistence;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Api;

/// <summary>/api/v1/datasets: CSV uploads for training and validation, and /api/v1/training-jobs for the jobs that use them.</summary>
public static class DatasetEndpoints
{
    public const int MaxDatasetBytes = 32 * 1024 * 1024;
    private const int MaxRollupSeries = 256;
    private const int MaxLabelledAnomalies = 10_000;

    public static void MapDatasetEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/datasets", async (IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<IDatasetCatalogGrain>(IDatasetCatalogGrain.Key).List())).RequirePermission(Permissions.DataRead);
        app.MapPut("/api/v1/datasets/{name}", Put).Takes<string>("text/csv").RequirePermission(Permissions.DataWrite);
        app.MapPost("/api/v1/datasets/{name}/from-rollups", FromRollups).Takes<RollupDatasetBody>().Problems(409).RequirePermission(Permissions.DataWrite);
        app.MapGet("/api/v1/training-jobs/{id}", async (IGrainFactory grains, string id) =>
            TypedResults.Ok(await grains.GetGrain<ITrainingJobGrain>(id).Get() ?? throw new NotFoundProblem($"no training job {id}")))
            .Problems(404).RequirePermission(Permissions.DataRead);
    }

    private static Task<Results<Created<DatasetInfo>, ProblemHttpResult>> FromRollups(IGrainFactory grains, IRollupReader rollups, IAnomalyLog anomalies,
        SiloSettings settings, HttpRequest request, string name,
        CancellationToken cancellationToken) =>
        JsonBody.Handle<RollupDatasetBody, Created<DatasetInfo>>(request, cancellationToken, async body =>
        {
            var errors = new ValidationErrors();
            if (!ResourceNames.IsValid(name)) errors.Add("name", ResourceNames.Rule);
            if (body.Series is not { Length: > 0 and <= MaxRollupSeries }) errors.Add("series", $"1 to {MaxRollupSeries} series (device, metric, instance)");
            else if (body.Series.Any(s => s is null || string.IsNullOrEmpty(s.Device) || string.IsNullOrEmpty(s.Metric))) errors.Add("series", "each names a device and a metric");
            if (body.From is null || body.To is null || body.From >= body.To) errors.Add("from", "from and to are required, from before to");
            if (body.Layout is not ("series" or "table")) errors.Add("layout", "series or table");
            if (body.Labels == true && (body.Layout != "table" || body.Series?.Select(s => s?.Device).Distinct().Count() != 1))
                errors.Add("labels", "labels come from one device's anomalies: a table of one device's series");
            errors.ThrowIfAny();
            if (settings.Profile != SiloProfile.Postgres) throw new ConflictProblem("Rollups are kept only in the Postgres profile.");

            var read = new List<(RollupSeries, IReadOnlyList<RollupPoint>)>();
            foreach (var series in body.Series!)
                read.Add((series, await rollups.ReadAsync(series.Device, series.Metric, series.Instance, body.From!.Value, body.To!.Value, cancellationToken)));
            var labels = body.Labels == true ? await LabelsAsync(anomalies, body.Series![0].Device, body.From!.Value, cancellationToken) : null;
            var csv = body.Layout == "series" ? RollupDatasets.SeriesCsv(read) : RollupDatasets.TableCsv(read, labels);
            var devices = body.Series!.Select(s => s.Device).ToArray();
            var info = await grains.GetGrain<IDatasetCatalogGrain>(IDatasetCatalogGrain.Key).PutFromDevices(name, System.Text.Encoding.UTF8.GetBytes(csv), devices);
            return TypedResults.Created($"/api/v1/datasets/{name}", info);
        });

    private static async Task<IReadOnlyList<LabelSpan>> LabelsAsync(IAnomalyLog anomalies, string device, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var (items, _) = await anomalies.Query(new AnomalyQuery(null, null, from, device, 1, MaxLabelledAnomalies), cancellationToken);
        return [.. items.Select(LabelSpan.Of)];
    }

    private static async Task<Results<Created<DatasetInfo>, ProblemHttpResult>> Put(IGrainFactory grains, HttpRequest request, string name, CancellationToken cancellationToken)
    {
        if (!ResourceNames.IsValid(name)) throw InvalidInputProblem.Single("name", ResourceNames.Rule);
        var csv = await RequestBody.ReadAsync(request, MaxDatasetBytes, cancellationToken);
        if (csv is null) return RequestBody.TooLarge(MaxDatasetBytes);
        var info = await grains.GetGrain<IDatasetCatalogGrain>(IDatasetCatalogGrain.Key).Put(name, csv);
        return TypedResults.Created($"/api/v1/datasets/{name}", info);
    }
}
