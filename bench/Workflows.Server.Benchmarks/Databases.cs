// The benchmarked databases: a fresh SQLite file or PostgreSQL database, the server settings for it, and the raw limit.
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Workflows.Server.Benchmarks;

/// <summary>One benchmark database; disposing removes it.</summary>
public abstract class Databases : IAsyncDisposable
{
    /// <summary>The temp folder (catalogue, SQLite file).</summary>
    protected string Folder { get; } =
        Path.Combine(Path.GetTempPath(), "workflows-bench", Guid.NewGuid().ToString("N"));

    /// <summary>The durability settings of the raw measurement.</summary>
    public abstract string Durability { get; }

    /// <summary>A SQLite file.</summary>
    public static Databases Sqlite() => new SqliteDatabase();

    /// <summary>A PostgreSQL database on <paramref name="server"/>.</summary>
    public static Databases Postgres(string server) => new PostgresDatabase(server);

    /// <summary>True when a connection can be opened.</summary>
    public static async Task<bool> PostgresReachableAsync(string server)
    {
        try
        {
            await using var c = new NpgsqlConnection(
                new NpgsqlConnectionStringBuilder(server)
                {
                    Database = "postgres",
                    Timeout = 3,
                }.ConnectionString
            );
            await c.OpenAsync();
            return true;
        }
        catch (Exception ex)
            when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Environment of the server process. The catalogue is the directory and calendars only, or with
    /// <paramref name="shipped"/> the whole shipped catalogue (the eleven procedures with their forms and checklists).
    /// </summary>
    public Dictionary<string, string> ServerEnvironment(bool shipped = false)
    {
        var catalog = Path.Combine(Folder, "catalog");
        var source = Path.Combine(AppContext.BaseDirectory, shipped ? "shipped" : "catalog");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(catalog, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, true);
        }
        return new Dictionary<string, string>
        {
            // Not Production (which refuses to seed the demo users the driver signs in as) and not Development (which
            // validates DI scopes on every resolve and adds the developer exception page): measured as deployed.
            ["ASPNETCORE_ENVIRONMENT"] = "Benchmark",
            ["Database__Provider"] = Provider,
            ["ConnectionStrings__Workflows"] = ConnectionString,
            ["Hangfire__Storage"] = "InMemory",
            ["Workflows__CatalogPath"] = catalog,
            ["Demo__Enabled"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
        };
    }

    /// <summary>Single-row insert + commit transactions per second, one connection, for <paramref name="duration"/>.</summary>
    public abstract Task<double> RawCommitsPerSecondAsync(TimeSpan duration);

    /// <summary>Database:Provider.</summary>
    protected abstract string Provider { get; }

    /// <summary>ConnectionStrings:Workflows.</summary>
    protected abstract string ConnectionString { get; }

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, true);
        }
        catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    private sealed class SqliteDatabase : Databases
    {
        public SqliteDatabase() => Directory.CreateDirectory(Folder);

        public override string Durability => "WAL, synchronous=NORMAL";

        protected override string Provider => "Sqlite";

        protected override string ConnectionString =>
            $"Data Source={Path.Combine(Folder, "workflows.db")}";

        public override async Task<double> RawCommitsPerSecondAsync(TimeSpan duration)
        {
            await using var c = new SqliteConnection(
                $"Data Source={Path.Combine(Folder, "raw.db")}"
            );
            await c.OpenAsync();
            await Exec(
                c,
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);"
            );
            var n = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < duration)
            {
                await using var tx = (SqliteTransaction)await c.BeginTransactionAsync();
                await using var cmd = c.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = "INSERT INTO t (v) VALUES ('x')";
                await cmd.ExecuteNonQueryAsync();
                await tx.CommitAsync();
                n++;
            }
            return n / watch.Elapsed.TotalSeconds;
        }

        public override ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            return base.DisposeAsync();
        }

        private static async Task Exec(SqliteConnection c, string sql)
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            await cmd.ExecuteNonQueryAsync();
        }
    }

    private sealed class PostgresDatabase(string server) : Databases
    {
        private readonly string _name = "wf_bench_" + Guid.NewGuid().ToString("N");

        public override string Durability =>
            "PostgreSQL defaults (fsync on, synchronous_commit on)";

        protected override string Provider => "PostgreSql";

        protected override string ConnectionString =>
            new NpgsqlConnectionStringBuilder(server) { Database = _name }.ConnectionString;

        public override async Task<double> RawCommitsPerSecondAsync(TimeSpan duration)
        {
            var rawName = _name + "_raw";
            await Admin($"CREATE DATABASE \"{rawName}\"");
            try
            {
                await using var c = new NpgsqlConnection(
                    new NpgsqlConnectionStringBuilder(server)
                    {
                        Database = rawName,
                    }.ConnectionString
                );
                await c.OpenAsync();
                await using (
                    var create = new NpgsqlCommand(
                        "CREATE TABLE t (id bigserial PRIMARY KEY, v text NOT NULL)",
                        c
                    )
                )
                    await create.ExecuteNonQueryAsync();
                var n = 0;
                var watch = Stopwatch.StartNew();
                while (watch.Elapsed < duration)
                {
                    await using var tx = await c.BeginTransactionAsync();
                    await using var cmd = new NpgsqlCommand(
                        "INSERT INTO t (v) VALUES ('x')",
                        c,
                        tx
                    );
                    await cmd.ExecuteNonQueryAsync();
                    await tx.CommitAsync();
                    n++;
                }
                return n / watch.Elapsed.TotalSeconds;
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await Admin($"DROP DATABASE IF EXISTS \"{rawName}\" WITH (FORCE)");
            }
        }

        public override async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await Admin($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
            await base.DisposeAsync();
        }

        private async Task Admin(string sql)
        {
            await using var c = new NpgsqlConnection(
                new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString
            );
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand(sql, c);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
