using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.ML.Tests.Models;

public sealed class FiniteValuesTests
{
    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Finds_a_non_finite_value_at_every_position(float bad)
    {
        for (var length = 1; length < 40; length++)
        {
            for (var position = 0; position < length; position++)
            {
                var values = Enumerable.Range(0, length).Select(i => i * 1.5f - 7).ToArray();
                values[position] = bad;
                Assert.False(FiniteValues.All(values), $"length {length}, position {position}");
            }
        }
    }

    [Fact]
    public void Accepts_extremes_that_are_finite()
    {
        Assert.True(FiniteValues.All([float.MaxValue, float.MinValue, float.Epsilon, -0f, 0f, 1e-40f, .. Enumerable.Repeat(3f, 33)]));
        Assert.True(FiniteValues.All([]));
    }
}
