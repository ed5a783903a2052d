using System.Text.Json;

namespace NetworkGrains.Abstractions;

/// <summary>Enum values as the API, the metrics and the tables spell them: snake_case, as in JSON.</summary>
public static class SnakeCaseNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>The value spelt <paramref name="name"/>, or null when none is.</summary>
    public static TEnum? Parse<TEnum>(string name) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(value => (TEnum?)value).FirstOrDefault(value => Of(value!.Value) == name);
}
