using NetworkGrains.Abstractions.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Silo.Api;
using NetworkGrains.Silo.Application;
using NetworkGrains.Silo.Security;
using NetworkGrains.Silo.Ui.Parts;

namespace NetworkGrains.Silo.Ui;

/// <summary>
/// What the console's buttons post to (/ui/actions/...): each declares its permission as REST's endpoint does (deny
/// by default, 403 for roles without it), checks the form's antiforgery token, calls the use case REST calls, and is
/// audited (<see cref="ConsoleAudit"/>). Done: 303 back to the page. Refused input: the page of the problem, with the
/// field and the reason, and REST's status code.
/// </summary>
public static class ConsoleActions
{
    private delegate Task ConsoleAction(HttpContext context, IFormCollection form, Actor actor);

    public static void MapConsoleActions(this IEndpointRouteBuilder app)
    {
        var actions = app.MapGroup("/ui/actions");
        actions.Map("/anomalies/{id}/investigate", Permissions.AnomalyWrite, "/api/v1/anomalies/{id}", (context, form, actor) =>
            Use<AnomalyCommands>(context).Investigate(actor, Route(context, "id"), form.Field("notes") ?? (form.Field("acknowledge") is null ? null : "acknowledged in the console")));
        actions.Map("/anomalies/{id}/resolve", Permissions.AnomalyWrite, "/api/v1/anomalies/{id}", (context, form, actor) =>
            Use<AnomalyCommands>(context).Resolve(actor, Route(context, "id"), Parse<AnomalyStatus>(form, "resolution", "resolved or false_positive"), form.Field("notes")));
        actions.Map("/silences", Permissions.AutomationWrite, "/api/v1/automation/silences", async (context, form, actor) =>
        {
            var silence = await Use<SilenceCommands>(context).Create(actor, null, form.Field("deviceId"), Parse<AnomalyCategory>(form, "category"), form.Field("metric"),
                form.Field("duration"), form.Field("comment"));
            ConsoleAudit.Created(context, $"/api/v1/automation/silences/{silence.Id}");
        });
        actions.Map("/silences/{id}/expire", Permissions.AutomationWrite, "/api/v1/automation/silences/{id}", (context, _, _) =>
            Use<SilenceCommands>(context).Expire(Route(context, "id")));
        actions.Map("/workflow-runs/{runId}/approve", Permissions.WorkflowApprove, "/api/v1/automation/workflow-runs/{runId}", (context, form, actor) =>
            Use<WorkflowRunCommands>(context).Decide(actor, Route(context, "runId"), approve: true, form.Field("comment")));
        actions.Map("/workflow-runs/{runId}/reject", Permissions.WorkflowApprove, "/api/v1/automation/workflow-runs/{runId}", (context, form, actor) =>
            Use<WorkflowRunCommands>(context).Decide(actor, Route(context, "runId"), approve: false, form.Field("comment")));
        actions.Map("/models/{id}/promote", Permissions.ModelDeployStaging, "/api/v1/models/{id}", (context, form, actor) =>
            Use<ModelCommands>(context).Promote(actor, Route(context, "id"), Int(form, "version") ?? throw InvalidInputProblem.Single("version", "required"), Parse<ModelStage>(form, "stage"), form.Field("reason")));
        actions.Map("/models/{id}/rollback", Permissions.ModelDeployStaging, "/api/v1/models/{id}", (context, form, actor) =>
            Use<ModelCommands>(context).Rollback(actor, Route(context, "id"), form.Field("reason")));
        actions.Map("/models/{id}/canary", Permissions.ModelDeployStaging, "/api/v1/models/{id}", (context, form, actor) =>
            Use<ModelCommands>(context).SetCanary(actor, Route(context, "id"), Int(form, "percent")));
    }

    private static void Map(this RouteGroupBuilder group, string pattern, string permission, string audited, ConsoleAction action) =>
        group.MapPost(pattern, (Delegate)((HttpContext context) => Run(context, action)))
            .RequirePermission(permission).WithMetadata(new AuditedResource(audited)).ExcludeFromDescription();

    private static async Task<IResult> Run(HttpContext context, ConsoleAction action)
    {
        var (form, problem) = await ConsoleForms.ReadAsync(context);
        var back = ConsoleForms.ReturnUrl(form?.Field("returnUrl"));
        if (form is null) return Refused(problem!, back);
        try
        {
            await action(context, form, ApiPrincipal.ToActor(context.User));
            return ConsoleForms.SeeOther(context, back);
        }
        catch (DomainProblem refused)
        {
            return Refused(ApiProblems.ToProblemDetails(refused), back);
        }
    }

    private static RazorComponentResult<ActionRefused> Refused(Microsoft.AspNetCore.Mvc.ProblemDetails problem, string back) =>
        new(new Dictionary<string, object?> { [nameof(ActionRefused.Problem)] = problem, [nameof(ActionRefused.ReturnUrl)] = back }) { StatusCode = problem.Status };

    private static T Use<T>(HttpContext context) where T : notnull => context.RequestServices.GetRequiredService<T>();

    private static string Route(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? "";

    /// <summary>A snake_case value of <typeparamref name="TEnum"/>; anything else is refused with <paramref name="reason"/> (else the values it may be).</summary>
    private static TEnum? Parse<TEnum>(IFormCollection form, string field, string? reason = null) where TEnum : struct, Enum
    {
        var errors = new ValidationErrors();
        var value = QueryValues.Enum<TEnum>(form.Field(field), field, errors);
        if (errors.Any && reason is not null) throw InvalidInputProblem.Single(field, reason);
        errors.ThrowIfAny();
        return value;
    }

    private static int? Int(IFormCollection form, string field)
    {
        var errors = new ValidationErrors();
        var value = QueryValues.Int(form.Field(field), field, errors);
        errors.ThrowIfAny();
        return value;
    }
}
