using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Grains.ChatOps;

namespace NetworkGrains.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ChatCatalogTests(ClusterFixture fixture)
{
    public const string Configured = "19:configured@thread.tacv2";

    [Fact]
    public async Task A_configured_subscription_applies_once_the_bot_is_in_the_conversation_and_a_chat_subscription_replaces_it()
    {
        var directory = fixture.Cluster.GrainFactory.GetGrain<IChatCatalogGrain>(IChatCatalogGrain.Key);
        Assert.DoesNotContain(await directory.Subscriptions(), s => s.Subscription.ConversationId == Configured);

        await directory.Remember(new ConversationReference(Configured, "https://smba.example/", "msteams", "channel", "t", "28:bot", "NetworkGrains", DateTimeOffset.UtcNow));
        var configured = Assert.Single(await directory.Subscriptions(), s => s.Subscription.ConversationId == Configured).Subscription;
        Assert.Equal((AnomalySeverity.High, "configuration"), (configured.MinSeverity, configured.CreatedBy));
        Assert.Equal([AnomalyCategory.LinkDown], configured.Categories);

        await directory.Subscribe(new ChatSubscription(Configured, AnomalySeverity.Low, [], [], "teams:olga"));
        Assert.Equal("teams:olga", Assert.Single(await directory.Subscriptions(), s => s.Subscription.ConversationId == Configured).Subscription.CreatedBy);
        await Assert.ThrowsAsync<NotFoundProblem>(() => directory.Subscribe(new ChatSubscription("never-seen", AnomalySeverity.Low, [], [], "x")));
    }

    [Fact]
    public void A_subscription_matches_on_severity_category_and_site()
    {
        var subscription = new ChatSubscription("c", AnomalySeverity.High, ["LON1"], [AnomalyCategory.TrafficSpike], "x");
        var anomaly = new Anomaly("a", "d", "ifHCInOctets", "1", AnomalyCategory.TrafficSpike, AnomalySeverity.Critical, 1, 1, AnomalyStatus.Detected,
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 1, 1, [], [], null, "ngcompact");

        Assert.True(subscription.Matches(anomaly, "lon1"));
        Assert.False(subscription.Matches(anomaly, "par2"));
        Assert.False(subscription.Matches(anomaly, null));
        Assert.False(subscription.Matches(anomaly with { Severity = AnomalySeverity.Medium }, "lon1"));
        Assert.False(subscription.Matches(anomaly with { Category = AnomalyCategory.Cpu }, "lon1"));
    }
}
