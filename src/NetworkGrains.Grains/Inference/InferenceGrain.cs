using System.Diagnostics;
using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.ML.OnnxModels;
using Orleans.Concurrency;

namespace NetworkGrains.Grains.Inference;

/// <summary>
/// The inference pool (GPSTracker's pattern): stateless, reentrant workers that score with the silo's cached
/// ONNX Runtime sessions, each worker on its own lane (its own session of every model). A call of
/// <see cref="InferenceOptions.FlushRows"/> rows or more runs at once; a smaller one runs at once when the worker is
/// idle, and otherwise joins a batch that flushes after <see cref="InferenceOptions.FlushDelay"/> or when it fills.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class InferenceGrain(ModelSessionCache sessions, ModelRoutingCache routing, DriftMonitor drift, IOptions<InferenceOptions> options)
    : Grain, IInferenceGrain
{
    private readonly ScoringBuffers _buffers = new();
    private readonly Dictionary<(string, int), PendingBatch> _pending = [];
    private readonly Dictionary<(string, int), InferenceCounters.Counts> _counts = [];
    private readonly int _lane = sessions.Lanes.Take();
    private int _callsInFlight;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        sessions.Lanes.Return(_lane);
        return Task.CompletedTask;
    }

    public async Task<ScoreResult> Score(ScoreRequest request)
    {
        var rows = Validate(request);
        _callsInFlight++;
        try
        {
            var version = await routing.Resolve(request);
            var scorer = await sessions.Get(request.Model, version, _lane);
            if (scorer.FeatureCount != request.FeatureCount)
                throw InvalidInputProblem.Single("rows", $"model {request.Model} version {version} takes {scorer.FeatureCount} features ({string.Join(", ", scorer.Card.Features)}), not {request.FeatureCount}");

            var key = (request.Model, version);
            if (drift.Observe(request.Model, version, scorer.Card, request.Rows, rows) is { } drifted)
                GrainFactory.GetGrain<IModelGrain>(request.Model).ReportDrift(version, drifted, DriftMonitor.WindowRows).Ignore();
            var scores = rows >= options.Value.FlushRows || (_callsInFlight == 1 && !_pending.ContainsKey(key))
                ? ScoreNow(scorer, key, request.Rows, rows)
                : await Join(scorer, key, request.Rows, rows);
            return new ScoreResult(version, scores, scorer.Card.Threshold);
        }
        finally
        {
            _callsInFlight--;
        }
    }

    private int Validate(ScoreRequest request)
    {
        var rows = request.CountRows();
        if (rows > options.Value.MaxRowsPerCall) throw InvalidInputProblem.Single("rows", $"{rows} rows in one call: at most {options.Value.MaxRowsPerCall}");
        if (!FiniteValues.All(request.Rows)) throw InvalidInputProblem.Single("rows", "NaN or infinity is not a value");
        return rows;
    }

    /// <summary>Scores the call's own rows into its own answer: nothing to copy.</summary>
    private float[] ScoreNow(OnnxScorer scorer, (string Model, int Version) key, float[] values, int rows)
    {
        var scores = new float[rows];
        Run(scorer, key, values, rows, scores);
        return scores;
    }

    private Task<float[]> Join(OnnxScorer scorer, (string, int) key, float[] values, int rows)
    {
        if (!_pending.TryGetValue(key, out var batch))
        {
            batch = _pending[key] = new PendingBatch();
            _ = FlushLater(scorer, key, batch);
        }

        var result = batch.Join(values, rows);
        if (batch.Rows >= options.Value.FlushRows) Flush(scorer, key, batch);
        return result;
    }

    private async Task FlushLater(OnnxScorer scorer, (string, int) key, PendingBatch batch)
    {
        await Task.Delay(options.Value.FlushDelay);
        Flush(scorer, key, batch);
    }

    private void Flush(OnnxScorer scorer, (string Model, int Version) key, PendingBatch batch)
    {
        if (!_pending.TryGetValue(key, out var current) || current != batch) return;
        _pending.Remove(key);
        try
        {
            var input = _buffers.Input(batch.Rows * scorer.FeatureCount);
            var output = _buffers.Output(batch.Rows);
            batch.CopyRows(input);
            Run(scorer, key, input, batch.Rows, output);
            batch.Answer(output.AsSpan(0, batch.Rows));
        }
        catch (Exception ex)
        {
            batch.Fail(ex);
        }
    }

    private void Run(OnnxScorer scorer, (string Model, int Version) key, float[] input, int rows, float[] scores)
    {
        var started = Stopwatch.GetTimestamp();
        scorer.Score(input, rows, scores);
        if (!_counts.TryGetValue(key, out var counts)) _counts[key] = counts = InferenceCounters.For(key.Model, key.Version);
        counts.Add(rows, Stopwatch.GetElapsedTime(started));
    }
}
