using System.Net;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Silo.Tests.Snmp;

public sealed class TableDepthsTests
{
    private static readonly IPEndPoint Agent = new(IPAddress.Loopback, 16100);
    private static readonly Oid[] InterfaceColumns = [.. OidSets.Columns(PollingSets.Interfaces).Select(c => c.Oid)];

    [Fact]
    public void An_agent_never_answered_gets_the_first_repetitions_and_then_one_more_than_its_longest_column()
    {
        var depths = new TableDepths();
        Assert.Equal(TableDepths.FirstRepetitions, depths.Repetitions(Agent, InterfaceColumns));

        depths.Learn(Agent, Walked(rows: [20, 20, 3], tooBigLimit: null));
        Assert.Equal(21, depths.Repetitions(Agent, InterfaceColumns));
        Assert.Equal(TableDepths.FirstRepetitions, depths.Repetitions(new IPEndPoint(IPAddress.Loopback, 16101), InterfaceColumns));

        depths.Learn(Agent, Walked(rows: [40], tooBigLimit: null)); // the table grew: the next poll covers it
        Assert.Equal(41, depths.Repetitions(Agent, InterfaceColumns));
    }

    [Fact]
    public void An_agent_that_answered_tooBig_is_not_asked_for_more_than_it_took()
    {
        var depths = new TableDepths();
        depths.Learn(Agent, Walked(rows: [20], tooBigLimit: 6));
        Assert.Equal(6, depths.Repetitions(Agent, InterfaceColumns));
    }

    [Fact]
    public void A_deep_table_is_asked_for_no_more_rows_than_the_response_budget_holds()
    {
        var depths = new TableDepths();
        depths.Learn(Agent, Walked(rows: [5_000], tooBigLimit: null));
        Assert.Equal(TableDepths.Fitting(InterfaceColumns), depths.Repetitions(Agent, InterfaceColumns));
        Assert.Equal(1, TableDepths.Fitting([.. Enumerable.Range(1, 1_000).Select(i => InterfaceColumns[0].Append((uint)i))]));
    }

    [Fact]
    public void The_rows_that_fit_cover_20_interfaces_in_one_response_and_such_a_response_is_within_the_budget()
    {
        var rows = TableDepths.Fitting(InterfaceColumns);
        Assert.True(rows >= 21, $"{rows} rows");

        // The largest answer: every cell a full Counter64, ifIndex at 2^28 - 1 (four bytes), and sysUpTime.
        var cells = Enumerable.Range(0, rows).SelectMany(_ => InterfaceColumns.Select(c => new VarBind(c.Append((1u << 28) - 1), SnmpValue.Counter64(ulong.MaxValue))));
        var response = new CommunityMessage(SnmpVersion.V2c, "public"u8.ToArray(),
            new Pdu(PduType.Response, int.MaxValue, 0, 0, [new VarBind(OidSets.SysUpTime, SnmpValue.TimeTicks(uint.MaxValue)), .. cells]));
        Assert.InRange(response.Encode().Length, 1, TableDepths.ResponseBudget);
    }

    private static ColumnWalkResult Walked(int[] rows, int? tooBigLimit) =>
        new(null, [.. rows.Select(n => Enumerable.Range(1, n).Select(i => new VarBind(InterfaceColumns[0].Append((uint)i), SnmpValue.Counter32(1))).ToList())], 1, tooBigLimit);
}
