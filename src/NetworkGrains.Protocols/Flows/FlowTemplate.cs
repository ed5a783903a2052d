namespace NetworkGrains.Protocols.Flows;

/// <summary>One field of a template: an information element (IANA when <see cref="Enterprise"/> is 0) and its length.</summary>
public readonly record struct TemplateField(ushort Element, ushort Length, uint Enterprise)
{
    /// <summary>IPFIX's marker for a field whose length is given in each record (RFC 7011 §7).</summary>
    public const ushort VariableLength = 65_535;

    public bool IsVariable => Length == VariableLength;
}

/// <summary>A (options) template as an exporter announced it. Options templates' data carry exporter facts such as sampling.</summary>
public sealed class FlowTemplate(ushort id, TemplateField[] fields, bool isOptions)
{
    /// <summary>Templates that describe bigger records than a datagram can carry are refused.</summary>
    public const int MaxFields = 512;

    public ushort Id { get; } = id;
    public TemplateField[] Fields { get; } = fields;
    public bool IsOptions { get; } = isOptions;

    /// <summary>The smallest record: fixed lengths plus one length byte per variable-length field.</summary>
    public int MinRecordLength { get; } = MinRecordLengthOf(fields);

    /// <summary>When the exporter last (re)sent it, in the decoder's clock (ms).</summary>
    public long RefreshedAt { get; set; }

    /// <summary>
    /// A template is usable when it has 1 to <see cref="MaxFields"/> fields, no IANA element of length 0 (their types
    /// have a size; an enterprise element's type is unknown here, and an empty one is skipped), and its records have a
    /// size: at least one byte, at most a datagram. Anything else is refused, wherever it comes from.
    /// </summary>
    public static bool IsUsable(ReadOnlySpan<TemplateField> fields)
    {
        if (fields.Length is 0 or > MaxFields) return false;
        foreach (var field in fields)
        {
            if (field.Length == 0 && field.Enterprise == 0) return false;
        }
        return MinRecordLengthOf(fields) is > 0 and <= 65_535;
    }

    private static int MinRecordLengthOf(ReadOnlySpan<TemplateField> fields)
    {
        var length = 0;
        foreach (var field in fields) length += field.IsVariable ? 1 : field.Length;
        return length;
    }
}
