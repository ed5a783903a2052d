using System.Buffers.Binary;
using System.Numerics;

namespace NetworkGrains.Protocols.Snmp.V3;

/// <summary>
/// SHA-224 (FIPS 180-4 §6.3): SHA-256 with its own initial hash value, truncated to 28 bytes. .NET has no SHA-224,
/// and RFC 7860's usmHMAC128SHA224AuthProtocol needs it.
/// </summary>
public static class Sha224
{
    private const int BlockSize = 64;

    private static readonly uint[] InitialHash =
        [0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4];

    /// <summary>The first 32 bits of the fractional parts of the cube roots of the first 64 primes.</summary>
    private static readonly uint[] RoundConstants = Primes(64).Select(p => (uint)((Math.Cbrt(p) % 1) * 4294967296d)).ToArray();

    public static byte[] HashData(ReadOnlySpan<byte> data)
    {
        var state = (uint[])InitialHash.Clone();
        var blocks = data.Length / BlockSize;
        for (var i = 0; i < blocks; i++) Compress(state, data.Slice(i * BlockSize, BlockSize));

        // Padding: 0x80, zeros, then the message length in bits as a 64-bit big-endian number.
        Span<byte> tail = stackalloc byte[2 * BlockSize];
        tail.Clear();
        var rest = data[(blocks * BlockSize)..];
        rest.CopyTo(tail);
        tail[rest.Length] = 0x80;
        var tailLength = rest.Length + 9 <= BlockSize ? BlockSize : 2 * BlockSize;
        BinaryPrimitives.WriteUInt64BigEndian(tail[(tailLength - 8)..], (ulong)data.Length * 8);
        for (var offset = 0; offset < tailLength; offset += BlockSize) Compress(state, tail.Slice(offset, BlockSize));

        var digest = new byte[28];
        for (var i = 0; i < 7; i++) BinaryPrimitives.WriteUInt32BigEndian(digest.AsSpan(i * 4), state[i]);
        return digest;
    }

    /// <summary>HMAC (RFC 2104) over SHA-224.</summary>
    public static byte[] Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        block.Clear();
        (key.Length > BlockSize ? HashData(key) : key).CopyTo(block);
        var inner = new byte[BlockSize + data.Length];
        var outer = new byte[BlockSize + 28];
        for (var i = 0; i < BlockSize; i++)
        {
            inner[i] = (byte)(block[i] ^ 0x36);
            outer[i] = (byte)(block[i] ^ 0x5c);
        }
        data.CopyTo(inner.AsSpan(BlockSize));
        HashData(inner).CopyTo(outer.AsSpan(BlockSize));
        return HashData(outer);
    }

    private static void Compress(uint[] state, ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[64];
        for (var t = 0; t < 16; t++) w[t] = BinaryPrimitives.ReadUInt32BigEndian(block[(t * 4)..]);
        for (var t = 16; t < 64; t++)
        {
            var s0 = BitOperations.RotateRight(w[t - 15], 7) ^ BitOperations.RotateRight(w[t - 15], 18) ^ (w[t - 15] >> 3);
            var s1 = BitOperations.RotateRight(w[t - 2], 17) ^ BitOperations.RotateRight(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }

        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        for (var t = 0; t < 64; t++)
        {
            var sum1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
            var choose = (e & f) ^ (~e & g);
            var temp1 = h + sum1 + choose + RoundConstants[t] + w[t];
            var sum0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
            var majority = (a & b) ^ (a & c) ^ (b & c);
            var temp2 = sum0 + majority;
            (h, g, f, e, d, c, b, a) = (g, f, e, d + temp1, c, b, a, temp1 + temp2);
        }
        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
    }

    private static IEnumerable<int> Primes(int count) =>
        Enumerable.Range(2, int.MaxValue - 2).Where(n => Enumerable.Range(2, (int)Math.Sqrt(n) - 1).All(d => n % d != 0)).Take(count);
}
