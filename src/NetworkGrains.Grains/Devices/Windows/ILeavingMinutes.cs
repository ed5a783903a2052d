namespace NetworkGrains.Grains.Devices.Windows;

/// <summary>
/// Where the minutes of a series go when its points are about to leave the window before those minutes were
/// written behind (a backfill older than the window): the device's rollup backlog in the Postgres profile.
/// </summary>
public interface ILeavingMinutes
{
    /// <summary>
    /// Takes the minutes after <see cref="Series.RollupsWrittenThrough"/> through <paramref name="throughMinute"/>,
    /// which the window still holds whole, and moves the mark there. Returns how many readings it could not keep.
    /// </summary>
    int Leaving(SeriesKey key, Series series, long throughMinute);
}
