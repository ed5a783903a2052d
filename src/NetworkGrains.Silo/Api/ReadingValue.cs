using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetworkGrains.Silo.Api;

/// <summary>
/// A reading's value as sent: the number a gauge keeps, and the same number exactly as written (a decimal: 28 digits,
/// when it is within ±7.9e28) that a counter is checked on. A double cannot tell 18446744073709551615 (2^64-1, a
/// counter64) from 18446744073709551616 (not one): both read as 2^64.
/// </summary>
[JsonConverter(typeof(Converter))]
public readonly record struct ReadingValue(double Number, decimal? Exact)
{
    /// <summary>A whole number from 0 to <paramref name="max"/>, exactly as written.</summary>
    public bool IsWholeUpTo(ulong max) => Exact is { } exact && exact >= 0 && exact <= max && exact == decimal.Truncate(exact);

    private sealed class Converter : JsonConverter<ReadingValue>
    {
        public override ReadingValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number
                ? new(reader.TryGetDouble(out var number) ? number : double.NaN, reader.TryGetDecimal(out var exact) ? exact : null)
                : throw new JsonException();

        public override void Write(Utf8JsonWriter writer, ReadingValue value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Number);
    }
}
