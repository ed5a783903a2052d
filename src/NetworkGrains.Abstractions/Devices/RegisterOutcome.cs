namespace NetworkGrains.Abstractions.Devices;

[GenerateSerializer, Alias("ng.register-outcome.v1")]
public enum RegisterOutcome
{
    Created = 0,
    Updated = 1,
    /// <summary>Another device already has this management address.</summary>
    AddressInUse = 2,
}
