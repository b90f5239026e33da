// The persistence behaviour every provider must show, written once; SqlitePersistenceTests and PostgresPersistenceTests run it.
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Data.Tests.Infrastructure;

namespace Workflows.Data.Tests.Persistence;

public abstract class PersistenceSpecification
{
    protected PersistenceSpecification(TestDatabase database) => Database = database;

    protected TestDatabase Database { get; }

    private static string Unique(string prefix) =>
        prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    protected async Task Every_entity_round_trips()
    {
        var definition = Samples.Definition(Unique("def"));
        var instance = Samples.Instance(definition);
        instance.ParentInstanceId = Guid.NewGuid();
        instance.EndedAt = Samples.T0.AddHours(3);
        var task = Samples.Task(instance, Unique("task"));
        task.Assignee = "lisi";
        task.Owner = "wangwu";
        task.FollowUpAt = Samples.T0.AddDays(2);
        task.ClaimedAt = Samples.T0.AddMinutes(5);
        task.CompletedAt = Samples.T0.AddMinutes(50);
        task.CompletedBy = "lisi";
        var candidate = new TaskCandidateEntity
        {
            TaskId = task.Id,
            Kind = CandidateKinds.Group,
            Value = "bureau:kjj/reviewer",
        };
        var timer = Samples.Timer("sla", Samples.T0.AddDays(4));
        timer.InstanceId = instance.Id;
        timer.TaskId = task.Id;
        timer.ElementId = "review";
        timer.Payload = "{\"warn\":true}";
        timer.LockedBy = "node-1";
        timer.LockedUntil = Samples.T0.AddMinutes(1);
        timer.FiredAt = Samples.T0.AddDays(4);
        timer.Attempts = 2;
        var subscription = new MessageSubscriptionEntity
        {
            Id = Unique("sub"),
            InstanceId = instance.Id,
            ElementId = "waitPayment",
            MessageName = "PaymentReceived",
            CorrelationKey = instance.BusinessKey,
            CreatedAt = Samples.T0,
        };
        var outbox = Samples.Outbox(Unique("idem"));
        outbox.InstanceId = instance.Id;
        outbox.Attempts = 1;
        outbox.LastError = "timeout";
        outbox.NextAttemptAt = Samples.T0.AddSeconds(30);
        outbox.DispatchedAt = Samples.T0.AddMinutes(1);
        var audit = new AuditEventEntity
        {
            At = Samples.T0,
            Actor = "lisi",
            Action = "task.completed",
            InstanceId = instance.Id,
            TaskId = task.Id,
            ElementId = "review",
            DataJson = "{\"opinion\":\"同意\"}",
        };
        var incident = new IncidentEntity
        {
            Id = Guid.NewGuid(),
            InstanceId = instance.Id,
            ElementId = "callApi",
            Message = "HTTP 500",
            CreatedAt = Samples.T0,
            ResolvedAt = Samples.T0.AddHours(1),
            ResolvedBy = "admin",
        };
        var group = new GroupEntity
        {
            Id = Unique("bureau:kjj/reviewer"),
            Name = "科技局审核员",
            NameEn = "KJJ reviewers",
            BureauCode = "kjj",
        };
        var user = new AppUser
        {
            Id = Unique("user"),
            UserName = Unique("lisi"),
            DisplayName = "李四",
            BureauCode = "kjj",
        };
        var membership = new UserGroupEntity { UserId = user.Id, GroupId = group.Id };

        await using (var write = Database.CreateContext())
        {
            write.AddRange(
                definition,
                instance,
                task,
                candidate,
                timer,
                subscription,
                outbox,
                audit,
                incident,
                group,
                user,
                membership
            );
            await write.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        var d = await read.Definitions.SingleAsync(x => x.Id == definition.Id);
        Assert.Equal(
            (
                definition.Key,
                1,
                "科技项目申报",
                "Science project application",
                new string('a', 64),
                "<definitions/>",
                "admin",
                Samples.T0,
                "Published"
            ),
            (
                d.Key,
                d.Version,
                d.Name,
                d.NameEn,
                d.ContentHash,
                d.Xml,
                d.DeployedBy,
                d.DeployedAt,
                d.Status
            )
        );
        var i = await read.Instances.SingleAsync(x => x.Id == instance.Id);
        Assert.Equal(
            (
                definition.Id,
                definition.Key,
                1,
                instance.BusinessKey,
                "Running",
                "{\"tokens\":[]}",
                1L,
                "zhangsan",
                instance.ParentInstanceId,
                Samples.T0,
                Samples.T0,
                (DateTimeOffset?)Samples.T0.AddHours(3)
            ),
            (
                i.DefinitionId,
                i.DefinitionKey,
                i.DefinitionVersion,
                i.BusinessKey,
                i.Status,
                i.StateJson,
                i.Version,
                i.StartedBy,
                i.ParentInstanceId,
                i.CreatedAt,
                i.UpdatedAt,
                i.EndedAt
            )
        );
        var t = await read.Tasks.SingleAsync(x => x.Id == task.Id);
        Assert.Equal(
            (
                instance.Id,
                "review",
                "初审",
                "First review",
                definition.Key,
                instance.BusinessKey,
                "Open",
                "lisi",
                "wangwu",
                50,
                "review-form"
            ),
            (
                t.InstanceId,
                t.ElementId,
                t.Name,
                t.NameEn,
                t.DefinitionKey,
                t.BusinessKey,
                t.Status,
                t.Assignee,
                t.Owner,
                t.Priority,
                t.FormKey
            )
        );
        Assert.Equal(
            (
                task.DueAt,
                task.FollowUpAt,
                Samples.T0,
                task.ClaimedAt,
                task.CompletedAt,
                "lisi",
                "bureau:kjj/reviewer",
                1L,
                "{\"opinion\":null}",
                "{\"limit\":\"5wd\"}"
            ),
            (
                t.DueAt,
                t.FollowUpAt,
                t.CreatedAt,
                t.ClaimedAt,
                t.CompletedAt,
                t.CompletedBy,
                t.CandidateGroups,
                t.Version,
                t.LocalVariablesJson,
                t.SlaJson
            )
        );
        var c = await read.TaskCandidates.SingleAsync(x => x.TaskId == task.Id);
        Assert.True(c.Id > 0);
        Assert.Equal(("group", "bureau:kjj/reviewer"), (c.Kind, c.Value));
        var tm = await read.Timers.SingleAsync(x => x.Id == timer.Id);
        Assert.Equal(
            (
                (Guid?)instance.Id,
                task.Id,
                "review",
                "sla",
                "{\"warn\":true}",
                Samples.T0.AddDays(4),
                "Pending",
                Samples.T0,
                timer.FiredAt,
                2,
                "node-1",
                timer.LockedUntil,
                1L
            ),
            (
                tm.InstanceId,
                tm.TaskId,
                tm.ElementId,
                tm.Kind,
                tm.Payload,
                tm.DueAt,
                tm.Status,
                tm.CreatedAt,
                tm.FiredAt,
                tm.Attempts,
                tm.LockedBy,
                tm.LockedUntil,
                tm.Version
            )
        );
        var s = await read.MessageSubscriptions.SingleAsync(x => x.Id == subscription.Id);
        Assert.Equal(
            (instance.Id, "waitPayment", "PaymentReceived", instance.BusinessKey, Samples.T0),
            (s.InstanceId, s.ElementId, s.MessageName, s.CorrelationKey, s.CreatedAt)
        );
        var o = await read.Outbox.SingleAsync(x => x.IdempotencyKey == outbox.IdempotencyKey);
        Assert.True(o.Id > 0);
        Assert.Equal(
            (
                (Guid?)instance.Id,
                "notify",
                "{}",
                Samples.T0,
                outbox.DispatchedAt,
                1,
                "timeout",
                outbox.NextAttemptAt
            ),
            (
                o.InstanceId,
                o.Type,
                o.PayloadJson,
                o.CreatedAt,
                o.DispatchedAt,
                o.Attempts,
                o.LastError,
                o.NextAttemptAt
            )
        );
        var a = await read.AuditEvents.SingleAsync(x => x.InstanceId == instance.Id);
        Assert.Equal(
            (Samples.T0, "lisi", "task.completed", task.Id, "review", "{\"opinion\":\"同意\"}"),
            (a.At, a.Actor, a.Action, a.TaskId, a.ElementId, a.DataJson)
        );
        var inc = await read.Incidents.SingleAsync(x => x.Id == incident.Id);
        Assert.Equal(
            (instance.Id, "callApi", "HTTP 500", Samples.T0, incident.ResolvedAt, "admin"),
            (
                inc.InstanceId,
                inc.ElementId,
                inc.Message,
                inc.CreatedAt,
                inc.ResolvedAt,
                inc.ResolvedBy
            )
        );
        var g = await read.Groups.SingleAsync(x => x.Id == group.Id);
        Assert.Equal(("科技局审核员", "KJJ reviewers", "kjj"), (g.Name, g.NameEn, g.BureauCode));
        var u = await read.Users.SingleAsync(x => x.Id == user.Id);
        Assert.Equal(("李四", "kjj"), (u.DisplayName, u.BureauCode));
        Assert.True(
            await read.UserGroups.AnyAsync(x => x.UserId == user.Id && x.GroupId == group.Id)
        );
    }

    protected async Task Non_utc_offsets_are_saved_as_the_same_instant_in_utc()
    {
        var beijing = TimeSpan.FromHours(8);
        var timer = Samples.Timer(Unique("k"), new DateTimeOffset(2026, 3, 2, 9, 30, 0, beijing));
        await using (var write = Database.CreateContext())
        {
            write.Timers.Add(timer);
            await write.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        var stored = await read.Timers.SingleAsync(x => x.Id == timer.Id);
        Assert.Equal(TimeSpan.Zero, stored.DueAt.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero), stored.DueAt);
    }

    protected async Task Second_writer_of_a_stale_instance_gets_a_concurrency_exception()
    {
        var definition = Samples.Definition(Unique("def"));
        var instance = Samples.Instance(definition);
        await using (var seed = Database.CreateContext())
        {
            seed.AddRange(definition, instance);
            await seed.SaveChangesAsync();
        }

        await using var first = Database.CreateContext();
        await using var second = Database.CreateContext();
        var mine = await first.Instances.SingleAsync(x => x.Id == instance.Id);
        var theirs = await second.Instances.SingleAsync(x => x.Id == instance.Id);

        mine.Status = "Suspended";
        mine.Version++;
        await first.SaveChangesAsync();
        theirs.Status = "Completed";
        theirs.Version++;
        var error = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            second.SaveChangesAsync()
        );

        Assert.True(ProviderErrors.IsConcurrencyConflict(error));
        Assert.False(ProviderErrors.IsUniqueViolation(error));
        await using var read = Database.CreateContext();
        var stored = await read.Instances.SingleAsync(x => x.Id == instance.Id);
        Assert.Equal(("Suspended", 2L), (stored.Status, stored.Version));
    }

