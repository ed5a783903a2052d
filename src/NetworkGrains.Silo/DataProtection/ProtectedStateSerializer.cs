using Orleans.Storage;

namespace NetworkGrains.Silo.DataProtection;

/// <summary>
/// Grain state as it reaches storage (PostgreSQL or memory): the inner serializer's bytes sealed under the
/// ring's current key. State written before encryption (no envelope) is still read, and sealed at its next write.
/// </summary>
public sealed class ProtectedStateSerializer(IGrainStorageSerializer inner, KeyRing keys) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(keys.Protect(inner.Serialize(input).ToMemory().Span));

    public T? Deserialize<T>(BinaryData input)
    {
        var bytes = input.ToMemory().Span;
        return inner.Deserialize<T>(KeyRing.IsEnvelope(bytes) ? new BinaryData(keys.Unprotect(bytes)) : input);
    }
}
