// On SQLite and PostgreSQL a save outside a caller's transaction writes its rows through RowWriter's statements
// (SQLite's group writer, PostgreSQL's batch) instead of EF Core's update pipeline: the stored form, generated keys,
// conflicts and constraint errors must be exactly EF Core's. Run per provider by SqliteRowWriterTests and
// PostgresRowWriterTests.
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Workflows.Data.Entities;
using Workflows.Data.Providers;
using Workflows.Data.Tests.Infrastructure;

namespace Workflows.Data.Tests.Persistence;

public abstract class RowWriterSpecification(TestDatabase database)
{
    protected async Task Rows_written_directly_are_stored_exactly_as_EF_Core_stores_them()
    {
        var definition = Samples.Definition("writer-" + Guid.NewGuid().ToString("N")[..8]);
        await using (var seed = database.CreateContext())
        {
            seed.Definitions.Add(definition);
            await seed.SaveChangesAsync();
        }
        var direct = Rows(definition, "direct");
        var byEf = Rows(definition, "ef");
        await using (var context = database.CreateContext())
        {
            context.AddRange(direct.All);
            await context.SaveChangesAsync();
        }
        await using (var context = ThroughEfCore())
        {
            context.AddRange(byEf.All);
            await context.SaveChangesAsync();
        }

        // Keys differ by design; every other column holds the same value of the same storage class.
        string[] keys = ["Id", "InstanceId", "TaskId", "IdempotencyKey"];
        Assert.Equal(
            await RawAsync("Instances", "Id", byEf.Instance.Id, keys),
            await RawAsync("Instances", "Id", direct.Instance.Id, keys)
        );
        Assert.Equal(
            await RawAsync("Tasks", "Id", byEf.Task.Id, keys),
            await RawAsync("Tasks", "Id", direct.Task.Id, keys)
        );
        Assert.Equal(
            await RawAsync("TaskCandidates", "Id", byEf.Candidate.Id, keys),
            await RawAsync("TaskCandidates", "Id", direct.Candidate.Id, keys)
        );
        Assert.Equal(
            await RawAsync("AuditEvents", "Id", byEf.Audit.Id, keys),
            await RawAsync("AuditEvents", "Id", direct.Audit.Id, keys)
        );
        Assert.Equal(
            await RawAsync("Timers", "Id", byEf.Timer.Id, keys),
            await RawAsync("Timers", "Id", direct.Timer.Id, keys)
        );
        Assert.Equal(
            await RawAsync("Outbox", "Id", byEf.Outbox.Id, keys),
            await RawAsync("Outbox", "Id", direct.Outbox.Id, keys)
        );
        // And EF Core reads the directly written rows back as they were.
        await using var read = database.CreateContext();
        var instance = await read.Instances.SingleAsync(i => i.Id == direct.Instance.Id);
        Assert.Equal(
            (direct.Instance.CreatedAt, direct.Instance.EndedAt, direct.Instance.StateJson),
            (instance.CreatedAt, instance.EndedAt, instance.StateJson)
        );
        var task = await read.Tasks.SingleAsync(t =>
            t.Id == direct.Task.Id && t.DueAt == direct.Task.DueAt
        );
        Assert.Equal(direct.Task.LocalVariablesJson, task.LocalVariablesJson);
    }

