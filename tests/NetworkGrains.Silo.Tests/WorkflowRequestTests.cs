using System.Text;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Tests;

public sealed class WorkflowRequestTests
{
    [Theory]
    [InlineData("incident-response", 6)]
    [InlineData("bandwidth-optimization", 4)]
    public void The_shipped_workflows_are_valid(string id, int steps)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "workflows", id + ".json");

        Assert.True(WorkflowRequest.TryParse(File.ReadAllBytes(file), out var workflow, out var errors), string.Join("; ", errors.ToDictionary().Keys));

        Assert.Equal((id, steps), (workflow.Id, workflow.Steps.Length));
    }

    [Fact]
    public void A_valid_workflow_keeps_its_steps_durations_and_jumps()
    {
        const string json = """
            {"id":"wf","parameters":{"threshold":"85"},"steps":[
              {"name":"hot","type":"condition","check":{"source":"utilisation","operator":">=","value":"{threshold}"},"onFailure":"end"},
              {"name":"ok","type":"approval","approvers":["network_admin"],"timeout":"2h"},
              {"name":"pause","type":"delay","timeout":"90s","next":"hot"},
              {"name":"shut","type":"action","retries":2,"retryDelay":"5s","action":{"type":"snmp_set","set":[{"oid":"1.3.6.1.2.1.2.2.1.7.{instance}","type":"i","value":"2"}]}}]}
            """;

        Assert.True(WorkflowRequest.TryParse(Encoding.UTF8.GetBytes(json), out var workflow, out var errors), string.Join("; ", errors.ToDictionary().Keys));

        Assert.Equal(new WorkflowCheck(CheckSource.Utilisation, null, ">=", "{threshold}"), workflow.Steps[0].Check);
        Assert.Equal((WorkflowStep.End, TimeSpan.FromHours(2), "network_admin"), (workflow.Steps[0].OnFailure, workflow.Steps[1].Timeout, workflow.Steps[1].Approvers[0]));
        Assert.Equal((TimeSpan.FromSeconds(90), "hot"), (workflow.Steps[2].Timeout, workflow.Steps[2].Next));
        Assert.Equal((2, TimeSpan.FromSeconds(5), RuleActionType.SnmpSet), (workflow.Steps[3].Retries, workflow.Steps[3].RetryDelay, workflow.Steps[3].Action!.Type));
    }

    [Theory]
    [InlineData("""{"id":"wf","steps":[]}""", "steps")]
    [InlineData("""{"id":"bad id","steps":[{"name":"a","type":"delay","timeout":"1s"}]}""", "id")]
    [InlineData("""{"id":"wf","steps":[{"name":"a","type":"delay","timeout":"1s"},{"name":"a","type":"delay","timeout":"1s"}]}""", "steps[1].name")]
    [InlineData("""{"id":"wf","steps":[{"name":"end","type":"delay","timeout":"1s"}]}""", "steps[0].name")]
    [InlineData("""{"id":"wf","steps":[{"name":"a","type":"delay"}]}""", "steps[0].timeout")]
    [InlineData("""{"id":"wf","steps":[{"name":"a","type":"delay","timeout":"10675200d"}]}""", "steps[0].timeout")]
    [InlineData("""{"id":"wf","steps":[{"name":"a","type":"approval","approvers":["noc"],"timeout":"31d"}]}""", "steps[0].timeout")]
    [InlineData("""{"id":"wf","steps":[{"name":"a","type":"action","retryDelay":"10675200d","action":{"type":"resolve_anomaly"}}]}""", "steps[0].retryDelay")]
    [InlineData("""{"id":"wf","steps":[{"name":"a","type":"action","retryDelay":"9223372036854775808s","action":{"type":"resolve_anomaly"}}]}""", "steps[0].retryDelay")]
    [InlineData("""{"id":"wf","steps":[{"name":"a"}]}""", "steps[0].type")]
    [InlineData("""{"id":"wf","steps":[{"name":"a","type":"teleport"}]}""", "$.steps[0].type")]
    [InlineData("""{"id":"wf","steps":[{"name":"a","type":"action"}]}""", "steps[0].action")]
    [InlineData("""{"id":"wf","steps":[{"name":"a","type":"action","action":{"type":"webhook","url":"https://x/y"}}]}""", "steps[0].action.secret")]
    [InlineData("""{"id":"wf","steps":[{"name":"a","type":"approval"}]}""", "steps[0].approvers")]
    [InlineData("""{"id":"wf","steps":[{"name":"a","type":"condition"}]}""", "steps[0].check")]
    [InlineData("""{"id":"wf","steps":[{"name":"a","type":"condition","check":{"source":"snmp_get","target":"ifAdminStatus","operator":"==","value":"2"}}]}""", "steps[0].check.target")]
    [InlineData("""{"id":"wf","steps":[{"name":"a","type":"condition","check":{"source":"anomaly","target":"colour","operator":"==","value":"red"}}]}""", "steps[0].check.target")]
    [InlineData("""{"id":"wf","steps":[{"name":"a","type":"condition","check":{"source":"metric","target":"cpu","operator":"=~","value":"9"}}]}""", "steps[0].check.operator")]
    [InlineData("""{"id":"wf","steps":[{"name":"a","type":"delay","timeout":"1s","next":"nowhere"}]}""", "steps[0].next")]
    [InlineData("""{"id":"wf","steps":[{"name":"a","type":"delay","timeout":"1s","onFailure":"nowhere"}]}""", "steps[0].onFailure")]
    [InlineData("""{"id":"wf","steps":[{"name":"a","type":"action","retries":50,"action":{"type":"resolve_anomaly"}}]}""", "steps[0].retries")]
    [InlineData("""{"id":"wf","steps":[null]}""", "steps[0]")]
    [InlineData("""{"id":"wf","steps":[{"name":"a","type":"delay","timeout":"1s"}],"owner":"me"}""", "$.owner")]
    [InlineData("[1,2]", "$")]
    public void Invalid_workflows_are_refused_naming_the_field(string json, string field)
    {
        Assert.False(WorkflowRequest.TryParse(Encoding.UTF8.GetBytes(json), out _, out var errors));

        Assert.Contains(field, errors.ToDictionary().Keys);
    }
}
