using System.Security.Cryptography;
using System.Text;

namespace NetworkGrains.Silo.DataProtection;

/// <summary>
/// The data-protection keys (AES-256, by id) and which one encrypts. An envelope is
/// magic(4) version(1) idLength(1) id salt(16) nonce(12) tag(16) ciphertext: the key id says which key reads it,
/// and each envelope is sealed under its own subkey, HKDF-SHA256(key, salt), so that no nonce budget binds a key
/// however many states it writes. The header is the authenticated data: an id changed in storage does not decrypt.
/// </summary>
public sealed class KeyRing
{
    public const int KeyBytes = 32;
    private const int SaltBytes = 16, NonceBytes = 12, TagBytes = 16, MaxIdLength = 32;
    private static readonly byte[] Magic = [0xA5, 0x4E, 0x47, 0x45];
    private const byte Version = 1;
    private static readonly byte[] SubkeyInfo = "ng-data-protection-v1"u8.ToArray();
    private readonly Dictionary<string, byte[]> _keys;

    public KeyRing(IReadOnlyDictionary<string, byte[]> keys, string currentId)
    {
        foreach (var (id, key) in keys)
        {
            if (!IsValidId(id)) throw new InvalidOperationException($"DataProtection key id '{id}': 1 to {MaxIdLength} letters, digits, '.', '-' or '_'");
            if (key.Length != KeyBytes) throw new InvalidOperationException($"DataProtection key '{id}' must be {KeyBytes} bytes (base64 of 32 random bytes: openssl rand -base64 32)");
        }
        if (!keys.ContainsKey(currentId)) throw new InvalidOperationException($"DataProtection:CurrentKey '{currentId}' is not one of the configured keys ({string.Join(", ", keys.Keys)})");
        _keys = keys.ToDictionary(k => k.Key, k => k.Value.ToArray(), StringComparer.Ordinal);
        CurrentId = currentId;
    }

    /// <summary>The id of the key that encrypts from now on.</summary>
    public string CurrentId { get; }

    public IReadOnlyCollection<string> Ids => _keys.Keys;

    /// <summary>A ring of one random key, for a run whose state dies with it (the default profile without a configured key).</summary>
    public static KeyRing Ephemeral() => new(new Dictionary<string, byte[]> { ["run"] = RandomNumberGenerator.GetBytes(KeyBytes) }, "run");

    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= MaxIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    public static bool IsEnvelope(ReadOnlySpan<byte> data) => data.Length > Magic.Length + 2 && data.StartsWith(Magic) && data[Magic.Length] == Version;

    public byte[] Protect(ReadOnlySpan<byte> plaintext) => Protect(plaintext, CurrentId);

    public byte[] Protect(ReadOnlySpan<byte> plaintext, string keyId)
    {
        var id = Encoding.ASCII.GetBytes(keyId);
        var headerLength = Magic.Length + 2 + id.Length;
        var envelope = new byte[headerLength + SaltBytes + NonceBytes + TagBytes + plaintext.Length];
        Magic.CopyTo(envelope, 0);
        envelope[Magic.Length] = Version;
        envelope[Magic.Length + 1] = (byte)id.Length;
        id.CopyTo(envelope, Magic.Length + 2);
        var span = envelope.AsSpan();
        var salt = span.Slice(headerLength, SaltBytes);
        var nonce = span.Slice(headerLength + SaltBytes, NonceBytes);
        RandomNumberGenerator.Fill(span.Slice(headerLength, SaltBytes + NonceBytes));
        Span<byte> subkey = stackalloc byte[KeyBytes];
        DeriveSubkey(_keys[keyId], salt, subkey);
        using var aes = new AesGcm(subkey, TagBytes);
        aes.Encrypt(nonce, plaintext, span[(headerLength + SaltBytes + NonceBytes + TagBytes)..], span.Slice(headerLength + SaltBytes + NonceBytes, TagBytes), span[..headerLength]);
        return envelope;
    }

    /// <summary>The plaintext of an envelope; a clear exception when its key is not in the ring or the envelope does not decrypt under it.</summary>
    public byte[] Unprotect(ReadOnlySpan<byte> envelope)
    {
        if (!IsEnvelope(envelope)) throw new CryptographicException("not a data-protection envelope");
        var keyId = KeyIdOf(envelope);
        if (!_keys.TryGetValue(keyId, out var key))
            throw new CryptographicException($"encrypted under DataProtection key '{keyId}', which is not configured (keys: {string.Join(", ", _keys.Keys)})");
        var headerLength = Magic.Length + 2 + envelope[Magic.Length + 1];
        var body = envelope[headerLength..];
        if (body.Length < SaltBytes + NonceBytes + TagBytes) throw new CryptographicException("a data-protection envelope cut short");
        var plaintext = new byte[body.Length - SaltBytes - NonceBytes - TagBytes];
        Span<byte> subkey = stackalloc byte[KeyBytes];
        DeriveSubkey(key, body[..SaltBytes], subkey);
        using var aes = new AesGcm(subkey, TagBytes);
        try
        {
            aes.Decrypt(body.Slice(SaltBytes, NonceBytes), body[(SaltBytes + NonceBytes + TagBytes)..], body.Slice(SaltBytes + NonceBytes, TagBytes), plaintext, envelope[..headerLength]);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new CryptographicException($"does not decrypt under DataProtection key '{keyId}': another key under the same id, or changed data");
        }
        return plaintext;
    }

    /// <summary>The id of the key an envelope was sealed under (the envelope must be one: <see cref="IsEnvelope"/>).</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> envelope)
    {
        var length = envelope[Magic.Length + 1];
        if (length == 0 || envelope.Length < Magic.Length + 2 + length) throw new CryptographicException("a data-protection envelope with a bad key id");
        return Encoding.ASCII.GetString(envelope.Slice(Magic.Length + 2, length));
    }

    /// <summary>The bytes an envelope starts with, as SQL can match them: magic and version.</summary>
    public static byte[] Prefix => [.. Magic, Version];

    private static void DeriveSubkey(byte[] key, ReadOnlySpan<byte> salt, Span<byte> subkey) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key, subkey, salt, SubkeyInfo);
}
