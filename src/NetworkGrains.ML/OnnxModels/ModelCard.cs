using System.Globalization;

namespace NetworkGrains.ML.OnnxModels;

/// <summary>
/// What a model artifact says about itself, written into the ONNX file's metadata_props so that the file alone
/// is enough to score with it: the feature schema (names in input order), the input and output tensors, the
/// decision threshold and where it came from (training data hash, parent version, code version).
/// </summary>
public sealed record ModelCard(
    string ModelType,
    string Algorithm,
    IReadOnlyList<string> Features,
    string Input,
    string Output,
    double Threshold,
    int Version = 0,
    string TrainingDataSha256 = "",
    int ParentVersion = 0,
    string CodeVersion = "",
    IReadOnlyDictionary<string, string>? Parameters = null)
{
    private const string Prefix = "ng.";
    private const string ParameterPrefix = "param.";

    public static string CurrentCodeVersion { get; } =
        typeof(ModelCard).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    public IEnumerable<KeyValuePair<string, string>> ToMetadata()
    {
        yield return Entry("model_type", ModelType);
        yield return Entry("algorithm", Algorithm);
        yield return Entry("features", string.Join(',', Features));
        yield return Entry("input", Input);
        yield return Entry("output", Output);
        yield return Entry("threshold", Threshold.ToString("R", CultureInfo.InvariantCulture));
        yield return Entry("version", Version.ToString(CultureInfo.InvariantCulture));
        yield return Entry("training_sha256", TrainingDataSha256);
        yield return Entry("parent_version", ParentVersion.ToString(CultureInfo.InvariantCulture));
        yield return Entry("code_version", CodeVersion);
        foreach (var (key, value) in Parameters ?? new Dictionary<string, string>()) yield return Entry(ParameterPrefix + key, value);
    }

    public string? Parameter(string key) => Parameters?.GetValueOrDefault(key);

    /// <summary>Reads a card back from metadata_props; null when a required entry is missing or malformed.</summary>
    public static ModelCard? FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        string? Get(string key) => metadata.TryGetValue(Prefix + key, out var value) ? value : null;
        if (Get("model_type") is not { } type || Get("algorithm") is not { } algorithm || Get("features") is not { } features
            || Get("input") is not { } input || Get("output") is not { } output
            || !double.TryParse(Get("threshold"), NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold))
        {
            return null;
        }

        return new ModelCard(
            type, algorithm, features.Split(',', StringSplitOptions.RemoveEmptyEntries), input, output, threshold,
            int.TryParse(Get("version"), CultureInfo.InvariantCulture, out var version) ? version : 0,
            Get("training_sha256") ?? string.Empty,
            int.TryParse(Get("parent_version"), CultureInfo.InvariantCulture, out var parent) ? parent : 0,
            Get("code_version") ?? string.Empty,
            metadata.Where(m => m.Key.StartsWith(Prefix + ParameterPrefix, StringComparison.Ordinal))
                .ToDictionary(m => m.Key[(Prefix.Length + ParameterPrefix.Length)..], m => m.Value));
    }

    private static KeyValuePair<string, string> Entry(string key, string value) => new(Prefix + key, value);
}