    protected async Task Generated_keys_come_back_the_entries_are_accepted_and_later_changes_update_and_delete_the_rows()
    {
        var definition = Samples.Definition("writer-" + Guid.NewGuid().ToString("N")[..8]);
        await using var context = database.CreateContext();
        var rows = Rows(definition, "keys");
        context.Definitions.Add(definition);
        context.AddRange(rows.All);
        var subscription = new MessageSubscriptionEntity
        {
            Id = "sub-" + Guid.NewGuid().ToString("N"),
            InstanceId = rows.Instance.Id,
            ElementId = "wait",
            MessageName = "paid",
            CreatedAt = Samples.T0,
        };
        context.MessageSubscriptions.Add(subscription);
        var second = new AuditEventEntity
        {
            At = Samples.T0,
            Action = "instance.started",
            InstanceId = rows.Instance.Id,
        };
        context.AuditEvents.Add(second);
        await context.SaveChangesAsync();

        Assert.True(rows.Audit.Id > 0);
        Assert.True(
            second.Id > rows.Audit.Id,
            "rows of one table are inserted in the order they were added, each with its own key"
        );
        Assert.True(rows.Outbox.Id > 0);
        Assert.True(rows.Candidate.Id > 0);
        Assert.All(
            context.ChangeTracker.Entries(),
            e => Assert.Equal(EntityState.Unchanged, e.State)
        );

        rows.Instance.Status = "Completed";
        rows.Instance.EndedAt = Samples.T0.AddHours(3);
        rows.Instance.Version++;
        rows.Task.Status = TaskStatuses.Completed;
        rows.Task.Version++;
        context.MessageSubscriptions.Remove(subscription);
        await context.SaveChangesAsync();

        await using var read = database.CreateContext();
        var instance = await read
            .Instances.AsNoTracking()
            .SingleAsync(i => i.Id == rows.Instance.Id);
        Assert.Equal(
            ("Completed", Samples.T0.AddHours(3), 2L),
            (instance.Status, instance.EndedAt, instance.Version)
        );
        Assert.Equal(
            TaskStatuses.Completed,
            (await read.Tasks.AsNoTracking().SingleAsync(t => t.Id == rows.Task.Id)).Status
        );
        Assert.False(await read.MessageSubscriptions.AnyAsync(s => s.Id == subscription.Id));
        Assert.Equal(
            rows.Audit.Action,
            (await read.AuditEvents.SingleAsync(a => a.Id == rows.Audit.Id)).Action
        );
    }

    protected async Task A_stale_version_throws_a_concurrency_exception_and_nothing_of_the_save_is_written()
    {
        var rows = await SeededAsync("stale");
        await using var stale = database.CreateContext();
        var loaded = await stale.Instances.SingleAsync(i => i.Id == rows.Instance.Id);
        await using (var other = database.CreateContext())
        {
            var current = await other.Instances.SingleAsync(i => i.Id == rows.Instance.Id);
            current.Version++;
            current.Status = "Suspended";
            await other.SaveChangesAsync();
        }

        var marker = new AuditEventEntity
        {
            At = Samples.T0,
            Action = "stale-" + Guid.NewGuid().ToString("N"),
            InstanceId = rows.Instance.Id,
        };
        stale.AuditEvents.Add(marker);
        loaded.Status = "Completed";
        loaded.Version++;
        var conflict = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            stale.SaveChangesAsync()
        );

