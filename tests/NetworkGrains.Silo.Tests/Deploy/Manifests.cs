using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace NetworkGrains.Silo.Tests.Deploy;

/// <summary>The checkout's deploy/kubernetes documents, config/appsettings.json flattened to its keys, and silo.Dockerfile.</summary>
internal static class Manifests
{
    public static string Root { get; } = FindRoot();

    public static IReadOnlyList<YamlMappingNode> Documents { get; } = Load();

    public static YamlMappingNode Single(string kind, string? name = null) =>
        Assert.Single(Documents, d => Text(d, "kind") == kind && (name is null || Text(d["metadata"], "name") == name));

    public static IEnumerable<YamlMappingNode> OfKind(string kind) => Documents.Where(d => Text(d, "kind") == kind);

    /// <summary>Every key of appsettings.json (sections too) as the configuration spells it (A:B), with its value when it is a scalar.</summary>
    public static IReadOnlyDictionary<string, JsonElement> AppSettings { get; } = Flatten();

    public static string Dockerfile => File.ReadAllText(Path.Combine(Root, "silo.Dockerfile"));

    public static string? Text(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    public static YamlNode? Child(YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next)) return null;
            current = next;
        }
        return current;
    }

    public static IEnumerable<YamlMappingNode> Items(YamlNode node, params string[] path) =>
        Child(node, path) is YamlSequenceNode sequence ? sequence.Children.OfType<YamlMappingNode>() : [];

    /// <summary>Every scalar of the node and what it holds, for the checks that nothing secret is written down.</summary>
    public static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode scalar => [scalar.Value ?? ""],
        YamlMappingNode map => map.Children.SelectMany(entry => Scalars(entry.Key).Concat(Scalars(entry.Value))),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars),
        _ => [],
    };

    private static List<YamlMappingNode> Load()
    {
        var documents = new List<YamlMappingNode>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "deploy", "kubernetes"), "*.yaml").Order())
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file)) stream.Load(reader);
            documents.AddRange(stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>());
        }
        return documents;
    }

    private static Dictionary<string, JsonElement> Flatten()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "config", "appsettings.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var keys = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        void Walk(JsonElement element, string prefix)
        {
            keys[prefix] = element.Clone();
            if (element.ValueKind != JsonValueKind.Object) return;
            foreach (var property in element.EnumerateObject()) Walk(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}");
        }
        foreach (var property in json.RootElement.EnumerateObject()) Walk(property.Value, property.Name);
        return keys;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NetworkGrains.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new DirectoryNotFoundException("NetworkGrains.sln not found above " + AppContext.BaseDirectory);
    }
}
