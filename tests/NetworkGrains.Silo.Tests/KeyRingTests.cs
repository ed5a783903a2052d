using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using NetworkGrains.Silo.DataProtection;
using Orleans.Storage;

namespace NetworkGrains.Silo.Tests;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KeyRingTests : IDisposable
{
    private static readonly byte[] Secret = "community-s3cret-value"u8.ToArray();
    private static readonly byte[] K1 = RandomNumberGenerator.GetBytes(32), K2 = RandomNumberGenerator.GetBytes(32);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ng-keyring-");

    [Fact]
    public void An_envelope_names_its_key_hides_the_plaintext_and_differs_each_time()
    {
        var ring = Ring(("k1", K1));
        var first = ring.Protect(Secret);
        var second = ring.Protect(Secret);

        Assert.True(KeyRing.IsEnvelope(first));
        Assert.Equal("k1", KeyRing.KeyIdOf(first));
        Assert.Equal(-1, first.AsSpan().IndexOf(Secret));
        Assert.NotEqual(first, second);
        Assert.Equal(Secret, ring.Unprotect(first));
        Assert.Equal(Secret, ring.Unprotect(second));
    }

    [Fact]
    public void After_rotation_old_envelopes_still_read_and_new_ones_are_sealed_under_the_new_key()
    {
        var old = Ring(("k1", K1)).Protect(Secret);
        var rotated = new KeyRing(new Dictionary<string, byte[]> { ["k1"] = K1, ["k2"] = K2 }, "k2");

        Assert.Equal(Secret, rotated.Unprotect(old));
        var fresh = rotated.Protect(Secret);
        Assert.Equal("k2", KeyRing.KeyIdOf(fresh));
        var withoutK1 = Ring(("k2", K2));
        Assert.Equal(Secret, withoutK1.Unprotect(fresh));
        Assert.Contains("'k1', which is not configured", Assert.Throws<CryptographicException>(() => withoutK1.Unprotect(old)).Message);
    }

    [Fact]
    public void Another_key_under_the_same_id_or_a_changed_byte_does_not_decrypt_and_says_which_key()
    {
        var envelope = Ring(("k1", K1)).Protect(Secret);
        Assert.Contains("does not decrypt under DataProtection key 'k1'", Assert.Throws<CryptographicException>(() => Ring(("k1", K2)).Unprotect(envelope)).Message);

        for (var i = 0; i < envelope.Length; i++)
        {
            var changed = envelope.ToArray();
            changed[i] ^= 0x01;
            Assert.ThrowsAny<CryptographicException>(() => Ring(("k1", K1)).Unprotect(changed));
        }
        Assert.ThrowsAny<CryptographicException>(() => Ring(("k1", K1)).Unprotect(envelope.AsSpan(0, envelope.Length - Secret.Length - 17)));
    }

    [Fact]
    public void The_state_serializer_seals_what_it_writes_and_still_reads_state_written_before_encryption()
    {
        var inner = new Utf8Serializer();
        var serializer = new ProtectedStateSerializer(inner, Ring(("k1", K1)));

        var stored = serializer.Serialize("snmp-community public-s3cret").ToArray();
        Assert.True(KeyRing.IsEnvelope(stored));
        Assert.DoesNotContain("s3cret", Encoding.UTF8.GetString(stored));
        Assert.Equal("snmp-community public-s3cret", serializer.Deserialize<string>(new BinaryData(stored)));
        Assert.Equal("written in clear", serializer.Deserialize<string>(inner.Serialize("written in clear")));
    }

    [Fact]
    public void The_key_file_is_made_once_with_mode_600_and_its_last_key_encrypts_unless_CurrentKey_says_otherwise()
    {
        var path = Path.Combine(_directory.FullName, "keys", "data-protection.keys");
        var created = KeyRingFile.Load(Configuration(("DataProtection:KeyFile", path)), durable: true, NullLogger.Instance);
        Assert.Equal(["k1"], created.Ids);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var sealedByK1 = created.Protect(Secret);

        File.AppendAllText(path, $"# rotated\nk2 {Convert.ToBase64String(K2)}\n");
        var rotated = KeyRingFile.Load(Configuration(("DataProtection:KeyFile", path)), durable: true, NullLogger.Instance);
        Assert.Equal("k2", rotated.CurrentId);
        Assert.Equal(Secret, rotated.Unprotect(sealedByK1));
        var pinned = KeyRingFile.Load(Configuration(("DataProtection:KeyFile", path), ("DataProtection:CurrentKey", "k1")), durable: true, NullLogger.Instance);
        Assert.Equal("k1", pinned.CurrentId);
        var fromEnvironment = KeyRingFile.Load(Configuration(("DataProtection:Keys:k9", Convert.ToBase64String(K1))), durable: true, NullLogger.Instance);
        Assert.Equal("k9", fromEnvironment.CurrentId);
    }

    [Theory]
    [InlineData("k1 bm90LTMyLWJ5dGVz", "must be 32 bytes in base64")]
    [InlineData("only-an-id", "line 1: expected 'id base64-key'")]
    [InlineData("bad/id AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "key id 'bad/id'")]
    public void A_bad_key_file_stops_the_start_with_the_line_or_key_at_fault(string line, string message)
    {
        var path = Path.Combine(_directory.FullName, "bad.keys");
        File.WriteAllText(path, line + "\n");
        Assert.Contains(message, Assert.Throws<InvalidOperationException>(() => KeyRingFile.Load(Configuration(("DataProtection:KeyFile", path)), durable: true, NullLogger.Instance)).Message);
    }

    [Fact]
    public void Without_a_key_the_postgres_profile_refuses_to_start_and_the_default_one_makes_a_key_for_the_run()
    {
        Assert.Contains("DataProtection:KeyFile", Assert.Throws<InvalidOperationException>(() => KeyRingFile.Load(Configuration(), durable: true, NullLogger.Instance)).Message);
        var ephemeral = KeyRingFile.Load(Configuration(), durable: false, NullLogger.Instance);
        Assert.Equal(Secret, ephemeral.Unprotect(ephemeral.Protect(Secret)));
    }

    private static KeyRing Ring(params (string Id, byte[] Key)[] keys) => new(keys.ToDictionary(k => k.Id, k => k.Key), keys[^1].Id);

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    public void Dispose() => _directory.Delete(recursive: true);

    private sealed class Utf8Serializer : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => new(Encoding.UTF8.GetBytes((string)(object)input!));

        public T? Deserialize<T>(BinaryData input) => (T)(object)Encoding.UTF8.GetString(input.ToArray());
    }
}
