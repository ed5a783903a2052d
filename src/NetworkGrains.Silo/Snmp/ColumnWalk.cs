using NetworkGrains.Protocols.Snmp;

namespace NetworkGrains.Silo.Snmp;

/// <summary>One GetBulk exchange with an agent: non-repeaters, max-repetitions and the names asked for.</summary>
public delegate Task<Pdu> BulkRequest(int nonRepeaters, int maxRepetitions, IReadOnlyList<Oid> names, CancellationToken cancellationToken);

/// <summary>
/// What a column walk read: the answer to its non-repeater (null when none was asked or none came), each column's
/// cells in order, the round trips it took, and the max-repetitions it settled on after tooBig (null when none came).
/// </summary>
public sealed record ColumnWalkResult(VarBind? Scalar, List<VarBind>[] Columns, int RoundTrips, int? TooBigLimit);

/// <summary>
/// Walks table columns together with GetBulk (RFC 3416 §4.2.3): the first request carries every column and, as a
/// non-repeater, one scalar; later requests carry only the columns not finished, from their last cell. A column is
/// finished when an answer leaves its subtree or is an exception value (endOfMibView, noSuchObject, noSuchInstance).
/// tooBig halves max-repetitions and asks again. An agent whose names do not increase, or whose column goes on past
/// <see cref="MaxRowsPerColumn"/>, fails the walk, counted.
/// </summary>
public static class ColumnWalk
{
    /// <summary>Far past any real table (interfaces of the largest chassis), near enough to stop an agent that never ends one.</summary>
    public const int MaxRowsPerColumn = 65_536;

    private const int TooBig = 1;

    public static async Task<ColumnWalkResult> RunAsync(BulkRequest bulk, Oid? scalar, IReadOnlyList<Oid> columns, int maxRepetitions, CancellationToken cancellationToken)
    {
        var cells = columns.Select(_ => new List<VarBind>()).ToArray();
        var cursors = columns.ToArray();
        var open = Enumerable.Range(0, columns.Count).ToList();
        var finished = new bool[columns.Count];
        var (repetitions, roundTrips) = (Math.Max(1, maxRepetitions), 0);
        int? tooBigLimit = null;
        VarBind? scalarAnswer = null;
        var askScalar = scalar is not null;
        while (askScalar || open.Count > 0)
        {
            var nonRepeaters = askScalar ? 1 : 0;
            var names = new Oid[nonRepeaters + open.Count];
            if (askScalar) names[0] = scalar!;
            for (var k = 0; k < open.Count; k++) names[nonRepeaters + k] = cursors[open[k]];

            var pdu = await bulk(nonRepeaters, repetitions, names, cancellationToken);
            roundTrips++;
            if (pdu.ErrorStatus == TooBig)
            {
                if (repetitions == 1) throw Failure("too_big", "the agent answers tooBig even to max-repetitions 1");
                tooBigLimit = repetitions /= 2;
                continue;
            }
            if (pdu.ErrorStatus != 0) break; // what was read stays, as when each column was walked alone

            var answers = pdu.VarBinds;
            if (askScalar && answers.Count > 0) scalarAnswer = answers[0];
            askScalar = false;
            if (open.Count > 0 && answers.Count <= nonRepeaters)
                throw Failure("no_progress", "the agent answered a GetBulk with no variables for its columns");

            for (var i = nonRepeaters; i < answers.Count; i++)
            {
                var column = open[(i - nonRepeaters) % open.Count];
                if (finished[column]) continue;
                var answer = answers[i];
                if (answer.Value.IsException || !answer.Oid.StartsWith(columns[column]))
                {
                    finished[column] = true;
                    continue;
                }
                if (answer.Oid.CompareTo(cursors[column]) <= 0)
                    throw Failure("oid_not_increasing", $"the agent returned {answer.Oid} after {cursors[column]} in column {columns[column]}: a walk's names must increase");
                if (cells[column].Count == MaxRowsPerColumn)
                    throw Failure("too_many_rows", $"column {columns[column]} goes on past {MaxRowsPerColumn} rows");
                cells[column].Add(answer);
                cursors[column] = answer.Oid;
            }
            open.RemoveAll(column => finished[column]);
        }
        return new ColumnWalkResult(scalarAnswer, cells, roundTrips, tooBigLimit);
    }

    private static SnmpResponseException Failure(string reason, string message)
    {
        SnmpMetrics.WalkFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));
        return new SnmpResponseException(message);
    }
}
