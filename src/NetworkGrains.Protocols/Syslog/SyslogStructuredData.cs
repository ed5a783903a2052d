using System.Text;

namespace NetworkGrains.Protocols.Syslog;

/// <summary>RFC 5424 STRUCTURED-DATA (§6.3): NILVALUE or SD-ELEMENTs "[id name=\"value\" ...]", values with \" \\ \] escaped.</summary>
public static class SyslogStructuredData
{
    private const int MaxNameLength = 32;

    public static bool TryRead(ref ReadOnlySpan<byte> rest, out SyslogSdElement[] elements)
    {
        elements = [];
        if (rest.IsEmpty) return false;
        if (rest[0] == '-')
        {
            rest = rest[1..];
            return true;
        }
        var read = new List<SyslogSdElement>();
        while (!rest.IsEmpty && rest[0] == '[')
        {
            rest = rest[1..];
            if (!Name(ref rest, out var id)) return false;
            var parameters = new List<SyslogSdParam>();
            while (!rest.IsEmpty && rest[0] == ' ')
            {
                rest = rest[1..];
                if (!Name(ref rest, out var name) || rest.Length < 2 || rest[0] != '=' || rest[1] != '"') return false;
                rest = rest[2..];
                if (!Value(ref rest, out var value)) return false;
                parameters.Add(new SyslogSdParam(name, value));
            }
            if (rest.IsEmpty || rest[0] != ']') return false;
            rest = rest[1..];
            read.Add(new SyslogSdElement(id, [.. parameters]));
        }
        elements = [.. read];
        return read.Count > 0;
    }

    /// <summary>SD-NAME: 1 to 32 printable ASCII characters except '=', ' ', ']' and '"'.</summary>
    private static bool Name(ref ReadOnlySpan<byte> rest, out string name)
    {
        name = "";
        var i = 0;
        while (i < rest.Length && rest[i] is > 32 and < 127 and not ((byte)'=' or (byte)']' or (byte)'"')) i++;
        if (i is 0 or > MaxNameLength) return false;
        name = Encoding.ASCII.GetString(rest[..i]);
        rest = rest[i..];
        return true;
    }

    /// <summary>PARAM-VALUE up to its closing quote; a backslash escapes only '"', '\' and ']' (others are kept as written).</summary>
    private static bool Value(ref ReadOnlySpan<byte> rest, out string value)
    {
        value = "";
        var bytes = new List<byte>();
        for (var i = 0; i < rest.Length; i++)
        {
            var c = rest[i];
            if (c == '"')
            {
                value = Encoding.UTF8.GetString([.. bytes]);
                rest = rest[(i + 1)..];
                return true;
            }
            if (c == '\\' && i + 1 < rest.Length && rest[i + 1] is (byte)'"' or (byte)'\\' or (byte)']') c = rest[++i];
            bytes.Add(c);
        }
        return false;
    }
}
