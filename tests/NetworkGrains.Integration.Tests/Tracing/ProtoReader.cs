namespace NetworkGrains.Integration.Tests.Tracing;

/// <summary>
/// Just enough of the protobuf wire format to read OTLP: tags, varints, length-delimited fields, and skipping the
/// fixed-width ones. Malformed input throws <see cref="InvalidDataException"/>.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public bool TryReadField(out int field, out int wireType)
    {
        if (_position >= _data.Length)
        {
            (field, wireType) = (0, 0);
            return false;
        }
        var tag = ReadVarint();
        (field, wireType) = ((int)(tag >> 3), (int)(tag & 7));
        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if ((uint)_position >= (uint)_data.Length) throw new InvalidDataException("a varint runs past the end");
            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("a varint longer than 10 bytes");
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position)) throw new InvalidDataException("a field runs past the end");
        var bytes = _data.Slice(_position, (int)length);
        _position += (int)length;
        return bytes;
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0: ReadVarint(); break;
            case 1: Advance(8); break;
            case 2: ReadBytes(); break;
            case 5: Advance(4); break;
            default: throw new InvalidDataException($"wire type {wireType}");
        }
    }

    private void Advance(int count)
    {
        if (count > _data.Length - _position) throw new InvalidDataException("a fixed field runs past the end");
        _position += count;
    }
}
