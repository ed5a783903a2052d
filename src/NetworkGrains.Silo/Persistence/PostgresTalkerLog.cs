using NetworkGrains.Abstractions;
using Npgsql;
using NpgsqlTypes;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Flows;

namespace NetworkGrains.Silo.Persistence;

/// <summary>
/// flow_top: each part of a minute's top talkers as rows sharing a part id, written in one statement (a device
/// writes about once a minute, so the grain waits for it rather than queueing).
/// </summary>
public sealed class PostgresTalkerLog(NpgsqlDataSource dataSource) : ITalkerLog
{
    public async Task AppendAsync(string deviceId, TalkerMinute minute, CancellationToken cancellationToken)
    {
        var rows = minute.Dimensions.SelectMany(d => d.Talkers.Select(t => (Dimension: d, Talker: t))).ToArray();
        if (rows.Length == 0) return;
        await using var command = dataSource.CreateCommand(
            "INSERT INTO flow_top (device_id, minute, part, dimension, talker, flows, packets, bytes, undercount_packets, undercount_bytes) " +
            "SELECT $1, $2, $3, * FROM unnest($4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[])");
        command.Parameters.Add(new() { Value = deviceId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = DateTimeOffset.FromUnixTimeSeconds(minute.UnixMinute * 60), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = Guid.NewGuid(), NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = rows.Select(r => SnakeCaseNames.Of(r.Dimension.Dimension)).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Talker.Key).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Talker.Flows).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Talker.Packets).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Talker.Bytes).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Dimension.MaxUndercountPackets).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Dimension.MaxUndercountBytes).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<TalkerMinute[]> ReadAsync(string deviceId, long fromUnixMinute, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT minute, part, dimension, talker, flows, packets, bytes, undercount_packets, undercount_bytes " +
            "FROM flow_top WHERE device_id = $1 AND minute >= $2 ORDER BY id");
        command.Parameters.Add(new() { Value = deviceId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = DateTimeOffset.FromUnixTimeSeconds(fromUnixMinute * 60), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var rows = new List<(long Minute, Guid Part, FlowDimension Dimension, Talker Talker, long UndercountPackets, long UndercountBytes)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetFieldValue<DateTimeOffset>(0).ToUnixTimeSeconds() / 60, reader.GetGuid(1), SnakeCaseNames.Parse<FlowDimension>(reader.GetString(2))
                    ?? throw new InvalidDataException($"flow_top has an unknown dimension '{reader.GetString(2)}'"),
                    new Talker(reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6)), reader.GetInt64(7), reader.GetInt64(8)));
            }
        }
        return rows.GroupBy(r => r.Part).Select(part => new TalkerMinute(part.First().Minute,
            part.GroupBy(r => r.Dimension).Select(d => new TopTalkers(
                d.Key, d.Select(r => r.Talker).ToArray(), d.First().UndercountBytes, d.First().UndercountPackets)).ToArray())).ToArray();
    }
}
