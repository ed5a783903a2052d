using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Silo.Tests.Snmp;

/// <summary>
/// An agent's GetBulk over a fixed MIB, as RFC 3416 §4.2.3 answers it (non-repeaters, then interleaved rows, and
/// endOfMibView past the last name), recording every request. It answers tooBig when a response would hold more
/// than <see cref="MaxVarBinds"/> variables, and <see cref="Rewrite"/> lets a test break its answers.
/// </summary>
internal sealed class FakeBulkAgent(IEnumerable<(string Oid, SnmpValue Value)> mib)
{
    private readonly Oid[] _names = [.. mib.Select(e => Oid.Parse(e.Oid)).Order()];
    private readonly Dictionary<Oid, SnmpValue> _values = mib.ToDictionary(e => Oid.Parse(e.Oid), e => e.Value);

    public int MaxVarBinds { get; init; } = int.MaxValue;
    public Func<int, List<VarBind>, List<VarBind>> Rewrite { get; init; } = (_, answers) => answers;
    public List<(int NonRepeaters, int MaxRepetitions, Oid[] Names)> Requests { get; } = [];

    public Task<Pdu> Bulk(int nonRepeaters, int maxRepetitions, IReadOnlyList<Oid> names, CancellationToken cancellationToken)
    {
        Requests.Add((nonRepeaters, maxRepetitions, [.. names]));
        var answers = new List<VarBind>();
        for (var i = 0; i < nonRepeaters; i++) answers.Add(Next(names[i]));
        var cursors = names.Skip(nonRepeaters).ToArray();
        for (var row = 0; row < maxRepetitions && cursors.Length > 0; row++)
        {
            for (var c = 0; c < cursors.Length; c++)
            {
                answers.Add(Next(cursors[c]));
                cursors[c] = answers[^1].Oid;
            }
        }
        var pdu = answers.Count > MaxVarBinds
            ? new Pdu(PduType.Response, 1, 1, 0, [.. names.Select(n => new VarBind(n, SnmpValue.Null))]) // tooBig
            : new Pdu(PduType.Response, 1, 0, 0, Rewrite(Requests.Count, answers));
        return Task.FromResult(pdu);
    }

    private VarBind Next(Oid after)
    {
        var index = Array.BinarySearch(_names, after);
        index = index >= 0 ? index + 1 : ~index;
        return index < _names.Length ? new VarBind(_names[index], _values[_names[index]]) : new VarBind(after, SnmpValue.EndOfMibView);
    }

    /// <summary>A table's column <paramref name="column"/> under <paramref name="entry"/> with the given instances, each valued by its instance.</summary>
    public static IEnumerable<(string, SnmpValue)> Column(string entry, int column, params int[] instances) =>
        instances.Select(i => ($"{entry}.{column}.{i}", SnmpValue.Counter32((uint)(column * 1000 + i))));
}
