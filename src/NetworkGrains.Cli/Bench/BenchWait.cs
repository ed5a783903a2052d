namespace NetworkGrains.Cli.Bench;

public static class BenchWait
{
    /// <summary>Waits until a count has not grown for <paramref name="quiet"/> (the receiver has drained what it queued).</summary>
    public static async Task ForQuiet(Func<long> count, TimeSpan quiet)
    {
        long last = -1;
        for (var stable = 0; stable < 3;)
        {
            await Task.Delay(quiet / 3);
            var now = count();
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
    }

    /// <summary>Polls <paramref name="done"/> until it says yes; fails naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for {what}");
            await Task.Delay(200);
        }
    }
}
