namespace NetworkGrains.Protocols.Snmp;

/// <summary>
/// Writes BER into a growing buffer. A constructed element is opened with <see cref="Constructed"/> and closed by
/// disposing the returned scope, which fills in its length (moving the content if the length needs long form).
/// </summary>
public sealed class BerWriter
{
    private byte[] _buffer = new byte[256];
    private int _length;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public byte[] ToArray() => Written.ToArray();

    public Scope Constructed(byte tag)
    {
        Reserve(2);
        _buffer[_length++] = tag;
        _buffer[_length++] = 0;
        return new Scope(this, _length);
    }

    public void WriteInteger(byte tag, long value)
    {
        var length = Ber.IntegerLength(value);
        var content = WriteHeader(tag, length);
        for (var i = length - 1; i >= 0; i--, value >>= 8) content[i] = (byte)value;
    }

    public void WriteUnsigned(byte tag, ulong value)
    {
        var length = Ber.UnsignedLength(value);
        var content = WriteHeader(tag, length);
        for (var i = length - 1; i >= 0; i--, value >>= 8) content[i] = (byte)value;
    }

    public void WriteBytes(byte tag, ReadOnlySpan<byte> value) => value.CopyTo(WriteHeader(tag, value.Length));

    public void WriteObjectIdentifier(Oid oid) => oid.Encode(WriteHeader(BerTag.ObjectIdentifier, oid.EncodedLength));

    public void WriteNull() => WriteHeader(BerTag.Null, 0);

    private Span<byte> WriteHeader(byte tag, int length)
    {
        var lengthOfLength = Ber.LengthOfLength(length);
        Reserve(1 + lengthOfLength + length);
        _buffer[_length++] = tag;
        WriteLength(_buffer.AsSpan(_length, lengthOfLength), length);
        _length += lengthOfLength;
        var content = _buffer.AsSpan(_length, length);
        _length += length;
        return content;
    }

    private void Close(int contentStart)
    {
        var contentLength = _length - contentStart;
        var extra = Ber.LengthOfLength(contentLength) - 1;
        if (extra > 0)
        {
            Reserve(extra);
            _buffer.AsSpan(contentStart, contentLength).CopyTo(_buffer.AsSpan(contentStart + extra));
            _length += extra;
        }
        WriteLength(_buffer.AsSpan(contentStart - 1, extra + 1), contentLength);
    }

    private static void WriteLength(Span<byte> destination, int length)
    {
        if (destination.Length == 1) { destination[0] = (byte)length; return; }
        destination[0] = (byte)(0x80 | (destination.Length - 1));
        for (var i = destination.Length - 1; i >= 1; i--, length >>= 8) destination[i] = (byte)length;
    }

    private void Reserve(int more)
    {
        if (_length + more <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
    }

    public readonly struct Scope(BerWriter writer, int contentStart) : IDisposable
    {
        public void Dispose() => writer.Close(contentStart);
    }
}
