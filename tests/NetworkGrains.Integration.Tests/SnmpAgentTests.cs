using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Integration.Tests;

/// <summary>Tests against a private snmpd (<see cref="SnmpAgent"/>) through one <see cref="SnmpClient"/>: both made for each test and gone after it.</summary>
public abstract class SnmpAgentTests : IAsyncLifetime
{
    protected SnmpAgent Agent { get; private set; } = null!;
    protected SnmpClient Client { get; } = new();

    public async Task InitializeAsync() => Agent = await SnmpAgent.StartAsync();

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Agent.DisposeAsync();
    }
}
