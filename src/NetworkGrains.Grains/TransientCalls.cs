using Orleans.Runtime;

namespace NetworkGrains.Grains;

/// <summary>
/// Grain calls that meet the cluster in a passing state: a silo gone, a call timed out while the cluster recovers or
/// re-balances. Such a call may be made again; any other failure is an answer.
/// </summary>
public static class TransientCalls
{
    public static bool IsTransient(Exception ex) => ex is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException;

    /// <summary>Makes <paramref name="call"/>, again after <paramref name="pause"/> while it fails transiently, at most <paramref name="attempts"/> times; the last failure is thrown.</summary>
    public static async Task RetryAsync(Func<Task> call, int attempts, TimeSpan pause)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (Exception ex) when (attempt < attempts && IsTransient(ex))
            {
                await Task.Delay(pause);
            }
        }
    }
}
