using System.Globalization;
using System.Text;

namespace NetworkGrains.ML.Datasets;

/// <summary>
/// A dataset as uploaded: CSV with a header of column names and one row per line. Feature columns are numeric;
/// a "label" column (0/1) marks anomalies for validation; a "target" column is the KPI a regression predicts;
/// series datasets have series,timestamp,value.
/// </summary>
public sealed record TabularData(string[] Columns, string[][] Cells)
{
    public const string LabelColumn = "label";
    public const string TargetColumn = "target";
    public const int MaxColumns = 256;

    public int RowCount => Cells.Length;

    public int IndexOf(string column) => Array.IndexOf(Columns, column);

    /// <summary>
    /// Parses UTF-8 CSV (no quoting: names and numbers only; a leading byte order mark is skipped). Column names are
    /// non-empty, distinct and free of control and format characters; no cell is a number that is not finite (NaN,
    /// Infinity, 1e999), as no JSON number is. Throws <see cref="DatasetFormatException"/> naming the line and column.
    /// </summary>
    public static TabularData Parse(ReadOnlySpan<byte> csv)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(csv);
        }
        catch (DecoderFallbackException)
        {
            throw new DatasetFormatException("the dataset is not UTF-8 text");
        }

        var lines = text.TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.Count < 2) throw new DatasetFormatException("a dataset needs a header line and at least one row");
        var columns = lines[0].Split(',').Select(c => c.Trim()).ToArray();
        if (columns.Length > MaxColumns) throw new DatasetFormatException($"{columns.Length} columns: at most {MaxColumns}");
        for (var c = 0; c < columns.Length; c++) CheckName(columns, c);
        var cells = new string[lines.Count - 1][];
        for (var i = 1; i < lines.Count; i++)
        {
            var row = cells[i - 1] = lines[i].Split(',').Select(c => c.Trim()).ToArray();
            if (row.Length != columns.Length)
                throw new DatasetFormatException($"line {i + 1}: {row.Length} fields, the header has {columns.Length}");
            for (var c = 0; c < row.Length; c++)
            {
                if (double.TryParse(row[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsFinite(number))
                    throw new DatasetFormatException($"line {i + 1}, column '{columns[c]}': '{row[c]}' is not a finite number");
            }
        }

        return new TabularData(columns, cells);
    }

    private static void CheckName(string[] columns, int index)
    {
        var name = columns[index];
        var problem = name.Length == 0 ? "is empty"
            : name.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format) ? "has a control or format character"
            : Array.IndexOf(columns, name) < index ? $"'{name}' is also column {Array.IndexOf(columns, name) + 1}"
            : null;
        if (problem is not null) throw new DatasetFormatException($"line 1, column {index + 1}: the name {problem}");
    }

    /// <summary>The named columns of every row as floats (finite numbers only).</summary>
    public float[][] Features(IReadOnlyList<string> names)
    {
        var indexes = names.Select(n => IndexOf(n) is var i and >= 0 ? i : throw new DatasetFormatException($"no column '{n}' (columns: {string.Join(", ", Columns)})")).ToArray();
        return Cells.Select((row, r) => indexes.Select(i => Number(row[i], r, Columns[i])).ToArray()).ToArray();
    }

    /// <summary>Every column but the label, the target and any text column named series/timestamp: what a model reads.</summary>
    public string[] FeatureColumns() =>
        Columns.Where(c => c is not (LabelColumn or TargetColumn or "series" or "timestamp")).ToArray();

    /// <summary>The KPI a regression learns and is validated on.</summary>
    public float[] Targets()
    {
        var index = IndexOf(TargetColumn);
        if (index < 0) throw new DatasetFormatException($"no '{TargetColumn}' column: a performance model learns to predict it (e.g. latency) from the other columns");
        return Cells.Select((row, r) => Number(row[index], r, TargetColumn)).ToArray();
    }

    public bool[] Labels()
    {
        var index = IndexOf(LabelColumn);
        if (index < 0) throw new DatasetFormatException($"no '{LabelColumn}' column: validation needs labelled rows (0 or 1)");
        return Cells.Select((row, r) => row[index] switch
        {
            "1" or "true" => true,
            "0" or "false" => false,
            _ => throw new DatasetFormatException($"line {r + 2}: label '{row[index]}' is not 0 or 1"),
        }).ToArray();
    }

    private static float Number(string cell, int row, string column) =>
        float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value)
            ? value
            : throw new DatasetFormatException($"line {row + 2}: {column} '{cell}' is not a finite number");
}

public sealed class DatasetFormatException(string message) : Exception(message);
