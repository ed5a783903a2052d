using System.Diagnostics.Metrics;
using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Silo.Tests.Snmp;

/// <summary>The multi-column GetBulk walk's bookkeeping, against a fake agent that answers as RFC 3416 says.</summary>
public sealed class ColumnWalkTests
{
    private const string Entry = "1.3.6.1.2.1.2.2.1";
    private static readonly Oid UpTimeObject = Oid.Parse("1.3.6.1.2.1.1.3");
    private static readonly (string, SnmpValue) UpTime = ("1.3.6.1.2.1.1.3.0", SnmpValue.TimeTicks(4242));
    private static readonly (string, SnmpValue) After = ("1.3.6.1.2.1.4.1.0", SnmpValue.Integer(1)); // ipForwarding: past the table

    [Fact]
    public async Task One_request_reads_sysUpTime_and_every_column_when_max_repetitions_covers_the_table()
    {
        var agent = new FakeBulkAgent([UpTime, .. FakeBulkAgent.Column(Entry, 8, 1, 2, 3), .. FakeBulkAgent.Column(Entry, 14, 1, 2, 3), After]);

        var walk = await Walk(agent, [Column(8), Column(14)], maxRepetitions: 4);

        Assert.Equal(Oid.Parse("1.3.6.1.2.1.1.3.0"), walk.Scalar?.Oid);
        Assert.Equal(4242u, walk.Scalar?.Value.AsUInt64);
        Assert.Equal(["1", "2", "3"], Instances(walk, 0, Column(8)));
        Assert.Equal(["1", "2", "3"], Instances(walk, 1, Column(14)));
        Assert.Equal(14_003u, walk.Columns[1][^1].Value.AsUInt64);
        var request = Assert.Single(agent.Requests);
        Assert.Equal((1, 4), (request.NonRepeaters, request.MaxRepetitions));
        Assert.Equal([UpTimeObject, Column(8), Column(14)], request.Names);
        Assert.Equal(1, walk.RoundTrips);
        Assert.Null(walk.TooBigLimit);
    }

    [Fact]
    public async Task A_shorter_column_stops_being_asked_for_while_the_longer_ones_continue_from_their_last_cell()
    {
        var agent = new FakeBulkAgent([UpTime, .. FakeBulkAgent.Column(Entry, 8, 1, 2), .. FakeBulkAgent.Column(Entry, 13, 1, 2, 3, 4, 5), .. FakeBulkAgent.Column(Entry, 14, 1, 2, 3, 4), After]);

        var walk = await Walk(agent, [Column(8), Column(13), Column(14)], maxRepetitions: 2);

        Assert.Equal(["1", "2"], Instances(walk, 0, Column(8)));
        Assert.Equal(["1", "2", "3", "4", "5"], Instances(walk, 1, Column(13)));
        Assert.Equal(["1", "2", "3", "4"], Instances(walk, 2, Column(14)));
        (int, Oid[])[] expected =
        [
            (1, [UpTimeObject, Column(8), Column(13), Column(14)]),
            (0, [Column(8).Append(2), Column(13).Append(2), Column(14).Append(2)]), // column 8 has not been seen to end yet
            (0, [Column(13).Append(4), Column(14).Append(4)]),
        ];
        Assert.Equal(expected, agent.Requests.Select(r => (r.NonRepeaters, r.Names)), RequestComparer.Instance);
        Assert.Equal(3, walk.RoundTrips);
        Assert.Equal(4242u, walk.Scalar?.Value.AsUInt64); // asked once, in the first request
    }

    [Fact]
    public async Task A_column_the_agent_does_not_have_is_empty_and_the_others_are_whole()
    {
        var agent = new FakeBulkAgent([UpTime, .. FakeBulkAgent.Column(Entry, 8, 1, 2), .. FakeBulkAgent.Column(Entry, 14, 1, 2), After]);

        var walk = await Walk(agent, [Column(8), Column(13), Column(14)], maxRepetitions: 3);

        Assert.Equal(["1", "2"], Instances(walk, 0, Column(8)));
        Assert.Empty(walk.Columns[1]); // its first successor is column 14's first cell
        Assert.Equal(["1", "2"], Instances(walk, 2, Column(14)));
        Assert.Equal(1, walk.RoundTrips);
    }

