using NetworkGrains.Cli;
using NetworkGrains.Cli.Bench;

const string usage = """
    ngctl bench ingest [--devices 10000] [--batch 50] [--seconds 20] [--workers 1000]
    ngctl bench memory [--devices 100000] [--series 20] [--points 60]
    ngctl bench traps  [--rate 50000] [--seconds 20] [--sources 100]   (needs net-snmp's snmptrapd)
    ngctl bench polling [--devices 10000] [--interfaces 20] [--interval 60] [--intervals 1]
    ngctl devices list [--page 1] [--limit 50] [--site S] [--role R] [--tag T]
                       [--postgres CONNECTION-STRING | --gateway-port 30000] [--cluster networkgrains]
    """;

try
{
    return args switch
    {
        ["bench", "ingest", .. var rest] => await IngestBenchmark.RunAsync(new CommandLine(rest)),
        ["bench", "memory", .. var rest] => await MemoryBenchmark.RunAsync(new CommandLine(rest)),
        ["bench", "traps", .. var rest] => await TrapBenchmark.RunAsync(new CommandLine(rest)),
        ["bench", "trap-sender", .. var rest] => await TrapSender.RunAsync(new CommandLine(rest)),
        ["bench", "polling", .. var rest] => await PollingBenchmark.RunAsync(new CommandLine(rest)),
        ["bench", "agent-sim", .. var rest] => await AgentSimulator.RunAsync(new CommandLine(rest)),
        ["devices", "list", .. var rest] => await DevicesCommand.ListAsync(new CommandLine(rest)),
        _ => throw new UsageException("unknown command"),
    };
}
catch (UsageException ex)
{
    Console.Error.WriteLine($"ngctl: {ex.Message}\n\nusage:\n{usage}");
    return 2;
}
