using System.Text;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Tests;

public sealed class RuleRequestTests
{
    private const string Valid = """
        {"id":"cpu-hook","trigger":{"categories":["cpu"],"minSeverity":"high"},
         "actions":[{"type":"webhook","url":"https://hooks.example/ng","secret":"0123456789abcdef"}],
         "condition":{"count":3,"window":"10m"},"cooldown":"30m","dryRun":true}
        """;

    [Fact]
    public void A_valid_rule_keeps_every_field()
    {
        Assert.True(RuleRequest.TryParse(Encoding.UTF8.GetBytes(Valid), null, out var rule, out _));

        Assert.Equal(("cpu-hook", AnomalySeverity.High, TimeSpan.FromMinutes(30), true), (rule.Id, rule.Trigger.MinSeverity, rule.Cooldown, rule.DryRun));
        Assert.Equal([AnomalyCategory.Cpu], rule.Trigger.Categories);
        Assert.Equal(new RuleCondition(3, TimeSpan.FromMinutes(10)), rule.Condition);
        Assert.Equal(RuleActionType.Webhook, Assert.Single(rule.Actions).Type);
    }

    [Theory]
    [InlineData("""{"id":"bad id","trigger":{},"actions":[{"type":"open_investigation"}]}""", "id")]
    [InlineData("""{"id":"r","actions":[{"type":"open_investigation"}]}""", "trigger")]
    [InlineData("""{"id":"r","trigger":{},"actions":[]}""", "actions")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"teleport"}]}""", "$.actions[0].type")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{}]}""", "actions[0].type")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"webhook","url":"ftp://x","secret":"0123456789abcdef"}]}""", "actions[0].url")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"webhook","url":"https://x/y","secret":"short"}]}""", "actions[0].secret")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"open_investigation"}],"cooldown":"soon"}""", "cooldown")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"open_investigation"}],"cooldown":"90d"}""", "cooldown")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"open_investigation"}],"cooldown":"10675200d"}""", "cooldown")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"open_investigation"}],"cooldown":"99999999999999999999s"}""", "cooldown")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"open_investigation"}],"condition":{"count":2,"window":"10675200d"}}""", "condition.window")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"open_investigation"}],"condition":{"count":2,"window":"2147483648m"}}""", "condition.window")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"open_investigation"}],"condition":{"count":0,"window":"5m"}}""", "condition.count")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"open_investigation"}],"condition":{"count":2}}""", "condition.window")]
    [InlineData("""{"id":"r","trigger":{"minSeverity":"dire"},"actions":[{"type":"open_investigation"}]}""", "$.trigger.minSeverity")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"open_investigation"}],"owner":"me"}""", "$.owner")]
    [InlineData("not json", "$")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"snmp_set"}]}""", "actions[0].set")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"snmp_set","set":[{"oid":"ifAdminStatus","type":"i","value":"2"}]}]}""", "actions[0].set[0].oid")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"snmp_set","set":[{"oid":"1.3.6.1.2.1.2.2.1.7.{instance}","type":"integer","value":"2"}]}]}""", "actions[0].set[0].type")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"run_workflow"}]}""", "actions[0].workflow")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"teams_notify","url":"not a url"}]}""", "actions[0].url")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"open_investigation"}],"where":[{"field":"anomaly.colour","operator":"==","value":"red"}]}""", "where[0].field")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"open_investigation"}],"where":[{"field":"device.role","operator":"contains","value":"core"}]}""", "where[0].operator")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"open_investigation"}],"where":[{"field":"anomaly.severity","operator":">=","value":"dire"}]}""", "where[0].value")]
    [InlineData("""{"id":"r","trigger":{},"actions":[{"type":"open_investigation"}],"where":[{"field":"anomaly.score","operator":">="}]}""", "where[0].value")]
    public void Invalid_rules_are_refused_naming_the_field(string json, string field)
    {
        Assert.False(RuleRequest.TryParse(Encoding.UTF8.GetBytes(json), null, out _, out var errors));

        Assert.Contains(field, errors.ToDictionary().Keys);
    }

    [Fact]
    public void An_snmp_set_action_keeps_its_variables_with_the_instance_placeholder()
    {
        const string json = """{"id":"shut","trigger":{},"actions":[{"type":"snmp_set","set":[{"oid":"1.3.6.1.2.1.2.2.1.7.{instance}","type":"i","value":"2"}]}]}""";

        Assert.True(RuleRequest.TryParse(Encoding.UTF8.GetBytes(json), null, out var rule, out _));

        Assert.Equal([new NetworkGrains.Abstractions.Devices.SnmpSetValue("1.3.6.1.2.1.2.2.1.7.{instance}", 'i', "2")], rule.Actions[0].Set!);
    }

    [Fact]
    public void Teams_and_workflow_actions_keep_their_text_workflow_and_parameters()
    {
        const string json = """
            {"id":"escalate","trigger":{},"actions":[{"type":"teams_notify","text":"Spike on {device}"},
             {"type":"run_workflow","workflow":"incident-response","parameters":{"adminStatus":"2"}}]}
            """;

        Assert.True(RuleRequest.TryParse(Encoding.UTF8.GetBytes(json), null, out var rule, out var errors), string.Join(", ", errors.ToDictionary().Keys));

        Assert.Equal((RuleActionType.TeamsNotify, null, "Spike on {device}"), (rule.Actions[0].Type, rule.Actions[0].Url, rule.Actions[0].Text));
        Assert.Equal(("incident-response", "2"), (rule.Actions[1].Workflow, rule.Actions[1].Parameters!["adminStatus"]));
    }

    [Fact]
    public void The_shipped_yaml_rule_reads_like_its_json_would()
    {
        var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rules", "core-traffic-incident.yaml"));

        Assert.True(YamlDocuments.TryToJson(yaml, new ValidationErrors(), out var json));
        Assert.True(RuleRequest.TryParse(json, null, out var rule, out var errors), string.Join(", ", errors.ToDictionary().Keys));

        Assert.Equal(["core"], rule.Trigger.Roles!);
        Assert.Equal([AnomalyEventKind.Opened, AnomalyEventKind.Updated], rule.Trigger.Events);
        Assert.Equal(new RuleCondition(3, TimeSpan.FromMinutes(10)), rule.Condition);
        Assert.Equal(new RuleExpression("anomaly.score", ">=", "0.9999"), Assert.Single(rule.Where!));
        Assert.Equal(("incident-response", TimeSpan.FromHours(1)), (rule.Actions.Single().Workflow, rule.Cooldown));
    }

    [Theory]
    [InlineData("id: [unclosed", "not valid YAML at line")]
    [InlineData("id: a\n---\nid: b\n", "one YAML document")]
    [InlineData("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e]\n", "more than")]
    [InlineData("id: a\nid: b\n", "Duplicate key")]
    [InlineData("? [a, b]\n: c\n", "not a plain name")]
    public void Malformed_yaml_is_refused_with_the_reason(string yaml, string reason)
    {
        var errors = new ValidationErrors();

        Assert.False(YamlDocuments.TryToJson(yaml, errors, out _));

        Assert.Contains(reason, Assert.Single(errors.ToDictionary()["$"]));
    }

    [Fact]
    public void The_view_never_shows_a_secret()
    {
        RuleRequest.TryParse(Encoding.UTF8.GetBytes(Valid), null, out var rule, out _);

        var json = System.Text.Json.JsonSerializer.Serialize(RuleView.From(rule), ApiJson.Options);

        Assert.DoesNotContain("0123456789abcdef", json);
        Assert.Contains("\"hasSecret\":true", json);
    }
}
