using NetworkGrains.ML.Models;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.ML.Tests.Models;

public sealed class OnnxModelFileTests
{
    [Fact]
    public void The_card_round_trips_through_metadata_props_and_ONNX_Runtime_sees_it()
    {
        var card = new ModelCard("anomaly_detection", PcaModel.Algorithm, ["a", "b"], "features", "score", 0.42,
            Version: 3, TrainingDataSha256: new string('a', 64), ParentVersion: 2, CodeVersion: "1.2.3",
            Parameters: new Dictionary<string, string> { ["horizon_steps"] = "12" });
        var bytes = PcaOnnx.Export(PcaModel.Fit([[1, 2], [2, 4.1f], [3, 5.9f], [4, 8.2f]]), card);

        Assert.Equal(card with { Features = card.Features }, OnnxModelFile.ReadCard(bytes), new CardComparer());
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(bytes);
        Assert.Equal("3", session.ModelMetadata.CustomMetadataMap["ng.version"]);
        Assert.Equal(3, session.ModelMetadata.Version);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0xff, 0xff, 0xff })]
    [InlineData(new byte[] { 0x08, 0x08 })]
    public void Bytes_without_a_card_read_as_null(byte[] bytes) => Assert.Null(OnnxModelFile.ReadCard(bytes));

    private sealed class CardComparer : IEqualityComparer<ModelCard?>
    {
        public bool Equals(ModelCard? x, ModelCard? y) =>
            x is not null && y is not null && x.Features.SequenceEqual(y.Features)
            && x.Parameters!.OrderBy(p => p.Key).SequenceEqual(y.Parameters!.OrderBy(p => p.Key))
            && x with { Features = [], Parameters = null } == y with { Features = [], Parameters = null };

        public int GetHashCode(ModelCard? obj) => 0;
    }
}
