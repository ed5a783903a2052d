namespace NetworkGrains.Integration.Tests;

/// <summary>Polls until a probe returns a value (for things a silo does in the background), or fails after 20 s.</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe) where T : struct
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("not within 20 s");
            await Task.Delay(200);
        }
    }
}
