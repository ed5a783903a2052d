using System.Net;
using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Protocols.Snmp.V3;

namespace NetworkGrains.Silo.Snmp;

/// <summary>An agent and how to talk to it: a community for v1/v2c, a USM user for v3.</summary>
public sealed record SnmpTarget(IPEndPoint Endpoint, SnmpVersion Version, byte[]? Community = null, UsmUser? User = null)
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
    public int Retries { get; init; } = 2;

    public override string ToString() => $"{Version} {Endpoint}"; // never the community or the user's keys
}

/// <summary>The agent did not answer within the timeout, after every retry.</summary>
public sealed class SnmpTimeoutException(SnmpTarget target)
    : TimeoutException($"No answer from {target} after {target.Retries + 1} attempts of {target.Timeout.TotalSeconds:0.#} s");

/// <summary>The agent answered with something that is not a valid answer (a bad digest, an undecryptable PDU, a Report).</summary>
public sealed class SnmpResponseException(string message) : Exception(message);
