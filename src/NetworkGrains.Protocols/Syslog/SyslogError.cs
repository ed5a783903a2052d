namespace NetworkGrains.Protocols.Syslog;

/// <summary>Why a message or frame was refused (the receiver counts each as a drop reason, snake_case).</summary>
public enum SyslogError
{
    None,
    Empty,
    MissingPri,
    InvalidPri,
    /// <summary>An RFC 5424 header field that breaks the grammar (timestamp, lengths, characters, structured data).</summary>
    Malformed,
    /// <summary>The message says it is UTF-8 (a BOM) and is not.</summary>
    InvalidUtf8,
    TooLong,
    /// <summary>A TCP octet count that is not a number, or a frame that ends before its count.</summary>
    BadOctetCount,
}
