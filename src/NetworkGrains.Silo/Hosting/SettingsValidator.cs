using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace NetworkGrains.Silo.Hosting;

/// <summary>
/// Checks a settings object with its data annotations (and <see cref="IValidatableObject"/>), nested settings and
/// lists of them included, and names each failure by its configuration key.
/// </summary>
public sealed class SettingsValidator<T>(string section) : IValidateOptions<T> where T : class
{
    private const int MaxDepth = 4;

    public ValidateOptionsResult Validate(string? name, T options) =>
        name != Options.DefaultName ? ValidateOptionsResult.Skip
        : Failures(options, section) is { Count: > 0 } failures ? ValidateOptionsResult.Fail(failures)
        : ValidateOptionsResult.Success;

    public static List<string> Failures(T settings, string section)
    {
        var failures = new List<string>();
        Collect(settings, section, failures, 0);
        return failures;
    }

    private static void Collect(object settings, string path, List<string> failures, int depth)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = result.MemberNames.DefaultIfEmpty("");
            foreach (var member in members) failures.Add($"{(member.Length > 0 ? $"{path}:{member}" : path)}: {result.ErrorMessage}");
        }
        if (depth == MaxDepth) return;
        foreach (var property in settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // Only what configuration sets: a computed property may do work (load a file, look up a zone).
            if (property.GetIndexParameters().Length > 0 || property.SetMethod is not { IsPublic: true } || property.GetValue(settings) is not { } value) continue;
            foreach (var (key, nested) in Nested(value)) Collect(nested, $"{path}:{property.Name}{key}", failures, depth + 1);
        }
    }

    /// <summary>A property's settings objects with the key suffix that reaches each: itself, or a list's or map's entries.</summary>
    private static IEnumerable<(string Key, object Value)> Nested(object value)
    {
        if (IsSettings(value.GetType())) return [("", value)];
        if (value is IDictionary map)
            return map.Keys.Cast<object>().Where(k => map[k] is { } v && IsSettings(v.GetType())).Select(k => ($":{k}", map[k]!));
        if (value is IList list)
            return list.Cast<object?>().Select((item, i) => (Key: $":{i}", Value: item)).Where(e => e.Value is { } v && IsSettings(v.GetType()))
                .Select(e => (e.Key, e.Value!));
        return [];
    }

    private static bool IsSettings(Type type) => type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("NetworkGrains", StringComparison.Ordinal) == true;
}
