using System.Globalization;

namespace NetworkGrains.Grains.Automation;

/// <summary>The comparisons of rule expressions and workflow checks: numbers as numbers, anything else only with == and != (ignoring case).</summary>
public static class Comparison
{
    public static bool Holds(string actual, string op, string expected)
    {
        if (double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var e))
            return op switch { "==" => a == e, "!=" => a != e, ">" => a > e, ">=" => a >= e, "<" => a < e, "<=" => a <= e, _ => false };
        var same = string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase);
        return op switch { "==" => same, "!=" => !same, _ => false };
    }
}
