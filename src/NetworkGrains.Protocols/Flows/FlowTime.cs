namespace NetworkGrains.Protocols.Flows;

internal static class FlowTime
{
    /// <summary>
    /// A time given as the exporter's sysUpTime (ms) turned into Unix ms, using the header's pair of clocks. The
    /// subtraction is done in 32 bits so an uptime that wrapped between the flow and the export stays right.
    /// </summary>
    public static long FromUpTime(long exportMilliseconds, uint upTimeAtExport, uint upTimeAtEvent) =>
        exportMilliseconds - (uint)(upTimeAtExport - upTimeAtEvent);
}
