namespace NetworkGrains.Integration.Tests;

/// <summary>Polls until a probe returns a value (for things a silo does in the background), or fails after 20 s (or as asked).</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, int seconds = 20) where T : struct
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not within {seconds} s");
            await Task.Delay(200);
        }
    }

    public static Task UntilAsync(Func<bool> condition, int seconds = 20) => UntilAsync(() => Task.FromResult(condition()), seconds);

    public static Task UntilAsync(Func<Task<bool>> condition, int seconds = 20) =>
        UntilAsync(async () => await condition() ? true : (bool?)null, seconds);
}
