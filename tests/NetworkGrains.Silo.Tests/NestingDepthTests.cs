using System.Text;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Tests;

/// <summary>Rule and workflow bodies nested deeper than <see cref="ApiJson.MaxDepth"/>: refused with the reason, YAML before it is read whole.</summary>
public sealed class NestingDepthTests
{
    /// <summary><paramref name="depth"/> block mappings, one inside the other: "a:\n  a:\n    a: 1".</summary>
    private static string BlockMappings(int depth) =>
        string.Concat(Enumerable.Range(0, depth - 1).Select(i => new string(' ', 2 * i) + "a:\n")) + new string(' ', 2 * (depth - 1)) + "a: 1\n";

    private static string FlowSequences(int depth) => new string('[', depth) + new string(']', depth);

    private static string FlowMappings(int depth) => string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth);

    private static bool ToJson(string yaml, out string reason)
    {
        var errors = new ValidationErrors();
        var ok = YamlDocuments.TryToJson(yaml, errors, out _);
        reason = ok ? "" : Assert.Single(errors.ToDictionary()["$"]);
        return ok;
    }

    [Theory]
    [InlineData("block")]
    [InlineData("flow sequences")]
    [InlineData("flow mappings")]
    public void Yaml_as_deep_as_json_may_be_is_read_and_one_level_more_is_refused(string style)
    {
        Func<int, string> nested = style switch { "block" => BlockMappings, "flow sequences" => FlowSequences, _ => FlowMappings };

        Assert.True(ToJson(nested(ApiJson.MaxDepth), out _));
        Assert.False(ToJson(nested(ApiJson.MaxDepth + 1), out var reason));

        Assert.Contains($"nests deeper than {ApiJson.MaxDepth} levels (line ", reason);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(100)]
    public void Deep_block_yaml_is_refused_not_thrown(int depth)
    {
        Assert.False(ToJson(BlockMappings(depth), out var reason));

        Assert.Contains($"deeper than {ApiJson.MaxDepth} levels", reason);
    }

    [Fact]
    public void A_64_KiB_yaml_of_32000_open_collections_is_refused_at_the_limit()
    {
        var yaml = FlowSequences(32_000);
        Assert.True(Encoding.UTF8.GetByteCount(yaml) <= WorkflowRequest.MaxBodyBytes);

        Assert.False(ToJson(yaml, out var reason));

        Assert.Equal($"the YAML nests deeper than {ApiJson.MaxDepth} levels (line 1)", reason);
    }

    [Fact]
    public void Aliases_that_nest_past_the_limit_once_expanded_are_refused()
    {
        var half = ApiJson.MaxDepth / 2;
        var yaml = $"x: &x {FlowSequences(half)}\ny: {new string('[', half)}*x{new string(']', half)}\n";

        Assert.False(ToJson(yaml, out var reason));

        Assert.Contains($"deeper than {ApiJson.MaxDepth} levels", reason);
    }

    [Fact]
    public void Deep_json_rules_and_workflows_are_refused_naming_the_field()
    {
        var deep = FlowSequences(100_000);

        Assert.False(RuleRequest.TryParse(Encoding.UTF8.GetBytes($$"""{"id":"r","description":{{deep}}}"""), null, out _, out var ruleErrors));
        Assert.False(WorkflowRequest.TryParse(Encoding.UTF8.GetBytes($$"""{"id":"wf","steps":[{"name":{{deep}}}]}"""), out _, out var workflowErrors));
        Assert.False(RuleRequest.TryParse(Encoding.UTF8.GetBytes(deep), null, out _, out var rootErrors));

        Assert.Equal(["$.description"], ruleErrors.ToDictionary().Keys);
        Assert.Equal(["$.steps[0].name"], workflowErrors.ToDictionary().Keys);
        Assert.Equal(["$"], rootErrors.ToDictionary().Keys);
    }
}
