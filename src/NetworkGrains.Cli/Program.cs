using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Cli;
using NetworkGrains.Cli.Bench;
using NetworkGrains.Cli.Simulate;

const string usage = """
    ngctl bench [scenario ...] [--quick] [--json FILE]   (every scenario, or those named, then one table with targets and verdicts)
    ngctl bench ingest [--devices 10000] [--batch 50] [--seconds 20] [--workers 1000] [--detection true]
    ngctl bench memory [--devices 100000] [--series 20] [--points 60] [--detection true]
    ngctl bench traps  [--rate 50000] [--seconds 20] [--sources 100] [--warmup 2] [--settle 3] [--quiet 1.5]   (needs net-snmp's snmptrapd)
    ngctl bench syslog [--rate 50000] [--seconds 60] [--sources 100] [--warmup 2] [--quiet 1.5]   (needs rsyslogd)
    ngctl bench flows  [--rate 300000] [--seconds 20] [--exporters 20] [--versions 5,9,10] [--peak-seconds 10]   (needs nfcapd)
                       [--warmup 2] [--idle-seconds 5] [--decoder-seconds 2] [--drain-seconds 2]
    ngctl bench polling [--devices 10000] [--interfaces 20] [--interval 60] [--intervals 1] [--detection true]
    ngctl bench inference [--seconds 10] [--batch 256] [--callers CORES] [--warmup 2] [--rounds 3]   (pool vs a raw ONNX Runtime session, per model type)
    ngctl bench actions [--rate 1000] [--seconds 10] [--warmup 2]   (anomaly signal to a rule's webhook, received on loopback)
    ngctl bench e2e [--rate 200] [--seconds 10] [--settle 2]        (simulated devices' linkDown traps to a rule's webhook)
    ngctl bench failover [--rate 10000] [--readings-per-post 10] [--trap-rate 5000] [--inform-rate 100] [--flow-rate 20000] [--spikes 30]
                         [--before 20] [--after 20] [--flush 10] [--postgres CONNECTION-STRING] [--figures FILE]
                         (3 silos under load, kill -9 one, rolling restart: time to recover, what was acknowledged and lost)
    ngctl simulate [--devices 20] [--interfaces 4] [--flows 20] [--seconds S] [--silo http://127.0.0.1:8080] [--api-key-file F]
                   [--incidents all|none|link_flap,error_burst,cpu_saturation,traffic_drop,flow_flood,slow_drift]
                   [--first 60] [--gap 60] [--length 60] [--history 4320|none] [--poll-interval 10] [--truth .data/simulate/truth.json]
                   [--pcap FILE] [--register false] [--trap-port 1162] [--netflow-port 2055] [--ipfix-port 4739] [--agent-port 16100] [--syslog-port 1514]
    ngctl evaluate --truth FILE [--silo URL] [--api-key-file F] [--grace 120] [--json FILE]
    ngctl forecast traffic --device ID [--instance I] [--horizon 24h] [--silo http://127.0.0.1:8080] [--api-key-file F]   (the silo's forecast)
    ngctl forecast backtest --data DIR [--category NAME] [--horizon 1h,24h]   (NAB layout; vs seasonal naive)
    ngctl nab detectors
    ngctl nab run --data DIR [--detector NAME] --out RESULTS     (DIR/data/<category>/<file>.csv)
    ngctl nab score --results RESULTS --labels FILE               (NAB's combined_windows.json; per category too)
    ngctl nab compare --results RESULTS/NAME --reference DIR/NAME [--tolerance 1e-6]   (row by row, e.g. against published results)
    ngctl nab cv --results RESULTS --labels FILE [--detectors A,B,...] [--or A+B,...]   (leave one category out: chosen on the others, scored on it)
    ngctl nab likelihood --results DIR/numenta --out RESULTS [--name NAME]   (published HTM raw scores through the anomaly likelihood)
    ngctl keys create --name NAME --roles ROLE[,ROLE...] [--expires 90d] [--postgres CONNECTION-STRING]   (prints the key once)
    ngctl keys list [--postgres CONNECTION-STRING]
    ngctl keys revoke --name NAME|ID [--postgres CONNECTION-STRING]      (ConnectionStrings__Postgres if no --postgres)
    ngctl devices list [--page 1] [--limit 50] [--site S] [--role R] [--tag T]
                       [--postgres CONNECTION-STRING | --gateway-port 30000] [--cluster networkgrains]
    """;

