namespace NetworkGrains.ML.Detectors;

/// <summary>
/// A square matrix's inverse as LAPACK's dgesv finds it for numpy.linalg.inv: LU with partial pivoting (the first
/// largest pivot; the column below it scaled by the pivot's reciprocal), then the identity solved through L and U.
/// False when a pivot is exactly 0 (numpy's "singular matrix").
/// </summary>
public static class LuInverse
{
    public static bool TryInvert(double[,] matrix, out double[,] inverse)
    {
        var n = matrix.GetLength(0);
        var lu = (double[,])matrix.Clone();
        var pivots = new int[n];
        inverse = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            var pivot = j;
            for (var i = j + 1; i < n; i++)
            {
                if (Math.Abs(lu[i, j]) > Math.Abs(lu[pivot, j])) pivot = i;
            }
            pivots[j] = pivot;
            if (lu[pivot, j] == 0) return false;
            if (pivot != j) SwapRows(lu, pivot, j);
            var reciprocal = 1.0 / lu[j, j];
            for (var i = j + 1; i < n; i++) lu[i, j] *= reciprocal;
            for (var k = j + 1; k < n; k++)
            {
                for (var i = j + 1; i < n; i++) lu[i, k] -= lu[i, j] * lu[j, k];
            }
        }

        for (var i = 0; i < n; i++) inverse[i, i] = 1.0;
        for (var j = 0; j < n; j++)
        {
            if (pivots[j] != j) SwapRows(inverse, pivots[j], j);
        }
        for (var column = 0; column < n; column++)
        {
            for (var k = 0; k < n; k++)
            {
                if (inverse[k, column] == 0) continue;
                for (var i = k + 1; i < n; i++) inverse[i, column] -= inverse[k, column] * lu[i, k];
            }
            for (var k = n - 1; k >= 0; k--)
            {
                if (inverse[k, column] == 0) continue;
                inverse[k, column] /= lu[k, k];
                for (var i = 0; i < k; i++) inverse[i, column] -= inverse[k, column] * lu[i, k];
            }
        }
        return true;
    }

    private static void SwapRows(double[,] matrix, int a, int b)
    {
        for (var k = 0; k < matrix.GetLength(1); k++) (matrix[a, k], matrix[b, k]) = (matrix[b, k], matrix[a, k]);
    }
}
