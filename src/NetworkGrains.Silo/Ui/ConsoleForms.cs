using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Silo.Api;
using NetworkGrains.Silo.Application;

namespace NetworkGrains.Silo.Ui;

/// <summary>
/// A console form post: a small urlencoded form (at most 32 fields of 16 KiB) whose antiforgery token matches the
/// user's, and where to go back to afterwards (a console path, never another site).
/// </summary>
public static class ConsoleForms
{
    private static readonly FormOptions Limits = new()
    {
        ValueCountLimit = 32,
        ValueLengthLimit = 16 * 1024,
        KeyLengthLimit = 256,
        MultipartBodyLengthLimit = 64 * 1024,
        BufferBodyLengthLimit = 64 * 1024,
    };

    /// <summary>The form, or the problem to show instead (400: not a form, too large, or a missing or wrong antiforgery token).</summary>
    public static async Task<(IFormCollection? Form, ProblemDetails? Problem)> ReadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType) return (null, Invalid("form", "the request must be a form post"));
        context.Features.Set<IFormFeature>(new FormFeature(context.Request, Limits));
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return (null, Invalid("form", "at most 32 fields of 16 KiB each"));
        }

        if (!await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            return (null, Invalid("__RequestVerificationToken", "missing or not this session's: reload the page and try again"));
        return (form, null);
    }

    /// <summary>A field's value, null when absent or blank.</summary>
    public static string? Field(this IFormCollection form, string name) => form[name].FirstOrDefault() is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>The console page to return to: a local /ui path (never "//host" or another site), else the console's home.</summary>
    public static string ReturnUrl(string? requested) =>
        requested is not null && (requested == "/ui" || requested.StartsWith("/ui/", StringComparison.Ordinal) || requested.StartsWith("/ui?", StringComparison.Ordinal))
        && !requested.Contains('\\') && !requested.Contains("//", StringComparison.Ordinal) && Uri.IsWellFormedUriString(requested, UriKind.Relative)
            ? requested
            : "/ui";

    /// <summary>303 See Other: after a form post the browser GETs the page again.</summary>
    public static IResult SeeOther(HttpContext context, string url)
    {
        context.Response.Headers.Location = url;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static ProblemDetails Invalid(string field, string reason) => ApiProblems.ToProblemDetails(InvalidInputProblem.Single(field, reason));
}
