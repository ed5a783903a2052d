using System.Collections.Concurrent;
using System.Net;
using NetworkGrains.Protocols.Snmp;

namespace NetworkGrains.Silo.Snmp;

/// <summary>
/// The max-repetitions of each agent's next poll: one more than the rows its tables had last time, so that one
/// GetBulk reads them all and sees every column end, and no more, so the agent does not walk on past them. Never
/// more than a response of about <see cref="ResponseBudget"/> bytes holds, nor more than the agent took without tooBig.
/// </summary>
public sealed class TableDepths
{
    /// <summary>About a dozen fragments on a 1,500-byte path, a quarter of the client's receive buffer: 20 interfaces x 8 columns is ~5 KB.</summary>
    public const int ResponseBudget = 16_384;

    /// <summary>Before an agent's first answer: what a single-column walk asked for.</summary>
    public const int FirstRepetitions = 25;

    /// <summary>A variable binding past its column's name: sequence, OID and value headers, an instance and a Counter64 (~20 bytes).</summary>
    private const int BytesPerCellBeyondColumn = 20;

    private readonly ConcurrentDictionary<IPEndPoint, int> _repetitions = new();

    public int Repetitions(IPEndPoint agent, IReadOnlyList<Oid> columns) =>
        Math.Min(_repetitions.TryGetValue(agent, out var known) ? known : FirstRepetitions, Fitting(columns));

    public void Learn(IPEndPoint agent, ColumnWalkResult walk)
    {
        if (walk.Columns.Length == 0) return;
        _repetitions[agent] = Math.Min(walk.Columns.Max(c => c.Count) + 1, walk.TooBigLimit ?? int.MaxValue);
    }

    /// <summary>The rows of these columns a response of <see cref="ResponseBudget"/> bytes holds (at least one).</summary>
    public static int Fitting(IReadOnlyList<Oid> columns)
    {
        var row = 0;
        foreach (var column in columns) row += column.EncodedLength + BytesPerCellBeyondColumn;
        return row == 0 ? FirstRepetitions : Math.Max(1, ResponseBudget / row);
    }
}
