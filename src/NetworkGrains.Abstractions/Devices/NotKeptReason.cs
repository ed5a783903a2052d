namespace NetworkGrains.Abstractions.Devices;

/// <summary>Why readings a device took in are not kept (<see cref="IngestResult.NotKept"/>).</summary>
[GenerateSerializer, Alias("ng.not-kept-reason.v1")]
public enum NotKeptReason
{
    /// <summary>
    /// Older than the device's window once the batch was in (newer readings of their series pushed them out), in a
    /// silo that keeps no rollups beyond the window (the default profile). Their detectors still learnt from them.
    /// </summary>
    OlderThanWindow = 0,

    /// <summary>
    /// They left the window before their minutes were written, and the device's backlog of rollups waiting for
    /// their write was full (Devices:MaxQueuedRollups): PostgreSQL has been failing, or backfills came faster than it takes them.
    /// </summary>
    RollupBacklogFull = 1,
}
