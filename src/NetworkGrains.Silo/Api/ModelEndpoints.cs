using NetworkGrains.Abstractions.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Grains.Models;
using NetworkGrains.Silo.Application;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Api;

/// <summary>/api/v1/models: the registry (the seed's contract plus versions, stages, aliases, canary and rollback).</summary>
public static class ModelEndpoints
{
    private const int MaxArtifactBytes = RequestBody.LargestLimit;

    public static void MapModelEndpoints(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/v1/models");
        models.AddEndpointFilter(KnownModelOnly);
        models.MapGet("", List).RequirePermission(Permissions.ModelRead);
        models.MapPost("", Create).Takes<CreateModelBody>().Problems(409).RequirePermission(Permissions.ModelCreate);
        models.MapGet("/{id}", async (IGrainFactory grains, string id) => TypedResults.Ok(ModelView.From(await Existing(grains, id), full: true)))
            .Problems(404).RequirePermission(Permissions.ModelRead);
        models.MapPut("/{id}", Update).Takes<UpdateModelBody>().Problems(404).RequirePermission(Permissions.ModelCreate);
        models.MapPost("/{id}/versions", UploadVersion).Takes<byte[]>("application/octet-stream").Problems(404, 422).RequirePermission(Permissions.ModelCreate);
        models.MapGet("/{id}/versions/{version:int}", GetVersion).Problems(404).RequirePermission(Permissions.ModelRead);
        models.MapPost("/{id}/versions/{version:int}/validate", Validate).Takes<ValidateBody>().Problems(404, 409, 422).RequirePermission(Permissions.ModelTrain);
        models.MapPost("/{id}/versions/{version:int}/approve", Approve).Takes<StageBody>().Problems(404, 409).RequirePermission(Permissions.ModelApprove);
        models.MapPost("/{id}/versions/{version:int}/promote", Promote).Takes<StageBody>().Problems(404, 409).RequirePermission(Permissions.ModelDeployStaging);
        models.MapPost("/{id}/deploy", Deploy).Takes<DeployBody>().Problems(404, 409).RequirePermission(Permissions.ModelDeployStaging);
        models.MapPost("/{id}/rollback", Rollback).Takes<ReasonBody>().Problems(404, 409).RequirePermission(Permissions.ModelDeployStaging);
        models.MapPut("/{id}/aliases/{alias}", SetAlias).Takes<AliasBody>().Problems(404, 409).RequirePermission(Permissions.ModelDeployStaging);
        models.MapDelete("/{id}/aliases/{alias}", async (IGrainFactory grains, ApiCaller caller, string id, string alias) =>
                TypedResults.Ok(ModelView.From(await grains.GetGrain<IModelGrain>(id).SetAlias(alias, null, caller.Actor), full: false)))
            .Problems(404, 409).RequirePermission(Permissions.ModelDeployStaging);
        models.MapPut("/{id}/canary", SetCanary).Takes<CanaryBody>().Problems(404, 409).RequirePermission(Permissions.ModelDeployStaging);
        models.MapPost("/{id}/train", Train).Takes<TrainBody>().Problems(404).RequirePermission(Permissions.ModelTrain);
        models.MapPut("/{id}/retraining", SetRetraining).Takes<RetrainingBody>().Problems(404).RequirePermission(Permissions.ModelCreate);
        models.MapDelete("/{id}/retraining", async (IGrainFactory grains, ApiCaller caller, string id) =>
                TypedResults.Ok(ModelView.From(await grains.GetGrain<IModelGrain>(id).SetRetraining(null, caller.Actor), full: false)))
            .Problems(404).RequirePermission(Permissions.ModelCreate);
    }

