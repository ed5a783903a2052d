using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.Cli.Bench;

/// <summary>
/// The inference pool against a raw ONNX Runtime session on the same model, batch size and number of concurrent
/// callers, for each model type: rows/s, CPU per row, and the pool's call latency. The pool runs in an in-process
/// silo (as device grains call it); the raw session is plain ONNX Runtime on plain threads (<see cref="PlainOnnxSession"/>).
/// The two alternate in rounds, so that a slower moment of a shared machine does not fall on one of them only.
/// Every session (the raw callers' and the pool's) exists and has run before any round is timed: a round times
/// steady-state calls only.
/// </summary>
public static class InferenceBenchmark
{
    private const double TargetRatio = 0.90;
    private const int DistinctBatches = 32; // callers cycle through these, so live rows look like training rows

    public static async Task<int> RunAsync(CommandLine options)
    {
        var seconds = options.Seconds("seconds", 10);
        var warmup = options.Seconds("warmup", 2);
        var rounds = options.Int("rounds", 3);
        var batch = options.Int("batch", 256);
        var callers = options.Int("callers", Environment.ProcessorCount);
        options.EnsureAllRead();
        OnnxTelemetryGuard.EnsureDisabled();

        using var host = await BenchSilo.StartAsync(new Dictionary<string, string?> { ["NetworkGrains:Dashboard"] = "false" });
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        Console.WriteLine($"inference: batch {batch} rows, {callers} concurrent callers; every path warmed up {warmup} s, then per model {rounds} rounds of raw then pool, {seconds} s measured each in all");
        Console.WriteLine($"  {"model",-18} {"raw ORT rows/s",15} {"pool rows/s",13} {"ratio",7} {"raw us/row",11} {"pool us/row",12} {"pool p50 ms",12} {"p99 ms",8}");
        var models = new List<(BenchModels.Sample Sample, Caller[] Raw, Caller[] Pool)>();
        var sessions = new List<PlainOnnxSession>();
        try
        {
            foreach (var sample in BenchModels.All())
            {
                var inputs = Enumerable.Range(0, DistinctBatches).Select(b => BenchModels.Batch(sample, batch, b * batch)).ToArray();
                var requests = inputs.Select(input => new ScoreRequest(sample.Name, null, null, sample.FeatureCount, input)).ToArray();
                await Register(grains, sample);
                // One raw session per caller, as the pool's workers have one each; made here, never inside a round.
                var raw = Enumerable.Range(0, callers).Select(_ => new PlainOnnxSession(sample.Onnx)).ToArray();
                sessions.AddRange(raw);
                models.Add((sample, raw.Select(session => RawCaller(session, inputs, batch)).ToArray(),
                    Enumerable.Range(0, callers).Select(_ => PoolCaller(grains, requests)).ToArray()));
            }

            // Every path runs before anything is measured: the runtime compiles its hot code again (tiered JIT) in the
            // first seconds, on the same two cores, and would otherwise weigh on whichever model came first; the
            // pool makes its workers' sessions as the first calls need them.
            foreach (var (_, raw, pool) in models)
            {
                await Measure(0, TimeSpan.FromSeconds(warmup), raw);
                await Measure(0, TimeSpan.FromSeconds(warmup), pool);
            }

            var worst = double.MaxValue;
            foreach (var (sample, raw, pool) in models)
            {
                var (rawRuns, poolRuns) = (new List<Run>(), new List<Run>());
                var rewarm = TimeSpan.FromSeconds(warmup / 4); // each side runs again briefly before its round is timed
                for (var round = 0; round < rounds; round++) // alternating, so that a slower moment of the machine falls on both
                {
                    rawRuns.Add(await Measure(seconds / rounds, rewarm, raw));
                    poolRuns.Add(await Measure(seconds / rounds, rewarm, pool));
                }
                worst = Math.Min(worst, Report(sample, batch, Run.Combine(rawRuns), Run.Combine(poolRuns)));
            }
            Console.WriteLine($"  lowest pool/raw ratio {worst:F2} (target >= {TargetRatio:F2}: {(worst >= TargetRatio ? "PASS" : "FALL SHORT")}); us/row = process CPU time per row");
        }
        finally
        {
            foreach (var session in sessions) session.Dispose();
        }
        await host.StopAsync();
        return 0;
    }

