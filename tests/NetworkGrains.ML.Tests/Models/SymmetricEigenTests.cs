using NetworkGrains.ML.Models;

namespace NetworkGrains.ML.Tests.Models;

public sealed class SymmetricEigenTests
{
    [Fact]
    public void Each_pair_satisfies_A_v_equals_lambda_v_in_descending_order()
    {
        double[,] a = { { 4, 1, 2 }, { 1, 3, 0.5 }, { 2, 0.5, 5 } };

        var (values, vectors) = SymmetricEigen.Decompose(a);

        Assert.Equal(values.OrderByDescending(v => v), values);
        for (var k = 0; k < 3; k++)
        {
            for (var i = 0; i < 3; i++)
            {
                var av = Enumerable.Range(0, 3).Sum(j => a[i, j] * vectors[k][j]);
                Assert.Equal(values[k] * vectors[k][i], av, 9);
            }
        }
    }
}
