using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetworkGrains.Cli.Simulate;

/// <summary>What the simulator can do to a device (snake_case in the ground truth and on the command line).</summary>
public enum IncidentKind
{
    LinkFlap,
    ErrorBurst,
    CpuSaturation,
    TrafficDrop,
    FlowFlood,
    SlowDrift,
}

/// <summary>One injected incident: on which device (and interface), what, and when.</summary>
public sealed record Incident(string Device, IncidentKind Kind, int Interface, DateTimeOffset Start, DateTimeOffset End)
{
    public bool ActiveAt(DateTimeOffset time) => time >= Start && time < End;

    /// <summary>0 at the start, 1 at the end (for the slow drift).</summary>
    public double Progress(DateTimeOffset time) => Math.Clamp((time - Start) / (End - Start), 0, 1);
}

/// <summary>The ground truth of a simulated run: when it ran and every incident it injected.</summary>
public sealed record GroundTruth(DateTimeOffset RunStart, DateTimeOffset RunEnd, string[] Devices, Incident[] Incidents)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }

    public static GroundTruth Read(string path) =>
        JsonSerializer.Deserialize<GroundTruth>(File.ReadAllText(path), Json) ?? throw new UsageException($"{path} holds no ground truth");

    public static IncidentKind ParseKind(string text) =>
        Enum.GetValues<IncidentKind>().Where(k => Name(k) == text).Select(k => (IncidentKind?)k).FirstOrDefault()
        ?? throw new UsageException($"unknown incident '{text}' (known: {string.Join(", ", Enum.GetValues<IncidentKind>().Select(Name))})");

    public static string Name(IncidentKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());
}