    [Fact]
    public async Task EndOfMibView_finishes_a_column_at_the_end_of_the_agents_mib()
    {
        var agent = new FakeBulkAgent([UpTime, .. FakeBulkAgent.Column(Entry, 8, 1, 2), .. FakeBulkAgent.Column(Entry, 14, 1, 2, 3)]); // nothing after the table

        var walk = await Walk(agent, [Column(8), Column(14)], maxRepetitions: 4);

        Assert.Equal(["1", "2"], Instances(walk, 0, Column(8)));
        Assert.Equal(["1", "2", "3"], Instances(walk, 1, Column(14)));
        Assert.Equal(1, walk.RoundTrips); // the fourth row's endOfMibView (named inside the column) ends column 14
    }

    [Fact]
    public async Task Without_columns_the_walk_is_one_request_for_sysUpTime()
    {
        var agent = new FakeBulkAgent([UpTime, After]);

        var walk = await Walk(agent, [], maxRepetitions: 5);

        Assert.Equal(4242u, walk.Scalar?.Value.AsUInt64);
        Assert.Empty(walk.Columns);
        Assert.Equal((1, 1), (agent.Requests.Count, agent.Requests[0].Names.Length));
    }

    [Fact]
    public async Task TooBig_halves_max_repetitions_and_asks_again_until_the_answer_fits()
    {
        var agent = new FakeBulkAgent([UpTime, .. FakeBulkAgent.Column(Entry, 8, 1, 2, 3, 4, 5), .. FakeBulkAgent.Column(Entry, 14, 1, 2, 3, 4, 5), After]) { MaxVarBinds = 7 };

        var walk = await Walk(agent, [Column(8), Column(14)], maxRepetitions: 8);

        Assert.Equal(["1", "2", "3", "4", "5"], Instances(walk, 0, Column(8)));
        Assert.Equal(["1", "2", "3", "4", "5"], Instances(walk, 1, Column(14)));
        Assert.Equal([8, 4, 2, 2, 2], agent.Requests.Select(r => r.MaxRepetitions)); // 17 and 9 variables are too big, 5 fit
        Assert.Equal([1, 1, 1, 0, 0], agent.Requests.Select(r => r.NonRepeaters)); // sysUpTime is asked again after tooBig
        Assert.Equal(2, walk.TooBigLimit);
        Assert.Equal(4242u, walk.Scalar?.Value.AsUInt64);
    }

    [Fact]
    public async Task TooBig_at_one_repetition_fails_the_walk_with_the_reason_counted()
    {
        var agent = new FakeBulkAgent([UpTime, .. FakeBulkAgent.Column(Entry, 8, 1, 2), .. FakeBulkAgent.Column(Entry, 14, 1, 2), After]) { MaxVarBinds = 2 };
        using var failures = new FailureCounter();

        var error = await Assert.ThrowsAsync<SnmpResponseException>(() => Walk(agent, [Column(8), Column(14)], maxRepetitions: 4));

        Assert.Contains("tooBig even to max-repetitions 1", error.Message);
        Assert.Equal([4, 2, 1], agent.Requests.Select(r => r.MaxRepetitions));
        Assert.Equal(1, failures.Count("too_big"));
    }

    [Fact]
    public async Task An_agent_whose_names_go_back_fails_the_walk_instead_of_looping_and_it_is_counted()
    {
        // From its second answer on, the agent starts column 8 over: a walk that only followed it would never end.
        var agent = new FakeBulkAgent([UpTime, .. FakeBulkAgent.Column(Entry, 8, 1, 2, 3, 4), After])
        {
            Rewrite = (request, answers) => request == 1 ? answers : [new VarBind(Column(8).Append(1), SnmpValue.Counter32(1)), .. answers.Skip(1)],
        };
        using var failures = new FailureCounter();

        var error = await Assert.ThrowsAsync<SnmpResponseException>(() => Walk(agent, [Column(8)], maxRepetitions: 2));

        Assert.Contains($"returned {Column(8).Append(1)} after {Column(8).Append(2)}", error.Message);
        Assert.Contains("must increase", error.Message);
        Assert.Equal(2, agent.Requests.Count);
        Assert.Equal(1, failures.Count("oid_not_increasing"));
    }

