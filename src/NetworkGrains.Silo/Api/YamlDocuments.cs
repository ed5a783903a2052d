using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NetworkGrains.Silo.Api;

/// <summary>
/// Rules and workflows written in YAML: one document, turned into the JSON the same parser checks. Plain scalars
/// become numbers, booleans and null where they read as such; quoted ones stay strings. Anchors are followed, but
/// a document that expands past <see cref="MaxNodes"/> nodes (an alias bomb) is refused, and so is one that nests
/// deeper than JSON bodies may (<see cref="ApiJson.MaxDepth"/>), as written or once its aliases are expanded.
/// </summary>
public static class YamlDocuments
{
    public const int MaxNodes = 100_000;
    public const string MediaType = "application/yaml";

    public static bool IsYaml(string? contentType) =>
        contentType?.Split(';')[0].Trim() is "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml";

    public static bool TryToJson(string yaml, ValidationErrors errors, out byte[] json)
    {
        json = [];
        try
        {
            var stream = new YamlStream();
            stream.Load(new DepthLimitedParser(new Parser(new StringReader(yaml)), ApiJson.MaxDepth));
            if (stream.Documents.Count != 1)
            {
                errors.Add("$", $"one YAML document, not {stream.Documents.Count}");
                return false;
            }

            var nodes = 0;
            json = JsonSerializer.SerializeToUtf8Bytes(Convert(stream.Documents[0].RootNode, 1, ref nodes));
            return true;
        }
        catch (YamlException ex)
        {
            errors.Add("$", $"not valid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            errors.Add("$", $"not usable YAML: {ex.Message}");
        }
        catch (InvalidDataException ex)
        {
            errors.Add("$", ex.Message);
        }

        return false;
    }

    public static InvalidDataException TooDeep(Mark at) => new($"the YAML nests deeper than {ApiJson.MaxDepth} levels (line {at.Line})");

    /// <summary>A node at <paramref name="depth"/> (the root is 1) as JSON.</summary>
    private static JsonNode? Convert(YamlNode node, int depth, ref int nodes)
    {
        if (++nodes > MaxNodes) throw new InvalidDataException($"the YAML expands to more than {MaxNodes} nodes");
        if (node is YamlMappingNode or YamlSequenceNode && depth > ApiJson.MaxDepth) throw TooDeep(node.Start);
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                    obj.Add(key is YamlScalarNode { Value: { } name } ? name : throw new ArgumentException($"a key at line {key.Start.Line} is not a plain name"), Convert(value, depth + 1, ref nodes));
                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children) array.Add(Convert(item, depth + 1, ref nodes));
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new ArgumentException($"unsupported YAML node at line {node.Start.Line}");
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any)) return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return JsonValue.Create(integer);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)) return JsonValue.Create(number);
        return JsonValue.Create(text);
    }
}
