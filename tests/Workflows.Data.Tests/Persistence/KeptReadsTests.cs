// On a SQLite file the command path's hot reads run on kept connections with prepared statements (KeptReads): a row
// read that way is the row EF Core reads, every committed write is seen, and a replaced file is never read through the
// old handle.
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Data.Providers;
using Workflows.Data.Tests.Infrastructure;

namespace Workflows.Data.Tests.Persistence;

public sealed class KeptReadsTests : IAsyncLifetime
{
    private const string ById = "\"t\".\"Id\" = @p0";

    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private string ConnectionString => _database.Options.ConnectionString;

    [Fact]
    public async Task A_row_read_through_kept_reads_is_the_row_ef_core_reads_with_every_property_set_or_null()
    {
        var definition = Samples.Definition("kept-" + Guid.NewGuid().ToString("N")[..8]);
        var full = Samples.Instance(definition);
        full.ParentInstanceId = Guid.NewGuid();
        full.EndedAt = Samples.T0.AddHours(3).ToOffset(TimeSpan.FromHours(8)); // saved in UTC
        full.ApplicantName = "王小明 Wang";
        var bare = Samples.Instance(definition);
        bare.BusinessKey = null;
        bare.StartedBy = null;
        var task = Samples.Task(full, "task-" + Guid.NewGuid().ToString("N"));
        task.Assignee = "clerk.kjj";
        task.Owner = "chief.kjj";
        task.FollowUpAt = Samples.T0.AddDays(1);
        task.ClaimedAt = Samples.T0.AddMinutes(5);
        task.CompletedAt = Samples.T0.AddMinutes(9);
        task.CompletedBy = "clerk.kjj";
        task.ApplicantName = "Ada";
        task.Bureau = "kjj";
        task.SlaLevel = "yellow";
        task.SuspendedAt = Samples.T0.AddMinutes(7);
        task.Version = long.MaxValue - 1;
        var nulls = new TaskEntity
        {
            Id = "task-" + Guid.NewGuid().ToString("N"),
            InstanceId = bare.Id,
            ElementId = "review",
            DefinitionKey = definition.Key,
            CreatedAt = Samples.T0,
        };
        await SeedAsync(definition, full, bare, task, nulls);

        await using var db = _database.CreateContext();
        var reads = db.KeptReads();
        Assert.NotNull(reads);
        foreach (var id in new[] { full.Id, bare.Id })
            Assert.Equivalent(
                await db.Instances.AsNoTracking().SingleAsync(i => i.Id == id),
                reads.Row<InstanceEntity>(ById, id),
                strict: true
            );
        foreach (var id in new[] { task.Id, nulls.Id })
            Assert.Equivalent(
                await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == id),
                reads.Row<TaskEntity>(ById, id),
                strict: true
            );
        Assert.Equal(
            TimeSpan.Zero,
            reads.Row<InstanceEntity>(ById, full.Id)!.EndedAt!.Value.Offset
        );
        Assert.Null(reads.Row<TaskEntity>(ById, "no-such-task"));
        Assert.Null(db.ChangeTracker.Entries().FirstOrDefault());

