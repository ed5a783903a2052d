using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Silo.Api;
using Orleans.Serialization;

namespace NetworkGrains.Silo.Tests;

public sealed class ApiProblemsTests
{
    public static TheoryData<DomainProblem, int, string, string> Kinds => new()
    {
        { InvalidInputProblem.Single("rows", "1 to 10 rows"), 400, "invalid-input", "The request is not valid" },
        { new ForbiddenProblem("model:deploy:production is needed"), 403, "forbidden", "Forbidden" },
        { new NotFoundProblem("no model named m1"), 404, "not-found", "Not found" },
        { new ConflictProblem("version 2 is in staging already"), 409, "conflict", "Not in a state for that" },
        { new UnusableArtifactProblem("the card lists no features"), 422, "unusable-artifact", "Unusable model artifact" },
        { new CorruptDefinitionProblem("workflow w1 has no step approve"), 500, "corrupt-definition", "A stored definition is corrupt" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Each_kind_is_one_problem_type_title_and_status_on_the_wire(DomainProblem problem, int status, string name, string title)
    {
        var details = ApiProblems.ToProblemDetails(problem);
        Assert.Equal((status, $"urn:networkgrains:problem:{name}", title), (details.Status, details.Type, details.Title));

        var (context, body) = await Answer(ApiProblems.ToResult(problem));

        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.Equal($"urn:networkgrains:problem:{name}", body.GetProperty("type").GetString());
        Assert.Equal(title, body.GetProperty("title").GetString());
        Assert.Equal(problem.Message, body.GetProperty("detail").GetString());
        if (problem is InvalidInputProblem) Assert.Equal("1 to 10 rows", body.GetProperty("errors").GetProperty("rows")[0].GetString());
    }

    [Fact]
    public async Task A_domain_problem_raised_behind_an_endpoint_is_answered_as_its_problem()
    {
        var context = Context();

        var answer = await ApiProblems.Filter(new DefaultEndpointFilterInvocationContext(context), _ => throw new NotFoundProblem("no anomaly a1"));

        var (written, body) = await Answer(Assert.IsAssignableFrom<IResult>(answer));
        Assert.Equal(StatusCodes.Status404NotFound, written.Response.StatusCode);
        Assert.Equal("no anomaly a1", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Any_other_exception_is_not_a_problem_of_the_request_and_goes_on_to_the_exception_handler()
    {
        foreach (var bug in new Exception[] { new InvalidOperationException("bug"), new ArgumentException("bug"), new KeyNotFoundException("bug"), new UnauthorizedAccessException("bug") })
        {
            var thrown = await Assert.ThrowsAnyAsync<Exception>(async () =>
                await ApiProblems.Filter(new DefaultEndpointFilterInvocationContext(Context()), _ => throw bug));
            Assert.Same(bug, thrown);
        }
    }

    [Fact]
    public void A_problem_crosses_the_grain_boundary_with_its_fields()
    {
        var serializer = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(DomainProblem).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>();
        var errors = new Dictionary<string, string[]> { ["rows"] = ["1 to 10 rows", "finite values"], ["model"] = ["required"] };

        var copy = Assert.IsType<InvalidInputProblem>(serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(new InvalidInputProblem(errors))));
        var conflict = Assert.IsType<ConflictProblem>(serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(new ConflictProblem("closed"))));

        Assert.Equal(errors, copy.Errors);
        Assert.Equal("rows: 1 to 10 rows, finite values; model: required", copy.Message);
        Assert.Equal("closed", conflict.Message);
    }

    private static DefaultHttpContext Context()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        return new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
    }

    private static async Task<(HttpContext Context, JsonElement Body)> Answer(IResult result)
    {
        var context = Context();
        await result.ExecuteAsync(context);
        return (context, JsonDocument.Parse(((MemoryStream)context.Response.Body).ToArray()).RootElement);
    }
}
