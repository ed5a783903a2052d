namespace NetworkGrains.Grains.Tests;

/// <summary>Waiting for what grains do in the background (anomalies raised, webhooks sent, jobs run).</summary>
internal static class Poll
{
    public static Task UntilAsync(Func<bool> condition, int seconds = 15) => UntilAsync(() => Task.FromResult(condition()), seconds);

    public static async Task UntilAsync(Func<Task<bool>> condition, int seconds = 15) =>
        await ValueAsync(async () => await condition() ? new object() : null, seconds);

    /// <summary>The probe's first non-null answer; a <see cref="TimeoutException"/> after <paramref name="seconds"/>.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, int seconds = 15) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not within {seconds} s");
            await Task.Delay(50);
        }
    }
}