    /// <summary>A route under /models/{id} answers 400 for an id that cannot name a model and 404 for a model that does not exist.</summary>
    private static async ValueTask<object?> KnownModelOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.GetRouteValue("id") is not string id) return await next(context);
        if (!ResourceNames.IsValid(id)) throw InvalidInputProblem.Single("id", ResourceNames.Rule);
        await Existing(context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>(), id);
        return await next(context);
    }

    private static async Task<Ok<Page<ModelView>>> List(ModelReads models, string? type, string? status, string? page, string? limit)
    {
        var errors = new ValidationErrors();
        var paging = PageRequest.Read(page, limit, errors);
        var typeFilter = QueryValues.Enum<ModelType>(type, "type", errors);
        if (status is not null and not ("production" or "staging" or "development" or "archived" or "untrained"))
            errors.Add("status", "one of production, staging, development, archived, untrained");
        errors.ThrowIfAny();

        var summaries = (await models.List(typeFilter)).Where(m => status is null || ModelView.StatusOf(m) == status).ToList();
        return TypedResults.Ok(paging.Answer(paging.Of(summaries).Select(m => ModelView.From(m, full: false)), summaries.Count));
    }

    private static Task<Results<Created<ModelView>, ProblemHttpResult>> Create(IGrainFactory grains, ApiCaller caller, HttpRequest request, CancellationToken cancellationToken) =>
        JsonBody.Handle<CreateModelBody, Created<ModelView>>(request, cancellationToken, async body =>
        {
            var errors = new ValidationErrors();
            if (!ResourceNames.IsValid(body.Name)) errors.Add("name", ResourceNames.Rule);
            if (body.Type is null) errors.Add("type", "required: one of " + string.Join(", ", Enum.GetValues<ModelType>().Select(SnakeCaseNames.Of)));
            if (body.Description is { Length: > 1000 }) errors.Add("description", "at most 1000 characters");
            errors.ThrowIfAny();

            var model = grains.GetGrain<IModelGrain>(body.Name!);
            if (!await model.Create(body.Type!.Value, body.Description ?? "", caller.Actor)) throw new ConflictProblem($"A model named '{body.Name}' exists already.");
            return TypedResults.Created($"/api/v1/models/{body.Name}", ModelView.From((await model.Get())!, full: true));
        });

    private static Task<Results<Ok<ModelView>, ProblemHttpResult>> Update(IGrainFactory grains, ApiCaller caller, HttpRequest request, string id, CancellationToken cancellationToken) =>
        JsonBody.Handle<UpdateModelBody, Ok<ModelView>>(request, cancellationToken, async body =>
        {
            if (body.Description is null or { Length: > 1000 }) throw InvalidInputProblem.Single("description", "required, at most 1000 characters");
            return TypedResults.Ok(ModelView.From(await grains.GetGrain<IModelGrain>(id).Describe(body.Description, caller.Actor), full: true));
        });

    private static async Task<Results<Created<ModelVersion>, ProblemHttpResult>> UploadVersion(IGrainFactory grains, ApiCaller caller, HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        var onnx = await RequestBody.ReadAsync(request, MaxArtifactBytes, cancellationToken);
        if (onnx is null) return RequestBody.TooLarge(MaxArtifactBytes);
        var version = await grains.GetGrain<IModelGrain>(id).AddVersion(new NewModelVersion(onnx, [], caller.Actor.Id));
        return TypedResults.Created($"/api/v1/models/{id}/versions/{version.Version}", version);
    }

    private static async Task<Ok<ModelVersion>> GetVersion(IGrainFactory grains, string id, int version) =>
        TypedResults.Ok((await Existing(grains, id)).Versions.FirstOrDefault(v => v.Version == version) ?? throw new NotFoundProblem($"model {id} has no version {version}"));

    private static Task<Results<Ok<ModelVersion>, ProblemHttpResult>> Validate(IGrainFactory grains, ApiCaller caller, HttpRequest request, string id, int version,
        CancellationToken cancellationToken) =>
        JsonBody.Handle<ValidateBody, Ok<ModelVersion>>(request, cancellationToken, async body =>
            TypedResults.Ok(await grains.GetGrain<IModelGrain>(id).Validate(version,
                body.Dataset ?? throw InvalidInputProblem.Single("dataset", "required: the name of a labelled dataset"), caller.Actor)));

    private static Task<Results<Ok<ModelView>, ProblemHttpResult>> Approve(IGrainFactory grains, ApiCaller caller, HttpRequest request, string id, int version,
        CancellationToken cancellationToken) =>
        JsonBody.Handle<StageBody, Ok<ModelView>>(request, cancellationToken, async body =>
            body.Stage is not (ModelStage.Staging or ModelStage.Production)
                ? throw InvalidInputProblem.Single("stage", "staging or production")
                : Full(await grains.GetGrain<IModelGrain>(id).Approve(version, body.Stage.Value, caller.Actor)));

    private static Task<Results<Ok<ModelView>, ProblemHttpResult>> Promote(ModelCommands models, ApiCaller caller, HttpRequest request, string id, int version,
        CancellationToken cancellationToken) =>
        JsonBody.Handle<StageBody, Ok<ModelView>>(request, cancellationToken, async body => Full(await models.Promote(caller.Actor, id, version, body.Stage, body.Reason)));

    /// <summary>The seed's deploy: a promotion (to production unless said), answered 202 as serving workers pick it up within seconds.</summary>
    private static Task<Results<Accepted<ModelView>, ProblemHttpResult>> Deploy(ModelCommands models, ApiCaller caller, HttpRequest request, string id,
        CancellationToken cancellationToken) =>
        JsonBody.Handle<DeployBody, Accepted<ModelView>>(request, cancellationToken, async body =>
            TypedResults.Accepted((string?)null, ModelView.From(await models.Deploy(caller.Actor, id, body.Version, body.Stage, body.Reason), full: true)));

    private static Task<Results<Ok<ModelView>, ProblemHttpResult>> Rollback(ModelCommands models, ApiCaller caller, HttpRequest request, string id,
        CancellationToken cancellationToken) =>
        JsonBody.Handle<ReasonBody, Ok<ModelView>>(request, cancellationToken, async body => Full(await models.Rollback(caller.Actor, id, body.Reason)));

    private static Task<Results<Ok<ModelView>, ProblemHttpResult>> SetAlias(IGrainFactory grains, ApiCaller caller, HttpRequest request, string id, string alias,
        CancellationToken cancellationToken) =>
        JsonBody.Handle<AliasBody, Ok<ModelView>>(request, cancellationToken, async body =>
            !ResourceNames.IsValid(alias) ? throw InvalidInputProblem.Single("alias", ResourceNames.Rule)
            : body.Version is null ? throw InvalidInputProblem.Single("version", "required")
            : TypedResults.Ok(ModelView.From(await grains.GetGrain<IModelGrain>(id).SetAlias(alias, body.Version, caller.Actor), full: false)));

    private static Task<Results<Ok<ModelView>, ProblemHttpResult>> SetCanary(ModelCommands models, ApiCaller caller, HttpRequest request, string id,
        CancellationToken cancellationToken) =>
        JsonBody.Handle<CanaryBody, Ok<ModelView>>(request, cancellationToken, async body =>
            TypedResults.Ok(ModelView.From(await models.SetCanary(caller.Actor, id, body.Percent), full: false)));

    private static Task<Results<Accepted<TrainingJob>, ProblemHttpResult>> Train(TrainingCommands training, ApiCaller caller, HttpRequest request, string id,
        CancellationToken cancellationToken) =>
        JsonBody.Handle<TrainBody, Accepted<TrainingJob>>(request, cancellationToken, async body =>
        {
            var job = await training.Start(caller.Actor, id, body.Dataset, body.Algorithm, body.Options, body.ValidationDataset);
            return TypedResults.Accepted($"/api/v1/training-jobs/{job.Id}", job);
        });

    private static Task<Results<Ok<ModelView>, ProblemHttpResult>> SetRetraining(IGrainFactory grains, ApiCaller caller, HttpRequest request, string id,
        CancellationToken cancellationToken) =>
        JsonBody.Handle<RetrainingBody, Ok<ModelView>>(request, cancellationToken, async body =>
        {
            if (!ResourceNames.IsValid(body.Dataset)) throw InvalidInputProblem.Single("dataset", "required: " + ResourceNames.Rule);
            if (body.ValidationDataset is not null && !ResourceNames.IsValid(body.ValidationDataset)) throw InvalidInputProblem.Single("validationDataset", ResourceNames.Rule);
            var policy = new RetrainingPolicy(body.Dataset!, body.Algorithm, body.ValidationDataset, body.OnDrift ?? true);
            return TypedResults.Ok(ModelView.From(await grains.GetGrain<IModelGrain>(id).SetRetraining(policy, caller.Actor), full: false));
        });

    private static Ok<ModelView> Full(ModelSummary model) => TypedResults.Ok(ModelView.From(model, full: true));

    private static async Task<ModelSummary> Existing(IGrainFactory grains, string id) =>
        await grains.GetGrain<IModelGrain>(id).Get() ?? throw new NotFoundProblem($"no model named {id}");
}
