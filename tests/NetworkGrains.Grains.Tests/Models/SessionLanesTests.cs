using NetworkGrains.Grains.Inference;

namespace NetworkGrains.Grains.Tests.Models;

public sealed class SessionLanesTests
{
    [Fact]
    public void Workers_get_different_lanes_while_there_are_lanes_left()
    {
        var lanes = new SessionLanes(3);

        Assert.Equal([0, 1, 2], new[] { lanes.Take(), lanes.Take(), lanes.Take() }.Order());
    }

    [Fact]
    public void Past_the_count_a_worker_shares_the_least_used_lane_and_a_returned_lane_is_given_out_again()
    {
        var lanes = new SessionLanes(2);
        var first = lanes.Take();
        var second = lanes.Take();
        var third = lanes.Take();
        lanes.Return(first);
        lanes.Return(third);

        Assert.Equal(first, third);
        Assert.Equal(first, lanes.Take()); // now unused, while the other lane still has a worker
        Assert.NotEqual(second, first);
    }

    [Fact]
    public void Each_lane_has_its_own_session_and_every_session_scores_alike()
    {
        var (onnx, model) = TestModels.Pca(seed: 1);
        var card = NetworkGrains.ML.OnnxModels.OnnxModelFile.ReadCard(onnx)!;
        using var sessions = new ModelSessions(onnx, card, lanes: 2);
        var rows = TestModels.Rows(8, seed: 5);
        var input = rows.SelectMany(r => r).ToArray();

        Assert.NotSame(sessions.For(0), sessions.For(1));
        Assert.Same(sessions.For(1), sessions.For(3)); // lanes beyond the count wrap round
        foreach (var lane in new[] { 0, 1 })
        {
            var scores = new float[rows.Count];
            sessions.For(lane).Score(input, rows.Count, scores);
            Assert.All(rows.Select((r, i) => Math.Abs(scores[i] - model.Score(r))), d => Assert.True(d <= 1e-4, $"lane {lane}: {d}"));
        }
    }
}
