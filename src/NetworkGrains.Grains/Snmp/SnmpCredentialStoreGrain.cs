namespace NetworkGrains.Grains.Snmp;

/// <summary>
/// An SNMP credential created through the API: a v1/v2c community (<see cref="Community"/>) or a v3 USM user
/// (<see cref="Auth"/>/<see cref="Priv"/> protocol names with their passphrases). Holds secrets: it lives only in
/// the silo (this assembly is not the client SDK's) and is never returned by the API.
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.snmp-credential.v1")]
public sealed record SnmpCredentialRecord(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Community,
    [property: Id(2)] string Auth,
    [property: Id(3)] string? AuthPassword,
    [property: Id(4)] string Priv,
    [property: Id(5)] string? PrivPassword)
{
    public bool IsCommunity => Community is not null;
}

[GenerateSerializer, Alias("ng.snmp-credential-store-state.v1")]
public sealed class SnmpCredentialStoreState
{
    [Id(0)] public Dictionary<string, SnmpCredentialRecord> Credentials { get; set; } = [];
}

/// <summary>The API-created SNMP credentials of the cluster (one grain, key <see cref="Key"/>), durable.</summary>
[Alias("ng.snmp-credential-store")]
public interface ISnmpCredentialStoreGrain : IGrainWithStringKey
{
    public const string Key = "snmp";

    [Alias("put")]
    Task Put(SnmpCredentialRecord credential);

    /// <summary>False when there was no credential of that name.</summary>
    [Alias("remove")]
    Task<bool> Remove(string name);

    [Alias("all")]
    Task<SnmpCredentialRecord[]> All();
}

public sealed class SnmpCredentialStoreGrain(
    [PersistentState("snmp-credentials", StorageNames.Inventory)] IPersistentState<SnmpCredentialStoreState> state)
    : Grain, ISnmpCredentialStoreGrain
{
    public async Task Put(SnmpCredentialRecord credential)
    {
        state.State.Credentials[credential.Name] = credential;
        await state.WriteStateAsync();
    }

    public async Task<bool> Remove(string name)
    {
        if (!state.State.Credentials.Remove(name)) return false;
        await state.WriteStateAsync();
        return true;
    }

    public Task<SnmpCredentialRecord[]> All() => Task.FromResult(state.State.Credentials.Values.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray());
}