    [Fact]
    public async Task A_column_that_goes_on_past_the_row_limit_fails_the_walk_instead_of_filling_memory()
    {
        var rows = Enumerable.Range(1, ColumnWalk.MaxRowsPerColumn + 1).ToArray();
        var agent = new FakeBulkAgent([UpTime, .. FakeBulkAgent.Column(Entry, 8, rows), After]);
        using var failures = new FailureCounter();

        var error = await Assert.ThrowsAsync<SnmpResponseException>(() => Walk(agent, [Column(8)], maxRepetitions: 1_000));

        Assert.Contains($"goes on past {ColumnWalk.MaxRowsPerColumn} rows", error.Message);
        Assert.Equal(1, failures.Count("too_many_rows"));
    }

    [Fact]
    public async Task An_agent_that_repeats_the_name_it_was_asked_for_fails_the_walk()
    {
        var agent = new FakeBulkAgent([UpTime, .. FakeBulkAgent.Column(Entry, 8, 1, 2, 3), After])
        {
            Rewrite = (request, answers) => request == 1 ? answers : [.. answers.Select(a => new VarBind(Column(8).Append(2), a.Value))],
        };

        var error = await Assert.ThrowsAsync<SnmpResponseException>(() => Walk(agent, [Column(8)], maxRepetitions: 2));

        Assert.Contains("must increase", error.Message);
        Assert.Equal(2, agent.Requests.Count);
    }

    [Fact]
    public async Task An_answer_without_variables_for_the_columns_fails_the_walk()
    {
        var agent = new FakeBulkAgent([UpTime, .. FakeBulkAgent.Column(Entry, 8, 1, 2, 3), After]) { Rewrite = (_, answers) => [.. answers.Take(1)] };
        using var failures = new FailureCounter();

        var error = await Assert.ThrowsAsync<SnmpResponseException>(() => Walk(agent, [Column(8)], maxRepetitions: 2));

        Assert.Contains("no variables for its columns", error.Message);
        Assert.Equal(1, failures.Count("no_progress"));
    }

    [Fact]
    public async Task An_error_status_other_than_tooBig_ends_the_walk_with_what_was_read()
    {
        var agent = new FakeBulkAgent([UpTime, .. FakeBulkAgent.Column(Entry, 8, 1, 2, 3, 4), After]);
        var walk = await ColumnWalk.RunAsync(
            async (n, m, names, ct) => agent.Requests.Count == 0 ? await agent.Bulk(n, m, names, ct) : new Pdu(PduType.Response, 1, 5, 1, []), // genErr
            UpTimeObject, [Column(8)], 2, CancellationToken.None);

        Assert.Equal(["1", "2"], Instances(walk, 0, Column(8)));
        Assert.Equal(2, walk.RoundTrips);
    }

    private static Oid Column(int column) => Oid.Parse($"{Entry}.{column}");

    private static Task<ColumnWalkResult> Walk(FakeBulkAgent agent, Oid[] columns, int maxRepetitions) =>
        ColumnWalk.RunAsync(agent.Bulk, UpTimeObject, columns, maxRepetitions, CancellationToken.None);

    private static string[] Instances(ColumnWalkResult walk, int index, Oid column) =>
        [.. walk.Columns[index].Select(c => string.Join('.', c.Oid.Arcs[column.Length..].ToArray()))];

    private sealed class RequestComparer : IEqualityComparer<(int, Oid[])>
    {
        public static readonly RequestComparer Instance = new();
        public bool Equals((int, Oid[]) x, (int, Oid[]) y) => x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2);
        public int GetHashCode((int, Oid[]) obj) => obj.Item1;
    }

    /// <summary>ng_snmp_walk_failures by reason, from this test's start (the tests of a class do not run in parallel).</summary>
    private sealed class FailureCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _counts = [];

        public FailureCounter()
        {
            _listener.InstrumentPublished = (instrument, l) => { if (instrument.Name == "ng_snmp_walk_failures") l.EnableMeasurementEvents(instrument); };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == "reason" && tag.Value is string reason) lock (_counts) _counts[reason] = _counts.GetValueOrDefault(reason) + value;
            });
            _listener.Start();
        }

        public long Count(string reason) { lock (_counts) return _counts.GetValueOrDefault(reason); }

        public void Dispose() => _listener.Dispose();
    }
}
