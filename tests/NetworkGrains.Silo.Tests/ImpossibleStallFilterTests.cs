using NetworkGrains.Silo.Hosting;
using Serilog.Events;
using Serilog.Parsing;

namespace NetworkGrains.Silo.Tests;

public sealed class ImpossibleStallFilterTests
{
    [Fact]
    public void A_watchdog_stall_longer_than_the_process_has_run_is_dropped_and_a_possible_one_kept()
    {
        Assert.True(ImpossibleStallFilter.IsImpossible(Event("Orleans.Runtime.Watchdog", TimeSpan.FromHours(16))));
        Assert.True(ImpossibleStallFilter.IsImpossible(Event("Orleans.Runtime.Watchdog", "16:34:06.1467214")));
        Assert.False(ImpossibleStallFilter.IsImpossible(Event("Orleans.Runtime.Watchdog", TimeSpan.Zero)));
        Assert.False(ImpossibleStallFilter.IsImpossible(Event("NetworkGrains.Silo", TimeSpan.FromHours(16))));
    }

    private static LogEvent Event(string source, object stall) => new(DateTimeOffset.UtcNow, LogEventLevel.Warning, null,
        new MessageTemplateParser().Parse("Participant check thread has not completed for {TimeSinceLastTick}"),
        [new LogEventProperty("SourceContext", new ScalarValue(source)), new LogEventProperty("TimeSinceLastTick", new ScalarValue(stall))]);
}