    protected async Task Stale_timer_claim_is_rejected_too()
    {
        var timer = Samples.Timer(Unique("k"), Samples.T0);
        await using (var seed = Database.CreateContext())
        {
            seed.Timers.Add(timer);
            await seed.SaveChangesAsync();
        }

        await using var node1 = Database.CreateContext();
        await using var node2 = Database.CreateContext();
        var claim1 = await node1.Timers.SingleAsync(x => x.Id == timer.Id);
        var claim2 = await node2.Timers.SingleAsync(x => x.Id == timer.Id);
        claim1.LockedBy = "node-1";
        claim1.Version++;
        claim2.LockedBy = "node-2";
        claim2.Version++;
        await node1.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => node2.SaveChangesAsync());
    }

    protected async Task Duplicate_idempotency_key_is_a_unique_violation()
    {
        var key = Unique("idem");
        await using (var first = Database.CreateContext())
        {
            first.Outbox.Add(Samples.Outbox(key));
            await first.SaveChangesAsync();
        }

        await using var second = Database.CreateContext();
        second.Outbox.Add(Samples.Outbox(key));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());

        Assert.True(ProviderErrors.IsUniqueViolation(error));
    }

    protected async Task Duplicate_primary_key_is_a_unique_violation()
    {
        var timer = Samples.Timer(Unique("k"), Samples.T0);
        await using (var first = Database.CreateContext())
        {
            first.Timers.Add(timer);
            await first.SaveChangesAsync();
        }

        await using var second = Database.CreateContext();
        var duplicate = Samples.Timer(timer.Kind, Samples.T0);
        duplicate.Id = timer.Id;
        second.Timers.Add(duplicate);
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());

        Assert.True(ProviderErrors.IsUniqueViolation(error));
    }

    protected async Task Foreign_key_violation_is_not_a_unique_violation()
    {
        await using var context = Database.CreateContext();
        context.TaskCandidates.Add(
            new TaskCandidateEntity
            {
                TaskId = Unique("missing"),
                Kind = CandidateKinds.User,
                Value = "lisi",
            }
        );
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

        Assert.False(ProviderErrors.IsUniqueViolation(error));
    }

    protected async Task Closing_a_task_removes_its_candidate_rows_in_the_same_transaction()
    {
        var definition = Samples.Definition(Unique("def"));
        var instance = Samples.Instance(definition);
        var closing = Samples.Task(instance, Unique("closing"));
        var staying = Samples.Task(instance, Unique("staying"));
        await using (var write = Database.CreateContext())
        {
            write.AddRange(definition, instance, closing, staying);
            write.TaskCandidates.AddRange(
                new TaskCandidateEntity
                {
                    TaskId = closing.Id,
                    Kind = CandidateKinds.Group,
                    Value = "bureau:kjj/reviewer",
                },
                new TaskCandidateEntity
                {
                    TaskId = closing.Id,
                    Kind = CandidateKinds.User,
                    Value = "lisi",
                },
                new TaskCandidateEntity
                {
                    TaskId = staying.Id,
                    Kind = CandidateKinds.Group,
                    Value = "bureau:kjj/reviewer",
                }
            );
            await write.SaveChangesAsync();
        }
        async Task<int> CandidatesOf(string taskId)
        {
            await using var read = Database.CreateContext();
            return await read.TaskCandidates.CountAsync(c => c.TaskId == taskId);
        }

        // Rolled back with the close: the rows stay.
        await using (var rolledBack = Database.CreateContext())
        {
            await using var tx = await rolledBack.Database.BeginTransactionAsync();
            var task = await rolledBack.Tasks.SingleAsync(t => t.Id == closing.Id);
            task.Status = TaskStatuses.Completed;
            await rolledBack.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        Assert.Equal(2, await CandidatesOf(closing.Id));

        // Committed: the closed task's rows are gone, a tracked one leaves the tracker, the other task keeps its row,
        // and saving the same context again writes nothing.
        await using (var committed = Database.CreateContext())
        {
            var task = await committed.Tasks.SingleAsync(t => t.Id == closing.Id);
            var tracked = await committed.TaskCandidates.FirstAsync(c => c.TaskId == closing.Id);
            task.Status = TaskStatuses.Completed;
            await committed.SaveChangesAsync();

            Assert.Equal(EntityState.Detached, committed.Entry(tracked).State);
            Assert.Equal(EntityState.Unchanged, committed.Entry(task).State);
            Assert.Equal(0, await committed.SaveChangesAsync());
        }
        Assert.Equal(0, await CandidatesOf(closing.Id));
        Assert.Equal(1, await CandidatesOf(staying.Id));
    }

    protected async Task Pending_timers_are_filtered_and_ordered_by_due_date_in_sql()
    {
        var kind = Unique("order");
        var beijing = TimeSpan.FromHours(8);
        // Local Beijing times whose text order differs from their instant order, plus one past the cutoff and one fired.
        var late = Samples.Timer(kind, new DateTimeOffset(2026, 3, 2, 9, 0, 0, beijing)); // 01:00Z
        var early = Samples.Timer(kind, new DateTimeOffset(2026, 3, 1, 23, 0, 0, TimeSpan.Zero)); // 23:00Z day before
        var middle = Samples.Timer(kind, new DateTimeOffset(2026, 3, 2, 8, 0, 0, beijing)); // 00:00Z
        var tooLate = Samples.Timer(kind, new DateTimeOffset(2026, 3, 2, 1, 0, 1, TimeSpan.Zero));
        var fired = Samples.Timer(kind, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        fired.Status = TimerStatuses.Fired;
        await using (var write = Database.CreateContext())
        {
            write.Timers.AddRange(late, tooLate, fired, early, middle);
            await write.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        var cutoff = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
        var query = read
            .Timers.Where(x =>
                x.Kind == kind && x.Status == TimerStatuses.Pending && x.DueAt <= cutoff
            )
            .OrderBy(x => x.DueAt)
            .Select(x => x.Id);

        Assert.Contains("ORDER BY", query.ToQueryString());
        Assert.Equal([early.Id, middle.Id, late.Id], await query.ToListAsync());
    }

    protected async Task Inbox_orders_open_tasks_of_a_candidate_group_by_nullable_due_date()
    {
        var definition = Samples.Definition(Unique("def"));
        var instance = Samples.Instance(definition);
        var group = Unique("bureau:kjj/reviewer");
        var second = Samples.Task(instance, Unique("t"), Samples.T0.AddDays(2));
        var first = Samples.Task(instance, Unique("t"), Samples.T0.AddDays(1));
        var done = Samples.Task(instance, Unique("t"), Samples.T0);
        done.Status = TaskStatuses.Completed;
        await using (var write = Database.CreateContext())
        {
            write.AddRange(definition, instance, second, first, done);
            write.TaskCandidates.AddRange(
                new TaskCandidateEntity { TaskId = second.Id, Value = group },
                new TaskCandidateEntity { TaskId = first.Id, Value = group },
                new TaskCandidateEntity { TaskId = done.Id, Value = group }
            );
            await write.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        var after = Samples.T0.AddHours(1);
        var inbox = await read
            .Tasks.Where(t =>
                t.Status == TaskStatuses.Open
                && t.DueAt > after
                && read.TaskCandidates.Any(c =>
                    c.TaskId == t.Id && c.Kind == CandidateKinds.Group && c.Value == group
                )
            )
            .OrderBy(t => t.DueAt)
            .ThenBy(t => t.Id)
            .Select(t => t.Id)
            .ToListAsync();

        Assert.Equal([first.Id, second.Id], inbox);
    }
}