        Assert.Same(loaded, Assert.Single(conflict.Entries).Entity);
        Assert.Equal(EntityState.Modified, stale.Entry(loaded).State);
        await using var read = database.CreateContext();
        Assert.False(await read.AuditEvents.AnyAsync(a => a.Action == marker.Action));
        Assert.Equal(
            "Suspended",
            (await read.Instances.SingleAsync(i => i.Id == rows.Instance.Id)).Status
        );
    }

    // The stale row is the second of two checked rows, after a new row with a generated key: the exception names it,
    // and neither the fresh update, the new row nor a removal in the same save is written.
    protected async Task A_stale_row_among_fresh_ones_names_that_row_and_nothing_of_the_save_is_written()
    {
        var rows = await SeededAsync("stale-second");
        var subscription = new MessageSubscriptionEntity
        {
            Id = "sub-" + Guid.NewGuid().ToString("N"),
            InstanceId = rows.Instance.Id,
            ElementId = "wait",
            MessageName = "paid",
            CreatedAt = Samples.T0,
        };
        await using (var seed = database.CreateContext())
        {
            seed.MessageSubscriptions.Add(subscription);
            await seed.SaveChangesAsync();
        }
        await using var stale = database.CreateContext();
        var instance = await stale.Instances.SingleAsync(i => i.Id == rows.Instance.Id);
        var task = await stale.Tasks.SingleAsync(t => t.Id == rows.Task.Id);
        var loadedSubscription = await stale.MessageSubscriptions.SingleAsync(s =>
            s.Id == subscription.Id
        );
        await using (var other = database.CreateContext())
        {
            var current = await other.Tasks.SingleAsync(t => t.Id == rows.Task.Id);
            current.Version++;
            current.Assignee = "someone-else";
            await other.SaveChangesAsync();
        }

        var marker = new AuditEventEntity
        {
            At = Samples.T0,
            Action = "stale2-" + Guid.NewGuid().ToString("N"),
            InstanceId = rows.Instance.Id,
        };
        stale.AuditEvents.Add(marker);
        stale.MessageSubscriptions.Remove(loadedSubscription);
        instance.Status = "Suspended";
        instance.Version++;
        task.Status = TaskStatuses.Completed;
        task.Version++;
        var conflict = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            stale.SaveChangesAsync()
        );

        Assert.Same(task, Assert.Single(conflict.Entries).Entity);
        await using var read = database.CreateContext();
        Assert.False(await read.AuditEvents.AnyAsync(a => a.Action == marker.Action));
        Assert.True(await read.MessageSubscriptions.AnyAsync(s => s.Id == subscription.Id));
        Assert.Equal(
            rows.Instance.Status,
            (await read.Instances.AsNoTracking().SingleAsync(i => i.Id == rows.Instance.Id)).Status
        );
        Assert.Equal(
            "someone-else",
            (await read.Tasks.AsNoTracking().SingleAsync(t => t.Id == rows.Task.Id)).Assignee
        );
    }

    // A row another save deleted: removing it again matches nothing.
    protected async Task Deleting_a_row_already_deleted_is_a_concurrency_exception()
    {
        var rows = await SeededAsync("gone");
        await using var late = database.CreateContext();
        var outbox = await late.Outbox.SingleAsync(o => o.Id == rows.Outbox.Id);
        await using (var other = database.CreateContext())
        {
            other.Outbox.Remove(await other.Outbox.SingleAsync(o => o.Id == rows.Outbox.Id));
            await other.SaveChangesAsync();
        }

        late.Outbox.Remove(outbox);
        var conflict = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            late.SaveChangesAsync()
        );

        Assert.Same(outbox, Assert.Single(conflict.Entries).Entity);
        Assert.Equal(EntityState.Deleted, late.Entry(outbox).State);
    }

    protected async Task A_duplicate_key_is_a_unique_violation_and_nothing_of_the_save_is_written()
    {
        var rows = await SeededAsync("dup");

        await using var context = database.CreateContext();
        var marker = new AuditEventEntity
        {
            At = Samples.T0,
            Action = "dup-" + Guid.NewGuid().ToString("N"),
            InstanceId = rows.Instance.Id,
        };
        context.AuditEvents.Add(marker);
        context.Tasks.Add(Samples.Task(rows.Instance, rows.Task.Id));
        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

        Assert.True(ProviderErrors.IsUniqueViolation(failure));
        Assert.Equal(0, marker.Id);
        await using var read = database.CreateContext();
        Assert.False(await read.AuditEvents.AnyAsync(a => a.Action == marker.Action));
    }

    protected async Task The_rows_of_a_command_go_through_the_writer_and_not_through_EF_Core_unless_a_caller_holds_a_transaction()
    {
        var definition = Samples.Definition("writer-" + Guid.NewGuid().ToString("N")[..8]);
        await using (var seed = database.CreateContext())
        {
            seed.Definitions.Add(definition);
            await seed.SaveChangesAsync();
        }
        var seen = new CommandLog();

        await using (var context = WithInterceptor(seen))
        {
            context.AddRange(Rows(definition, "plain").All);
            await context.SaveChangesAsync();
        }
        var direct = seen.Writes;
        await using (var context = WithInterceptor(seen))
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            context.AddRange(Rows(definition, "tx").All);
            await context.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        // None: the model has no cycle or shape that would send every save back to EF Core.
        Assert.Equal(0, direct);
        Assert.True(seen.Writes > 0, "a save in the caller's transaction goes through EF Core");
    }

    // A definition and one case's rows, saved.
    private async Task<CaseRows> SeededAsync(string tag)
    {
        var definition = Samples.Definition("writer-" + Guid.NewGuid().ToString("N")[..8]);
        var rows = Rows(definition, tag);
        await using var seed = database.CreateContext();
        seed.Definitions.Add(definition);
        seed.AddRange(rows.All);
        await seed.SaveChangesAsync();
        return rows;
    }

    private static CaseRows Rows(DefinitionEntity definition, string tag)
    {
        var instance = Samples.Instance(definition);
        instance.BusinessKey = "same-business-key";
        instance.EndedAt = Samples.T0.AddMinutes(90);
        instance.ApplicantName = "王小明 Wang";
        var task = Samples.Task(instance, $"task-{tag}-{Guid.NewGuid():N}");
        task.BusinessKey = instance.BusinessKey;
        task.Assignee = null;
        var candidate = new TaskCandidateEntity
        {
            TaskId = task.Id,
            Kind = CandidateKinds.Group,
            Value = "bureau:kjj/reviewer",
            DueAt = task.DueAt,
        };
        var audit = new AuditEventEntity
        {
            At = Samples.T0.AddSeconds(1),
            Actor = "clerk",
            Action = "task.created",
            InstanceId = instance.Id,
            TaskId = task.Id,
            ElementId = "review",
            DataJson = "{\"a\":[1,2]}",
        };
        var timer = Samples.Timer("bpmn", Samples.T0.AddDays(2));
        timer.InstanceId = instance.Id;
        timer.ElementId = "wait";
        var outbox = Samples.Outbox($"timer.schedule:{tag}-{Guid.NewGuid():N}");
        outbox.InstanceId = instance.Id;
        return new CaseRows(instance, task, candidate, audit, timer, outbox);
    }

    /// <summary>Each column's stored type and value, keys left out, read without EF Core.</summary>
    protected abstract Task<List<string>> RawAsync(
        string table,
        string keyColumn,
        object key,
        string[] leaveOut
    );

    /// <summary>A context of the provider's type with <paramref name="interceptor"/> added.</summary>
    protected abstract WorkflowsDbContext WithInterceptor(IInterceptor interceptor);

    /// <summary>The columns of the reader's row, named with their stored type and value, except <paramref name="leaveOut"/>.</summary>
    protected static List<string> Columns(DbDataReader reader, string[] leaveOut)
    {
        var columns = new List<string>();
        for (var i = 0; i < reader.FieldCount; i++)
            if (!leaveOut.Contains(reader.GetName(i)))
                columns.Add(
                    $"{reader.GetName(i)}: {reader.GetDataTypeName(i)} {(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))}"
                );
        return columns;
    }

    // A SaveChanges interceptor keeps EF Core's own pipeline (see WorkflowsDbContext.DirectWrites).
    private WorkflowsDbContext ThroughEfCore() => WithInterceptor(new SaveChangesInterceptor());

    private sealed class SaveChangesInterceptor
        : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor;

    private sealed record CaseRows(
        InstanceEntity Instance,
        TaskEntity Task,
        TaskCandidateEntity Candidate,
        AuditEventEntity Audit,
        TimerEntity Timer,
        OutboxEntity Outbox
    )
    {
        public object[] All => [Instance, Task, Candidate, Audit, Timer, Outbox];
    }

    private sealed class CommandLog : DbCommandInterceptor
    {
        public int Writes { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<DbDataReader> result,
            CancellationToken cancellationToken = default
        )
        {
            if (command.CommandText.Contains("INSERT", StringComparison.Ordinal))
                Writes++;
            return ValueTask.FromResult(result);
        }
    }
}
