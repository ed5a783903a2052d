namespace NetworkGrains.Cli.Bench;

public static class BenchWait
{
    /// <summary>Waits until a count stops growing (the receiver has drained what it queued).</summary>
    public static async Task ForQuiet(Func<long> count)
    {
        long last = -1;
        for (var stable = 0; stable < 3;)
        {
            await Task.Delay(500);
            var now = count();
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
    }
}
