using Npgsql;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Cli.Bench.Failover;

/// <summary>
/// Silos of one cluster on a database of their own (made on the given PostgreSQL server, dropped at the end), with
/// the fast failure detection the survivors' 5 s answer needs, and an admin API key.
/// </summary>
public sealed class FailoverCluster : IAsyncDisposable
{
    private readonly string _adminConnectionString;
    private readonly string _database;
    private readonly string _clusterId;

    private FailoverCluster(string adminConnectionString, string database, string clusterId, List<FailoverSilo> silos, string logDirectory)
    {
        (_adminConnectionString, _database, _clusterId, Silos, LogDirectory) = (adminConnectionString, database, clusterId, silos, logDirectory);
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString;
    }

    public IReadOnlyList<FailoverSilo> Silos { get; }
    public string ConnectionString { get; }
    public string LogDirectory { get; }

    public static async Task<FailoverCluster> CreateAsync(string adminConnectionString, int count, TimeSpan flushInterval)
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var database = $"ng_failover_{tag}";
        await using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var logDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"ng-failover-{tag}")).FullName;
        // Three silos and a restarting one stay within PostgreSQL's 200 connections (scripts/postgres.sh) with the silo's
        // default NetworkGrains:PostgresPoolSize (two pools of 20 each).
        var connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString;
        var settings = new Dictionary<string, string>
        {
            ["ORT_DISABLE_TELEMETRY"] = "1",
            ["NetworkGrains__Profile"] = "Postgres",
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Models__SigningKeyFile"] = Path.Combine(logDirectory, "model-signing.pem"),
            ["DataProtection__KeyFile"] = Path.Combine(logDirectory, "data-protection.keys"),
            ["NetworkGrains__ClusterId"] = $"fo{tag}",
            ["NetworkGrains__ServiceId"] = $"fo{tag}",
            ["NetworkGrains__Dashboard"] = "false",
            ["Devices__FlushInterval"] = flushInterval.ToString("c"),
            // What the 5 s answer needs: a dead silo declared so in about 2 s, and no grain call waiting longer than 3 s
            // (4 s answered 503 at 5.0-5.2 s on the loaded 2-core machine).
            ["NetworkGrains__ResponseTimeout"] = "00:00:03",
            ["Cluster__Membership__ProbeTimeout"] = "00:00:01",
            ["Cluster__Membership__NumMissedProbesLimit"] = "2",
            ["Cluster__Membership__NumVotesForDeathDeclaration"] = "1",
            ["Cluster__Membership__TableRefreshTimeout"] = "00:00:02",
            ["Api__Security__RequestsPerSecond"] = "1000000",
            ["Api__Security__Burst"] = "1000000",
        };
        // The first applies the schema; the others start once it has, so that they do not wait on its lock.
        var silos = new List<FailoverSilo>();
        var cluster = new FailoverCluster(adminConnectionString, database, $"fo{tag}", silos, logDirectory);
        try
        {
            var started = new List<FailoverSilo> { await StartOnFreePortsAsync(1, settings, logDirectory, silos) };
            started.AddRange(await Task.WhenAll(Enumerable.Range(2, count - 1).Select(i => StartOnFreePortsAsync(i, settings, logDirectory, silos))));
            silos.Clear();
            silos.AddRange(started);
            await cluster.WaitForActiveSilosAsync(count, TimeSpan.FromMinutes(1));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync(); // no silo of a failed start is left running
            throw;
        }
    }

    /// <summary>A port found free can be taken by another program before the silo binds it: then new ports, twice at most.</summary>
    /// <param name="tried">Every silo tried (under its lock), so that a failed start leaves none running.</param>
    private static async Task<FailoverSilo> StartOnFreePortsAsync(int index, Dictionary<string, string> settings, string logDirectory, List<FailoverSilo> tried)
    {
        for (var attempt = 1; ; attempt++)
        {
            var silo = new FailoverSilo(index, SiloDll(), settings, logDirectory);
            lock (tried) tried.Add(silo);
            try
            {
                await silo.StartAsync(TimeSpan.FromMinutes(3));
                return silo;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                Console.WriteLine($"silo {index} did not start (a port taken meanwhile?): again on other ports");
            }
        }
    }

    public async Task<string> CreateApiKeyAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        return (await new ApiKeys(dataSource).CreateAsync($"failover-{Guid.NewGuid():N}", ["admin"])).Secret;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task<List<long>> ColumnAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<long>();
        while (await reader.ReadAsync()) values.Add(Convert.ToInt64(reader.GetValue(0)));
        return values;
    }

    /// <summary>Until orleans_membership holds <paramref name="count"/> active silos of this cluster.</summary>
    public Task WaitForActiveSilosAsync(int count, TimeSpan timeout) => BenchWait.UntilAsync(
        async () => await ScalarAsync($"SELECT count(*) FROM orleans_membership WHERE deployment_id = '{_clusterId}' AND status = 3") == count,
        timeout, $"{count} active silos in orleans_membership");

    /// <summary>
    /// Each silo in turn, those that are down first (they are only started): stopped (SIGTERM), started on its ports
    /// again, and every running silo active in the cluster before the next.
    /// </summary>
    public async Task RollingRestartAsync()
    {
        foreach (var silo in Silos.OrderBy(s => s.Running))
        {
            if (silo.Running) await silo.StopAsync(TimeSpan.FromMinutes(1));
            await silo.StartAsync(TimeSpan.FromMinutes(3));
            await WaitForActiveSilosAsync(Silos.Count(s => s.Running), TimeSpan.FromMinutes(1));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos.Where(s => s.Running)) await silo.KillAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>The silo built beside this program (src/NetworkGrains.Silo/bin/CONFIGURATION/net10.0), or NG_SILO_DLL.</summary>
    private static string SiloDll()
    {
        if (Environment.GetEnvironmentVariable("NG_SILO_DLL") is { Length: > 0 } configured) return configured;
        var here = AppContext.BaseDirectory;
        var configuration = here.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        for (var directory = new DirectoryInfo(here); directory is not null; directory = directory.Parent)
        {
            var dll = Path.Combine(directory.FullName, "src", "NetworkGrains.Silo", "bin", configuration, "net10.0", "NetworkGrains.Silo.dll");
            if (File.Exists(Path.Combine(directory.FullName, "NetworkGrains.sln")) && File.Exists(dll)) return dll;
        }
        throw new FileNotFoundException("NetworkGrains.Silo.dll not found beside the repository: build src/NetworkGrains.Silo, or set NG_SILO_DLL");
    }
}
