using System.Text.Json.Nodes;
using NetworkGrains.Grains.Audit;

namespace NetworkGrains.Grains.Tests.Audit;

public sealed class AuditChangeTests
{
    private static JsonObject State(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Only_the_fields_that_changed_are_kept_on_each_side()
    {
        var change = AuditChange.Between(State("""{"id":"m1","stage":"staging","canary":0}"""), State("""{"id":"m1","stage":"production","canary":0}"""));
        Assert.Equal("""{"stage":"staging"}""", change.Before);
        Assert.Equal("""{"stage":"production"}""", change.After);
    }

    [Fact]
    public void A_created_resource_has_no_before_and_a_deleted_one_no_after()
    {
        var created = AuditChange.Between(null, State("""{"id":"d1","site":"lab"}"""));
        Assert.Null(created.Before);
        Assert.Equal("""{"id":"d1","site":"lab"}""", created.After);
        var deleted = AuditChange.Between(State("""{"id":"d1"}"""), null);
        Assert.Equal("""{"id":"d1"}""", deleted.Before);
        Assert.Null(deleted.After);
    }

    [Fact]
    public void Nothing_changed_means_nothing_recorded()
    {
        Assert.Equal(new AuditChange(null, null), AuditChange.Between(State("""{"a":[1,2]}"""), State("""{"a":[1,2]}""")));
        Assert.Equal(new AuditChange(null, null), AuditChange.Between(null, null));
    }

    [Fact]
    public void Secrets_are_hidden_lists_counted_and_long_values_cut()
    {
        var change = AuditChange.Between(
            State("""{"authPassword":"hunter22","timeline":[1],"notes":"short"}"""),
            State($$"""{"authPassword":"s3cret-pass","timeline":[1,2],"notes":"{{new string('x', 500)}}"}"""));
        Assert.DoesNotContain("s3cret", change.After);
        Assert.DoesNotContain("hunter", change.Before);
        var after = JsonNode.Parse(change.After!)!;
        Assert.Equal("***", after["authPassword"]!.GetValue<string>());
        Assert.Equal("[2 items]", after["timeline"]!.GetValue<string>());
        Assert.True(after["notes"]!.GetValue<string>().Length < 200);
    }
}
