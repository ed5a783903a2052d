using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Ui;

/// <summary>What a page does with bad query values: shows the API's validation problem (the field and the reason) with REST's status code, never an error page.</summary>
public static class ConsolePage
{
    public static ProblemDetails? Refuse(HttpContext? context, ValidationErrors errors) =>
        errors.Any ? Refuse(context, ApiProblems.ToProblemDetails(errors.ToProblem())) : null;

    public const string NotFoundItem = "ng.console.not-found";

    /// <summary>A missing resource: the not-found page shows the problem, with 404 (a page cannot answer 404 itself).</summary>
    public static void NotFound(HttpContext? context, NavigationManager navigation, ProblemDetails problem)
    {
        if (context is not null) context.Items[NotFoundItem] = problem;
        navigation.NotFound();
    }

    public static ProblemDetails Refuse(HttpContext? context, ProblemDetails problem)
    {
        if (context is not { Response.HasStarted: false }) return problem;
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages) statusPages.Enabled = false; // the page shows the problem itself
        return problem;
    }

    /// <summary>A query value as a filter: null when absent or blank (an empty select), else trimmed.</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
