// The one EF Core model of the server: Identity tables plus the workflow tables.
// Provider-specific derived contexts (Providers/) exist only to keep one migration set per provider.
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Workflows.Data.Entities;
using Workflows.Data.Providers;
using Workflows.Data.Time;

namespace Workflows.Data;

/// <summary>
/// The workflow database. Resolve it from DI (registered by <c>AddWorkflowsData</c>);
/// the runtime type is the provider's derived context, but callers only ever need this type.
/// </summary>
/// <remarks>
/// Every <see cref="DateTimeOffset"/> is saved in UTC: <see cref="SaveChanges(bool)"/> converts any other offset with
/// <see cref="UtcDateTimes.Normalize"/>, because Npgsql refuses non-UTC offsets for <c>timestamptz</c> and the SQLite
/// storage (UTC ticks) keeps no offset. Values read back always have offset zero.
/// A concurrent update of a row with a <c>Version</c> token throws <see cref="DbUpdateConcurrencyException"/>; a duplicate
/// unique key is recognized with <see cref="ProviderErrors.IsUniqueViolation"/>.
/// </remarks>
public class WorkflowsDbContext
    : IdentityDbContext<AppUser, AppRole, string>,
        IDataProtectionKeyContext
{
    /// <summary>Creates the context; derived provider contexts pass their typed options.</summary>
    public WorkflowsDbContext(DbContextOptions options)
        : base(options) { }

    /// <summary>Deployed process definitions.</summary>
    public DbSet<DefinitionEntity> Definitions => Set<DefinitionEntity>();

    /// <summary>Designer documents: process drafts (never executed) and form versions.</summary>
    public DbSet<DraftEntity> Drafts => Set<DraftEntity>();

    /// <summary>Process instances.</summary>
    public DbSet<InstanceEntity> Instances => Set<InstanceEntity>();

    /// <summary>User tasks.</summary>
    public DbSet<TaskEntity> Tasks => Set<TaskEntity>();

    /// <summary>Candidate groups and users of tasks.</summary>
    public DbSet<TaskCandidateEntity> TaskCandidates => Set<TaskCandidateEntity>();

    /// <summary>Durable timers.</summary>
    public DbSet<TimerEntity> Timers => Set<TimerEntity>();

    /// <summary>Message waits.</summary>
    public DbSet<MessageSubscriptionEntity> MessageSubscriptions =>
        Set<MessageSubscriptionEntity>();

    /// <summary>Outbox of effects to dispatch.</summary>
    public DbSet<OutboxEntity> Outbox => Set<OutboxEntity>();

    /// <summary>Audit trail.</summary>
    public DbSet<AuditEventEntity> AuditEvents => Set<AuditEventEntity>();

    /// <summary>Incidents.</summary>
    public DbSet<IncidentEntity> Incidents => Set<IncidentEntity>();

    /// <summary>Candidate groups.</summary>
    public DbSet<GroupEntity> Groups => Set<GroupEntity>();

    /// <summary>Group memberships.</summary>
    public DbSet<UserGroupEntity> UserGroups => Set<UserGroupEntity>();

    /// <summary>ASP.NET Core data-protection keys, shared by every node so a cookie or token issued by one is read by all.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>SLA clocks (case and task).</summary>
    public DbSet<SlaClockEntity> SlaClocks => Set<SlaClockEntity>();

    /// <summary>Supervision records (电子监察) of breaches.</summary>
    public DbSet<SupervisionRecordEntity> SupervisionRecords => Set<SupervisionRecordEntity>();

    /// <summary>Closed task clocks per office day, procedure, step and bureau (kept in step by SaveChanges, see <see cref="SlaStepRollup"/>).</summary>
    public DbSet<SlaStepDayEntity> SlaStepDays => Set<SlaStepDayEntity>();

    /// <summary>Closed case clocks per office day and histogram bucket (kept in step by SaveChanges, see <see cref="SlaCaseRollup"/>).</summary>
    public DbSet<SlaCaseDayEntity> SlaCaseDays => Set<SlaCaseDayEntity>();

    /// <summary>Notifications through every channel.</summary>
    public DbSet<NotificationEntity> Notifications => Set<NotificationEntity>();

    /// <summary>Comments on tasks and cases.</summary>
    public DbSet<TaskCommentEntity> TaskComments => Set<TaskCommentEntity>();

    /// <summary>Attached materials.</summary>
    public DbSet<AttachmentEntity> Attachments => Set<AttachmentEntity>();

    /// <summary>Supplement notices (一次性告知).</summary>
    public DbSet<SupplementNoticeEntity> SupplementNotices => Set<SupplementNoticeEntity>();

    /// <summary>Remembered answers to requests with a request id.</summary>
    public DbSet<IdempotencyRecordEntity> IdempotencyRecords => Set<IdempotencyRecordEntity>();

    /// <summary>Sign-in sessions ended by logout before they expired.</summary>
    public DbSet<RevokedSessionEntity> RevokedSessions => Set<RevokedSessionEntity>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no date type: EF stores DateTimeOffset as TEXT and refuses to ORDER BY or compare it in SQL.
        // UTC ticks in an INTEGER column sort and compare correctly, so inbox and timer queries stay in SQL.
        if (Database.ProviderName == SqliteProviderName)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(WorkflowsDbContext).Assembly);
    }

    /// <summary>
    /// Raised once when this use of the context ends: it is disposed or, rented from the pool, given back. EF Core resets
    /// its own state then (change tracker, transaction, the SavedChanges handlers); state that other code keys on the
    /// context instance must be dropped here too, or the next renter of the same instance would inherit it.
    /// </summary>
    public event EventHandler? UseEnded;

    /// <inheritdoc />
    public override void Dispose()
    {
        EndUse();
        base.Dispose();
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        EndUse();
        return base.DisposeAsync();
    }

    private void EndUse()
    {
        var handlers = UseEnded;
        UseEnded = null;
        Saved = null;
        handlers?.Invoke(this, EventArgs.Empty);
    }

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var closed = PrepareSave();
        var moved = WithoutAutoDetect(() => TaskCandidateSync.MovedOpenTasks(this));
        if (moved.Count > 0)
            TaskCandidates.Where(c => moved.Contains(c.TaskId)).Load();
        WithoutAutoDetect(() => TaskCandidateSync.CopyTaskState(this));
        var after = AfterSaveStatements(closed);
        if (after.Count == 0)
        {
            var plain = base.SaveChanges(acceptAllChangesOnSuccess);
            OnSaved();
            return plain;
        }
        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(false);
        foreach (var (sql, parameters) in after)
            Database.ExecuteSqlRaw(sql, parameters);
        own?.Commit();
        if (acceptAllChangesOnSuccess)
            ChangeTracker.AcceptAllChanges();
        OnSaved();
        return saved;
    }

    /// <inheritdoc />
    public override async Task<int> SaveChangesAsync(
        bool acceptAllChangesOnSuccess,
        CancellationToken cancellationToken = default
    )
    {
        var closed = PrepareSave();
        var moved = WithoutAutoDetect(() => TaskCandidateSync.MovedOpenTasks(this));
        if (moved.Count > 0)
            await TaskCandidates.Where(c => moved.Contains(c.TaskId)).LoadAsync(cancellationToken);
        WithoutAutoDetect(() => TaskCandidateSync.CopyTaskState(this));
        var after = AfterSaveStatements(closed);
        if (DirectWrites() && WithoutAutoDetect(() => RowWriter.Plan(this)) is { } rows)
            return await SaveDirectlyAsync(
                rows,
                after,
                acceptAllChangesOnSuccess,
                cancellationToken
            );
        if (after.Count == 0)
        {
            var plain = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            OnSaved();
            return plain;
        }
        await using var own = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        var saved = await base.SaveChangesAsync(false, cancellationToken);
        foreach (var (sql, parameters) in after)
            await Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        if (own is not null)
            await own.CommitAsync(cancellationToken);
        if (acceptAllChangesOnSuccess)
            ChangeTracker.AcceptAllChanges();
        OnSaved();
        return saved;
    }

    // Outside a caller's transaction: the rows as RowWriter's statements and then the statements after the save. On
    // SQLite they are queued as one save for the file's group writer, which commits it with the others waiting (group
    // commit); a file it does not serve (in memory) is written on the context's own connection, in a transaction of its
    // own. On PostgreSQL they go as one batch (PostgresRowBatch), committed with it.
    private async Task<int> SaveDirectlyAsync(
        List<RowWriter.RowWrite> rows,
        List<(string Sql, object[] Parameters)> after,
        bool acceptAllChangesOnSuccess,
        CancellationToken cancellationToken
    )
    {
        var statements = RowWriter.Statements(rows);
        if (after.Count > 0)
        {
            var mappings = this.GetService<IRelationalTypeMappingSource>();
            foreach (var (sql, parameters) in after)
                statements.Add(RawStatement(mappings, sql, parameters));
        }
        var saved =
            Database.ProviderName != SqliteProviderName
                ? await SaveInBatchAsync(statements, cancellationToken)
            : SqliteCommitGroups.WriteAsync(
                Database.GetConnectionString()!,
                statements,
                cancellationToken
            )
                is { } queued
                ? await queued
            : await SaveOnOwnConnectionAsync(statements, cancellationToken);
        RowWriter.Complete(rows);
        if (acceptAllChangesOnSuccess)
            ChangeTracker.AcceptAllChanges();
        OnSaved();
        return saved;
    }

    // PostgreSQL: the statements as one batch, in the batch's implicit transaction, on the context's connection.
    private async Task<int> SaveInBatchAsync(
        List<RowWriter.Statement> statements,
        CancellationToken cancellationToken
    )
    {
        await Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await PostgresRowBatch.WriteAsync(
                (Npgsql.NpgsqlConnection)Database.GetDbConnection(),
                statements,
                cancellationToken
            );
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    private async Task<int> SaveOnOwnConnectionAsync(
        List<RowWriter.Statement> statements,
        CancellationToken cancellationToken
    )
    {
        await Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
            var saved = SqliteCommitGroups.Run(
                (SqliteConnection)Database.GetDbConnection(),
                (SqliteTransaction)transaction.GetDbTransaction(),
                statements
            );
            await transaction.CommitAsync(cancellationToken);
            return saved;
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    // A statement in ExecuteSqlRaw's form ({0}, {1}, … for its arguments), as a statement of the group writer: each
    // argument gets the parameter EF Core would give it (the type mapping of its value).
    private static RowWriter.Statement RawStatement(
        IRelationalTypeMappingSource mappings,
        string sql,
        object[] arguments
    )
    {
        var parameters = new (RelationalTypeMapping, bool)[arguments.Length];
        var values = new object[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            var mapping = mappings.GetMappingForValue(arguments[i]);
            parameters[i] = (mapping, true);
            values[i] =
                (
                    mapping.Converter is { } converter
                        ? converter.ConvertToProvider(arguments[i])
                        : arguments[i]
                ) ?? DBNull.Value;
            sql = sql.Replace(
                "{" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}",
                "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                StringComparison.Ordinal
            );
        }
        return new RowWriter.Statement(sql, parameters, values, null);
    }

    /// <summary>
    /// Raised after every successful save of this context, whichever way its rows were written (EF Core's own
    /// <see cref="DbContext.SavedChanges"/> is not raised for rows written by RowWriter). Dropped when the use of
    /// the context ends, like the SavedChanges handlers.
    /// </summary>
    public event EventHandler? Saved;

    private void OnSaved() => Saved?.Invoke(this, EventArgs.Empty);

    // RowWriter on SQLite and PostgreSQL, outside a caller's transaction and unless SaveChanges interceptors expect EF
    // Core's pipeline (tests use them to observe it). SQL Server keeps EF Core's pipeline.
    private bool DirectWrites() =>
        Database.ProviderName is SqliteProviderName or PostgreSqlProviderName
        && Database.CurrentTransaction is null
        && !HasSaveChangesInterceptors
            .GetValue(this.GetService<IDbContextOptions>(), SaveInterceptorsOf)
            .Value;

    private static readonly ConditionalWeakTable<
        IDbContextOptions,
        StrongBox<bool>
    > HasSaveChangesInterceptors = new();

    private static StrongBox<bool> SaveInterceptorsOf(IDbContextOptions options) =>
        new(
            options
                .FindExtension<CoreOptionsExtension>()
                ?.Interceptors?.OfType<ISaveChangesInterceptor>()
                .Any() == true
        );

    // What the base SaveChanges cannot express, run after it in the same transaction (the caller's, or one opened for
    // it): the SLA rollups' atomic upserts, and the removal of the closed tasks' candidate rows by task id, one DELETE
    // each, instead of reading the rows to delete them by key. Tracked candidate rows of a closed task leave the tracker.
    private List<(string Sql, object[] Parameters)> AfterSaveStatements(List<string> closed)
    {
        var statements = SlaStepRollup.Statements(this);
        if (closed.Count == 0)
            return statements;
        var closing = closed.ToHashSet(StringComparer.Ordinal);
        WithoutAutoDetect(() =>
        {
            foreach (
                var entry in ChangeTracker
                    .Entries<TaskCandidateEntity>()
                    .Where(c => closing.Contains(c.Entity.TaskId))
                    .ToList()
            )
                entry.State = EntityState.Detached;
        });
        statements.AddRange(closed.Select(id => (DeleteCandidatesSql, new object[] { id })));
        return statements;
    }

    private const string DeleteCandidatesSql =
        "DELETE FROM \"TaskCandidates\" WHERE \"TaskId\" = {0}";

    // Changes are detected once, here (the base SaveChanges of the EF Core path detects them once more): every Entries()
    // call of the save would otherwise scan every tracked entity again, five times per save. What the save itself
    // changes afterwards goes through entries (UtcDateTimes, CopyTaskState), which mark it modified at once.
    private List<string> PrepareSave()
    {
        ChangeTracker.DetectChanges();
        return WithoutAutoDetect(() =>
        {
            UtcDateTimes.Normalize(ChangeTracker);
            return ClosedTaskIds();
        });
    }

    // The kept reads of the connection string they were made for (a pooled context keeps its connection string; one
    // changed with SetConnectionString gets the other file's), so a command's several asks cost no pool lookup.
    private (string ConnectionString, KeptReads? Reads)? _keptReads;

    /// <summary>
    /// Prepared reads on kept connections (<see cref="Data.KeptReads"/>) for a SQLite database file outside a transaction;
    /// null otherwise (another provider, a database in memory, a transaction open on this context), where the caller runs
    /// its EF Core query instead.
    /// </summary>
    public KeptReads? KeptReads()
    {
        if (Database.ProviderName != SqliteProviderName || Database.CurrentTransaction is not null)
            return null;
        var connectionString = Database.GetConnectionString()!;
        if (
            _keptReads is not { } kept
            || !string.Equals(kept.ConnectionString, connectionString, StringComparison.Ordinal)
        )
            _keptReads = kept = (
                connectionString,
                SqliteReadSessions.For(connectionString) is { } pool
                    ? new KeptReads(this, pool)
                    : null
            );
        return kept.Reads;
    }

    /// <summary>
    /// Whether an entity of <typeparamref name="TEntity"/> with this key is tracked. Unlike asking <c>DbSet.Local</c>
    /// directly, it does not first detect changes in every tracked entity (a key lookup needs none).
    /// </summary>
    public bool IsTracked<TEntity, TKey>(TKey key)
        where TEntity : class =>
        WithoutAutoDetect(() => Set<TEntity>().Local.FindEntry(key) is not null);

    /// <summary>Runs <paramref name="action"/> with automatic change detection off (the save path detected changes already).</summary>
    internal T WithoutAutoDetect<T>(Func<T> action)
    {
        var auto = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return action();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = auto;
        }
    }

    /// <summary>Runs <paramref name="action"/> with automatic change detection off.</summary>
    internal void WithoutAutoDetect(Action action) =>
        WithoutAutoDetect(() =>
        {
            action();
            return 0;
        });

    // Candidate rows exist for open tasks only: they serve the group queues, and keeping those of the (many more)
    // closed tasks made every group query wade through history. Removed in the same transaction as the close.
    // Call with the changes detected.
    private List<string> ClosedTaskIds() =>
        ChangeTracker
            .Entries<TaskEntity>()
            .Where(e =>
                e.State == EntityState.Modified
                && e.Entity.Status != TaskStatuses.Open
                && (string?)e.Property(nameof(TaskEntity.Status)).OriginalValue == TaskStatuses.Open
            )
            .Select(e => e.Entity.Id)
            .ToList();

    internal const string SqliteProviderName = "Microsoft.EntityFrameworkCore.Sqlite";

    internal const string PostgreSqlProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";
}
