using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Models;
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
        models.MapGet("", List).Returns<Page<ModelView>>().RequirePermission("model:read");
        models.MapPost("", Create).Takes<CreateModelBody>().Returns<ModelView>(201).Problems(409).RequirePermission("model:create");
        models.MapGet("/{id}", (IGrainFactory grains, string id) => GrainErrors.Handle(async () => Results.Ok(ModelView.From(await Existing(grains, id), full: true))))
            .Returns<ModelView>().Problems(404).RequirePermission("model:read");
        models.MapPut("/{id}", Update).Takes<UpdateModelBody>().Returns<ModelView>().Problems(404).RequirePermission("model:create");
        models.MapPost("/{id}/versions", UploadVersion).Takes<byte[]>("application/octet-stream").Returns<ModelVersion>(201).Problems(404, 422).RequirePermission("model:create");
        models.MapGet("/{id}/versions/{version:int}", GetVersion).Returns<ModelVersion>().Problems(404).RequirePermission("model:read");
        models.MapPost("/{id}/versions/{version:int}/validate", Validate).Takes<ValidateBody>().Returns<ModelVersion>().Problems(404, 409, 422).RequirePermission("model:train");
        models.MapPost("/{id}/versions/{version:int}/approve", Approve).Takes<StageBody>().Returns<ModelView>().Problems(404, 409).RequirePermission("model:approve");
        models.MapPost("/{id}/versions/{version:int}/promote", Promote).Takes<StageBody>().Returns<ModelView>().Problems(404, 409).RequirePermission("model:deploy:staging");
        models.MapPost("/{id}/deploy", Deploy).Takes<DeployBody>().Returns<ModelView>(202).Problems(404, 409).RequirePermission("model:deploy:staging");
        models.MapPost("/{id}/rollback", Rollback).Takes<ReasonBody>().Returns<ModelView>().Problems(404, 409).RequirePermission("model:deploy:staging");
        models.MapPut("/{id}/aliases/{alias}", SetAlias).Takes<AliasBody>().Returns<ModelView>().Problems(404, 409).RequirePermission("model:deploy:staging");
        models.MapDelete("/{id}/aliases/{alias}", (IGrainFactory grains, ApiCaller caller, string id, string alias) =>
            GrainErrors.Handle(async () => Results.Ok(ModelView.From(await grains.GetGrain<IModelGrain>(id).SetAlias(alias, null, caller.Actor), full: false))))
            .Returns<ModelView>().Problems(404, 409).RequirePermission("model:deploy:staging");
        models.MapPut("/{id}/canary", SetCanary).Takes<CanaryBody>().Returns<ModelView>().Problems(404, 409).RequirePermission("model:deploy:staging");
        models.MapPost("/{id}/train", Train).Takes<TrainBody>().Returns<TrainingJob>(202).Problems(404).RequirePermission("model:train");
        models.MapPut("/{id}/retraining", SetRetraining).Takes<RetrainingBody>().Returns<ModelView>().Problems(404).RequirePermission("model:create");
        models.MapDelete("/{id}/retraining", (IGrainFactory grains, ApiCaller caller, string id) =>
            GrainErrors.Handle(async () => Results.Ok(ModelView.From(await grains.GetGrain<IModelGrain>(id).SetRetraining(null, caller.Actor), full: false))))
            .Returns<ModelView>().Problems(404).RequirePermission("model:create");
    }

    /// <summary>A route under /models/{id} answers 400 for an id that cannot name a model and 404 for a model that does not exist.</summary>
    private static async ValueTask<object?> KnownModelOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.GetRouteValue("id") is not string id) return await next(context);
        if (!ResourceNames.IsValid(id)) return ValidationErrors.Single("id", ResourceNames.Rule);
        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        return await grains.GetGrain<IModelGrain>(id).Get() is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"no model named {id}")
            : await next(context);
    }

    private static async Task<IResult> List(ModelReads models, string? type, string? status, string? page, string? limit)
    {
        var errors = new ValidationErrors();
        var paging = PageRequest.Read(page, limit, errors);
        var typeFilter = QueryValues.Enum<ModelType>(type, "type", errors);
        if (status is not null and not ("production" or "staging" or "development" or "archived" or "untrained"))
            errors.Add("status", "one of production, staging, development, archived, untrained");
        if (errors.Any) return errors.ToResult();

        var summaries = (await models.List(typeFilter)).Where(m => status is null || ModelView.StatusOf(m) == status).ToList();
        return Results.Ok(paging.Answer(paging.Of(summaries).Select(m => ModelView.From(m, full: false)), summaries.Count));
    }

    private static async Task<IResult> Create(IGrainFactory grains, ApiCaller caller, HttpRequest request, CancellationToken cancellationToken)
    {
        var input = await JsonBody.ReadAsync<CreateModelBody>(request, cancellationToken);
        if (input.Value is not { } body) return input.Problem!;
        var errors = new ValidationErrors();
        if (!ResourceNames.IsValid(body.Name)) errors.Add("name", ResourceNames.Rule);
        if (body.Type is null) errors.Add("type", "required: one of " + string.Join(", ", Enum.GetValues<ModelType>().Select(SnakeCaseNames.Of)));
        if (body.Description is { Length: > 1000 }) errors.Add("description", "at most 1000 characters");
        if (errors.Any) return errors.ToResult();

        var model = grains.GetGrain<IModelGrain>(body.Name!);
        if (!await model.Create(body.Type!.Value, body.Description ?? "", caller.Actor))
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Model exists", detail: $"A model named '{body.Name}' exists already.");
        return Results.Created($"/api/v1/models/{body.Name}", ModelView.From((await model.Get())!, full: true));
    }

    private static Task<IResult> Update(IGrainFactory grains, ApiCaller caller, HttpRequest request, string id, CancellationToken cancellationToken) =>
        JsonBody.Handle<UpdateModelBody>(request, cancellationToken, async body =>
        {
            if (body.Description is null or { Length: > 1000 }) return ValidationErrors.Single("description", "required, at most 1000 characters");
            return Results.Ok(ModelView.From(await grains.GetGrain<IModelGrain>(id).Describe(body.Description, caller.Actor), full: true));
        });

    private static Task<IResult> UploadVersion(IGrainFactory grains, ApiCaller caller, HttpRequest request, string id, CancellationToken cancellationToken) =>
        GrainErrors.Handle(async () =>
        {
            var onnx = await RequestBody.ReadAsync(request, MaxArtifactBytes, cancellationToken);
            if (onnx is null) return RequestBody.TooLarge(MaxArtifactBytes);
            var version = await grains.GetGrain<IModelGrain>(id).AddVersion(new NewModelVersion(onnx, [], caller.Actor.Id));
            return Results.Created($"/api/v1/models/{id}/versions/{version.Version}", version);
        });

    private static Task<IResult> GetVersion(IGrainFactory grains, string id, int version) =>
        GrainErrors.Handle(async () => (await Existing(grains, id)).Versions.FirstOrDefault(v => v.Version == version) is { } found
            ? Results.Ok(found)
            : throw new KeyNotFoundException($"model {id} has no version {version}"));

    private static Task<IResult> Validate(IGrainFactory grains, ApiCaller caller, HttpRequest request, string id, int version, CancellationToken cancellationToken) =>
        JsonBody.Handle<ValidateBody>(request, cancellationToken, async body =>
            body.Dataset is null
                ? ValidationErrors.Single("dataset", "required: the name of a labelled dataset")
                : Results.Ok(await grains.GetGrain<IModelGrain>(id).Validate(version, body.Dataset, caller.Actor)));

    private static Task<IResult> Approve(IGrainFactory grains, ApiCaller caller, HttpRequest request, string id, int version, CancellationToken cancellationToken) =>
        JsonBody.Handle<StageBody>(request, cancellationToken, async body =>
            body.Stage is not (ModelStage.Staging or ModelStage.Production)
                ? ValidationErrors.Single("stage", "staging or production")
                : Outcome(await grains.GetGrain<IModelGrain>(id).Approve(version, body.Stage.Value, caller.Actor), StatusCodes.Status200OK));

    private static Task<IResult> Promote(ModelCommands models, ApiCaller caller, HttpRequest request, string id, int version, CancellationToken cancellationToken) =>
        JsonBody.Handle<StageBody>(request, cancellationToken, async body =>
            Outcome(await models.Promote(caller.Actor, id, version, body.Stage, body.Reason), StatusCodes.Status200OK));

    /// <summary>The seed's deploy: a promotion (to production unless said), answered 202 as serving workers pick it up within seconds.</summary>
    private static Task<IResult> Deploy(ModelCommands models, ApiCaller caller, HttpRequest request, string id, CancellationToken cancellationToken) =>
        JsonBody.Handle<DeployBody>(request, cancellationToken, async body =>
            Outcome(await models.Deploy(caller.Actor, id, body.Version, body.Stage, body.Reason), StatusCodes.Status202Accepted));

    private static Task<IResult> Rollback(ModelCommands models, ApiCaller caller, HttpRequest request, string id, CancellationToken cancellationToken) =>
        JsonBody.Handle<ReasonBody>(request, cancellationToken, async body => Outcome(await models.Rollback(caller.Actor, id, body.Reason), StatusCodes.Status200OK));

    private static Task<IResult> SetAlias(IGrainFactory grains, ApiCaller caller, HttpRequest request, string id, string alias, CancellationToken cancellationToken) =>
        JsonBody.Handle<AliasBody>(request, cancellationToken, async body =>
            !ResourceNames.IsValid(alias) ? ValidationErrors.Single("alias", ResourceNames.Rule)
            : body.Version is null ? ValidationErrors.Single("version", "required")
            : Results.Ok(ModelView.From(await grains.GetGrain<IModelGrain>(id).SetAlias(alias, body.Version, caller.Actor), full: false)));

    private static Task<IResult> SetCanary(ModelCommands models, ApiCaller caller, HttpRequest request, string id, CancellationToken cancellationToken) =>
        JsonBody.Handle<CanaryBody>(request, cancellationToken, async body => Results.Ok(ModelView.From(await models.SetCanary(caller.Actor, id, body.Percent), full: false)));

    private static Task<IResult> Train(TrainingCommands training, ApiCaller caller, HttpRequest request, string id, CancellationToken cancellationToken) =>
        JsonBody.Handle<TrainBody>(request, cancellationToken, async body =>
        {
            var job = await training.Start(caller.Actor, id, body.Dataset, body.Algorithm, body.Options, body.ValidationDataset);
            return Results.Accepted($"/api/v1/training-jobs/{job.Id}", job);
        });

    private static Task<IResult> SetRetraining(IGrainFactory grains, ApiCaller caller, HttpRequest request, string id, CancellationToken cancellationToken) =>
        JsonBody.Handle<RetrainingBody>(request, cancellationToken, async body =>
        {
            if (!ResourceNames.IsValid(body.Dataset)) return ValidationErrors.Single("dataset", "required: " + ResourceNames.Rule);
            if (body.ValidationDataset is not null && !ResourceNames.IsValid(body.ValidationDataset)) return ValidationErrors.Single("validationDataset", ResourceNames.Rule);
            var policy = new RetrainingPolicy(body.Dataset!, body.Algorithm, body.ValidationDataset, body.OnDrift ?? true);
            return Results.Ok(ModelView.From(await grains.GetGrain<IModelGrain>(id).SetRetraining(policy, caller.Actor), full: false));
        });

    private static IResult Outcome(PromotionResult result, int status) => result.Done
        ? Results.Json(ModelView.From(result.Model!, full: true), ApiJson.Options, statusCode: status)
        : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Refused by the registry", detail: result.Refusal);

    private static async Task<ModelSummary> Existing(IGrainFactory grains, string id) =>
        await grains.GetGrain<IModelGrain>(id).Get() ?? throw new KeyNotFoundException($"no model named {id}");
}