        Assert.Equal(
            definition.Id,
            reads.Value<Guid>(
                "SELECT \"Id\" FROM \"Definitions\" WHERE \"Key\" = @p0",
                definition.Key
            )
        );
        Assert.Null(
            reads.Value<Guid>(
                "SELECT \"Id\" FROM \"Definitions\" WHERE \"Key\" = @p0",
                "no-such-key"
            )
        );
        Assert.Equal(
            full.EndedAt,
            reads.Value<DateTimeOffset>(
                "SELECT \"EndedAt\" FROM \"Instances\" WHERE \"Id\" = @p0",
                full.Id
            )
        );
        Assert.Null(
            reads.Value<DateTimeOffset>(
                "SELECT \"EndedAt\" FROM \"Instances\" WHERE \"Id\" = @p0",
                bare.Id
            )
        );
        Assert.Equal(
            1,
            reads.Value<long>(
                "SELECT count(*) FROM \"Tasks\" WHERE \"DueAt\" = @p0",
                task.DueAt!.Value
            )
        );
        // An argument is bound whole, whatever the length of the columns of its type.
        Assert.Equal(5000, reads.Value<long>("SELECT length(@p0)", new string('组', 5000)));
    }

    [Fact]
    public async Task Every_committed_write_is_seen_and_a_statement_is_prepared_once_per_connection()
    {
        var definition = Samples.Definition("kept-" + Guid.NewGuid().ToString("N")[..8]);
        var instance = Samples.Instance(definition);
        await SeedAsync(definition, instance);
        var (opens, prepares) = SqliteReadSessions.Counts(ConnectionString);

        for (var version = 2; version <= 4; version++)
        {
            await using (var write = _database.CreateContext())
            {
                (await write.Instances.SingleAsync(i => i.Id == instance.Id)).Version = version;
                await write.SaveChangesAsync();
            }
            await using var read = _database.CreateContext();
            Assert.Equal(
                version,
                read.KeptReads()!.Row<InstanceEntity>(ById, instance.Id)!.Version
            );
        }

        // Three reads one after the other: one connection, and the statement prepared once on it.
        Assert.Equal((opens + 1, prepares + 1), SqliteReadSessions.Counts(ConnectionString));
    }

    [Fact]
    public async Task Concurrent_readers_each_get_a_connection_of_their_own_and_read_the_right_rows()
    {
        var definition = Samples.Definition("kept-" + Guid.NewGuid().ToString("N")[..8]);
        var instances = Enumerable.Range(0, 40).Select(_ => Samples.Instance(definition)).ToList();
        await SeedAsync([definition, .. instances]);

        var read = await Task.WhenAll(
            Enumerable
                .Range(0, 8)
                .Select(worker =>
                    Task.Run(async () =>
                    {
                        var seen = new List<(Guid Asked, Guid? Got, string? Key)>();
                        for (var round = 0; round < 25; round++)
                        {
                            var asked = instances[(worker * 7 + round) % instances.Count];
                            await using var db = _database.CreateContext();
                            var row = db.KeptReads()!.Row<InstanceEntity>(ById, asked.Id);
                            seen.Add((asked.Id, row?.Id, row?.BusinessKey));
                        }
                        return seen;
                    })
                )
        );

        var byId = instances.ToDictionary(i => i.Id);
        Assert.All(
            read.SelectMany(r => r),
            r =>
            {
                Assert.Equal(r.Asked, r.Got);
                Assert.Equal(byId[r.Asked].BusinessKey, r.Key);
            }
        );
        Assert.InRange(SqliteReadSessions.Counts(ConnectionString).Opens, 1, 8);
    }

    [Fact]
    public async Task A_deleted_and_recreated_database_file_is_read_anew_not_through_the_old_handle()
    {
        var definition = Samples.Definition("kept-" + Guid.NewGuid().ToString("N")[..8]);
        var before = Samples.Instance(definition);
        await SeedAsync(definition, before);
        await using (var read = _database.CreateContext())
            Assert.NotNull(read.KeptReads()!.Row<InstanceEntity>(ById, before.Id));

        await _database.ReplaceFileAsync();
        var again = Samples.Definition(definition.Key);
        var after = Samples.Instance(again);
        await SeedAsync(again, after);

        await using var db = _database.CreateContext();
        Assert.Null(db.KeptReads()!.Row<InstanceEntity>(ById, before.Id));
        Assert.Equal(
            after.BusinessKey,
            db.KeptReads()!.Row<InstanceEntity>(ById, after.Id)?.BusinessKey
        );
    }

    [Fact]
    public async Task Idle_connections_are_closed_and_the_next_read_opens_one_again()
    {
        var definition = Samples.Definition("kept-" + Guid.NewGuid().ToString("N")[..8]);
        await SeedAsync(definition);
        await using var db = _database.CreateContext();
        Assert.Equal(
            definition.Id,
            db.KeptReads()!
                .Value<Guid>(
                    "SELECT \"Id\" FROM \"Definitions\" WHERE \"Key\" = @p0",
                    definition.Key
                )
        );
        var opens = SqliteReadSessions.Counts(ConnectionString).Opens;

        SqliteReadSessions.CloseIdle(TimeSpan.Zero);

        Assert.Equal(
            definition.Id,
            db.KeptReads()!
                .Value<Guid>(
                    "SELECT \"Id\" FROM \"Definitions\" WHERE \"Key\" = @p0",
                    definition.Key
                )
        );
        Assert.Equal(opens + 1, SqliteReadSessions.Counts(ConnectionString).Opens);
    }

    [Fact]
    public async Task Kept_reads_are_not_offered_inside_a_transaction_or_for_a_database_in_memory()
    {
        await using (var db = _database.CreateContext())
        {
            Assert.NotNull(db.KeptReads());
            await using (await db.Database.BeginTransactionAsync())
                Assert.Null(db.KeptReads());
            Assert.NotNull(db.KeptReads());
        }

        var memory = new WorkflowsDataOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source=kept-{Guid.NewGuid():N};Mode=Memory;Cache=Shared",
        };
        await using var inMemory = WorkflowsDbContextOptions.CreateContext(memory);
        Assert.Null(inMemory.KeptReads());
    }

    [Fact]
    public async Task A_kept_connection_cannot_write()
    {
        await using var db = _database.CreateContext();
        var error = Assert.Throws<SqliteException>(() =>
            db.KeptReads()!.Value<long>("INSERT INTO \"Notifications\" DEFAULT VALUES RETURNING 1")
        );
        Assert.Contains("readonly", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private async Task SeedAsync(params object[] rows)
    {
        await using var seed = _database.CreateContext();
        seed.AddRange(rows);
        await seed.SaveChangesAsync();
    }
}