try
{
    // A scenario run by the suite reports its figures to the file the suite names.
    var reportAt = args is ["bench", ..] ? Array.IndexOf(args, "--report") : -1;
    string? report = null;
    if (reportAt > 0 && reportAt + 1 < args.Length) (report, args) = (args[reportAt + 1], [.. args[..reportAt], .. args[(reportAt + 2)..]]);
    var code = args switch
    {
        ["bench", .. var words] when BenchSuite.Handles(words) => await BenchSuite.RunAsync(words),
        ["bench", "ingest", .. var rest] => await IngestBenchmark.RunAsync(new CommandLine(rest)),
        ["bench", "memory", .. var rest] => await MemoryBenchmark.RunAsync(new CommandLine(rest)),
        ["bench", "traps", .. var rest] => await TrapBenchmark.RunAsync(new CommandLine(rest)),
        ["bench", "trap-sender", .. var rest] => await TrapSender.RunAsync(new CommandLine(rest)),
        ["bench", "syslog", .. var rest] => await SyslogBenchmark.RunAsync(new CommandLine(rest)),
        ["bench", "syslog-sender", .. var rest] => await SyslogSender.RunAsync(new CommandLine(rest)),
        ["bench", "flows", .. var rest] => await FlowBenchmark.RunAsync(new CommandLine(rest)),
        ["bench", "flow-sender", .. var rest] => await FlowSender.RunAsync(new CommandLine(rest)),
        ["bench", "polling", .. var rest] => await PollingBenchmark.RunAsync(new CommandLine(rest)),
        ["bench", "agent-sim", .. var rest] => await AgentSimulator.RunAsync(new CommandLine(rest)),
        ["bench", "inference", .. var rest] => await InferenceBenchmark.RunAsync(new CommandLine(rest)),
        ["bench", "actions", .. var rest] => await ActionBenchmark.RunAsync(new CommandLine(rest)),
        ["bench", "e2e", .. var rest] => await EndToEndBenchmark.RunAsync(new CommandLine(rest)),
        ["bench", "failover", .. var rest] => await NetworkGrains.Cli.Bench.Failover.FailoverBenchmark.RunAsync(new CommandLine(rest)),
        ["simulate", .. var rest] => await SimulateCommand.RunAsync(new CommandLine(rest)),
        ["evaluate", .. var rest] => await EvaluateCommand.RunAsync(new CommandLine(rest)),
        ["forecast", "traffic", .. var rest] => await ForecastCommand.TrafficAsync(new CommandLine(rest)),
        ["forecast", "backtest", .. var rest] => ForecastCommand.Backtest(new CommandLine(rest)),
        ["nab", "detectors"] => NabCommand.Detectors(),
        ["nab", "run", .. var rest] => NabCommand.Run(new CommandLine(rest)),
        ["nab", "score", .. var rest] => NabCommand.Score(new CommandLine(rest)),
        ["nab", "compare", .. var rest] => NabCommand.Compare(new CommandLine(rest)),
        ["nab", "cv", .. var rest] => NabCommand.CrossValidate(new CommandLine(rest)),
        ["nab", "likelihood", .. var rest] => NabCommand.Likelihood(new CommandLine(rest)),
        ["keys", "create", .. var rest] => await KeysCommand.CreateAsync(new CommandLine(rest)),
        ["keys", "list", .. var rest] => await KeysCommand.ListAsync(new CommandLine(rest)),
        ["keys", "revoke", .. var rest] => await KeysCommand.RevokeAsync(new CommandLine(rest)),
        ["devices", "list", .. var rest] => await DevicesCommand.ListAsync(new CommandLine(rest)),
        _ => throw new UsageException("unknown command"),
    };
    if (report is not null) BenchReport.Write(report);
    return code;
}
catch (UsageException ex)
{
    Console.Error.WriteLine($"ngctl: {ex.Message}\n\nusage:\n{usage}");
    return 2;
}
catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or DomainProblem)
{
    Console.Error.WriteLine($"ngctl: {ex.Message}");
    return 1;
}
