namespace NetworkGrains.Abstractions;

/// <summary>What a device id may look like: it appears in URLs, grain keys and database rows.</summary>
public static class DeviceIds
{
    public const int MaxLength = 128;

    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(IsAllowed);

    private static bool IsAllowed(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';
}
