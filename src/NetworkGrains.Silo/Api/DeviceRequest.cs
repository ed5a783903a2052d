using System.Net;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Silo.Api;

/// <summary>The body of PUT /api/v1/devices/{id}.</summary>
public sealed record DeviceBody(
    string? Name, string? ManagementAddress, string? Site, string? Role, string? Vendor, string? Model,
    string[]? Tags, string? SnmpCredential);

public static class DeviceRequest
{
    public const int MaxBodyBytes = 64 * 1024;
    private const int MaxText = 256;
    private const int MaxTags = 64;

    public static bool TryParse(string id, ReadOnlySpan<byte> body, out DeviceRecord record, out ValidationErrors errors)
    {
        record = null!;
        errors = new ValidationErrors();
        if (!DeviceIds.IsValid(id))
            errors.Add("id", $"1-{DeviceIds.MaxLength} characters of letters, digits and - _ . :");

        if (!ApiJson.TryDeserialize<DeviceBody>(body, errors, "the body must be a JSON object", out var device)) return false;

        if (device.ManagementAddress is null || !IPAddress.TryParse(device.ManagementAddress, out _))
            errors.Add("managementAddress", "required: an IPv4 or IPv6 address");
        CheckText(errors, "name", device.Name);
        CheckText(errors, "site", device.Site);
        CheckText(errors, "role", device.Role);
        CheckText(errors, "vendor", device.Vendor);
        CheckText(errors, "model", device.Model);
        CheckText(errors, "snmpCredential", device.SnmpCredential);
        var tags = device.Tags ?? [];
        if (tags.Length > MaxTags) errors.Add("tags", $"at most {MaxTags} tags");
        for (var i = 0; i < tags.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(tags[i])) errors.Add($"tags[{i}]", "a tag is not empty");
            else CheckText(errors, $"tags[{i}]", tags[i]);
        }
        if (errors.Any) return false;

        record = new DeviceRecord(id, device.Name ?? id, device.ManagementAddress!, device.Site, device.Role,
            device.Vendor, device.Model, tags.Distinct(StringComparer.Ordinal).ToArray(), device.SnmpCredential);
        return true;
    }

    private static void CheckText(ValidationErrors errors, string field, string? text)
    {
        if (text is null) return;
        if (text.Length > MaxText) errors.Add(field, $"at most {MaxText} characters");
        else if (text.Any(char.IsControl)) errors.Add(field, "no control characters");
    }
}