    /// <summary>Adds the model's row to the report and prints it; returns the pool/raw ratio.</summary>
    private static double Report(BenchModels.Sample sample, int batch, Run raw, Run pool)
    {
        var ratio = pool.RowsPerSecond(batch) / raw.RowsPerSecond(batch);
        BenchReport.Add(new BenchRow("inference", sample.Name, pool.RowsPerSecond(batch), "rows/s", pool.Percentile(0.5), pool.Percentile(0.99),
            pool.MicrosPerRow(batch) / 1e6, "CPU-s per row", "raw ONNX Runtime", ratio, $">= {TargetRatio:F2}x raw", ratio >= TargetRatio));
        Console.WriteLine($"  {sample.Name,-18} {raw.RowsPerSecond(batch),15:N0} {pool.RowsPerSecond(batch),13:N0} {ratio,6:F2}x {raw.MicrosPerRow(batch),11:F3} {pool.MicrosPerRow(batch),12:F3} {pool.Percentile(0.5),12:F3} {pool.Percentile(0.99),8:F3}");
        return ratio;
    }

    private static Caller RawCaller(PlainOnnxSession scorer, float[][] inputs, int batch)
    {
        // Own threads, not the thread pool's: a caller that never yields would otherwise hold a pool thread the silo needs.
        return (stop, latencies) => Task.Factory.StartNew(() =>
        {
            var output = new float[batch];
            long calls = 0;
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                scorer.Score(inputs[calls % inputs.Length], batch, output);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds); // as the pool's caller does: the same harness on both sides
                calls++;
            }

            return calls;
        }, TaskCreationOptions.LongRunning);
    }

    private static Caller PoolCaller(IGrainFactory grains, ScoreRequest[] requests) => async (stop, latencies) =>
    {
        var pool = grains.GetGrain<IInferenceGrain>(0);
        long calls = 0;
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            await pool.Score(requests[calls % requests.Length]);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            calls++;
        }

        return calls;
    };

    private static async Task Register(IGrainFactory grains, BenchModels.Sample sample)
    {
        var model = grains.GetGrain<IModelGrain>(sample.Name);
        await model.Create(SnakeCaseNames.Parse<ModelType>(sample.ModelType)!.Value, "benchmark", Actor.System);
        var version = await model.AddVersion(new NewModelVersion(sample.Onnx, new() { ["f1"] = 1, ["mase"] = 0, ["r2"] = 1 }, "bench"));
        await model.Approve(version.Version, ModelStage.Production, Actor.System);
        await model.Promote(version.Version, ModelStage.Production, Actor.System, "benchmark");
    }

    /// <summary>Runs the callers (made beforehand) through a warm-up, then counts calls and process CPU over the measured seconds.</summary>
    private static async Task<Run> Measure(double seconds, TimeSpan warmupTime, Caller[] callers)
    {
        using (var warmup = new CancellationTokenSource(warmupTime)) await Task.WhenAll(callers.Select(caller => caller(warmup.Token, [])));
        var latencies = callers.Select(_ => new List<double>()).ToArray();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var calls = (await Task.WhenAll(callers.Select((caller, i) => caller(stop.Token, latencies[i])))).Sum();
        process.Refresh();
        return new Run(calls, wall.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds, latencies.SelectMany(l => l).Order().ToArray());
    }

    private sealed record Run(long Calls, double Seconds, double CpuSeconds, double[] Latencies)
    {
        public static Run Combine(IReadOnlyList<Run> rounds) => new(rounds.Sum(r => r.Calls), rounds.Sum(r => r.Seconds),
            rounds.Sum(r => r.CpuSeconds), [.. rounds.SelectMany(r => r.Latencies).Order()]);

        public double RowsPerSecond(int batch) => Calls * batch / Seconds;

        public double MicrosPerRow(int batch) => CpuSeconds * 1e6 / (Calls * batch);

        public double Percentile(double p) => Latencies.Length == 0 ? double.NaN : Latencies[(int)Math.Min(Latencies.Length - 1, p * Latencies.Length)];
    }

    /// <summary>One concurrent caller: calls until stopped, adding each call's latency (ms); returns its number of calls.</summary>
    private delegate Task<long> Caller(CancellationToken stop, List<double> latencies);
}
