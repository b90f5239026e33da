// The single-task check before every task action (VisibleTaskQueries) tests group membership with one string of the
// user's groups: only an exact group matches, whatever the groups and candidate values hold.
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application.Tasks;
using Workflows.Server.Auth;
using Workflows.Server.Tests.Infrastructure;
using Workflows.Server.Tests.Tasks;

namespace Workflows.Server.Tests.Authorization;

/// <summary>The task check for users with unusual groups, once per database provider.</summary>
public abstract class TaskVisibilityCheckSpecs(HostFixture fixture)
{
    private const string Separator = "\u001F";

    [ProviderFact]
    public async Task Only_a_group_equal_to_a_candidate_group_sees_the_task()
    {
        var (host, taskId) = await OpenReviewTaskAsync("vischeck");

        Assert.True(await SeesAsync(host, taskId, Clerk(Processes.KjjReviewers)));
        Assert.True(
            await SeesAsync(host, taskId, Clerk("bureau:crj/reviewer", Processes.KjjReviewers))
        );
        Assert.False(await SeesAsync(host, taskId, Clerk()));
        Assert.False(await SeesAsync(host, taskId, Clerk("bureau:kjj")));
        Assert.False(await SeesAsync(host, taskId, Clerk("reviewer")));
        Assert.False(await SeesAsync(host, taskId, Clerk("bureau:kjj/reviewer2")));
        Assert.False(await SeesAsync(host, taskId, Clerk("bureau:kjj/", "reviewer")));
        Assert.False(await SeesAsync(host, taskId, Clerk("BUREAU:KJJ/REVIEWER")));
        // The chief's variant: another bureau's chief sees the task only through an exact group.
        Assert.False(await SeesAsync(host, taskId, Chief("crj", "bureau:kjj")));
        Assert.True(await SeesAsync(host, taskId, Chief("crj", Processes.KjjReviewers)));
    }

    [ProviderFact]
    public async Task Groups_or_candidate_values_holding_the_separator_never_combine_into_a_match()
    {
        var (host, taskId) = await OpenReviewTaskAsync("vissep");
        // A candidate value that two groups joined by the separator would spell, as an identity provider might send.
        await host.QueryAsync(async db =>
        {
            db.TaskCandidates.Add(
                new TaskCandidateEntity
                {
                    TaskId = taskId,
                    Kind = CandidateKinds.Group,
                    Value = "a" + Separator + "b",
                }
            );
            return await db.SaveChangesAsync();
        });

        Assert.False(await SeesAsync(host, taskId, Clerk("a", "b")));
        Assert.False(await SeesAsync(host, taskId, Clerk("a" + Separator + "b")));
        // A group holding the separator is left out, and the user's other groups still count.
        Assert.False(
            await SeesAsync(host, taskId, Clerk(Separator + Processes.KjjReviewers + Separator))
        );
        Assert.True(
            await SeesAsync(host, taskId, Clerk("x" + Separator + "y", Processes.KjjReviewers))
        );
    }

    [ProviderFact]
    public async Task The_assignee_the_owner_a_candidate_user_and_the_chief_of_the_bureau_see_the_task_and_others_do_not()
    {
        var (host, taskId) = await OpenReviewTaskAsync("visuser");
        Assert.False(await SeesAsync(host, taskId, Clerk()));
        Assert.True(
            await SeesAsync(
                host,
                taskId,
                new CurrentUser(
                    "admin.other",
                    new HashSet<string> { Roles.Admin },
                    new HashSet<string>(),
                    null
                )
            )
        );
        var bureau = await host.QueryAsync(db =>
            db.Tasks.Where(t => t.Id == taskId).Select(t => t.Bureau).SingleAsync()
        );
        Assert.NotNull(bureau);
        Assert.True(await SeesAsync(host, taskId, Chief(bureau)));
        Assert.False(await SeesAsync(host, taskId, Chief(bureau + "x")));

        await host.QueryAsync(async db =>
        {
            db.TaskCandidates.Add(
                new TaskCandidateEntity
                {
                    TaskId = taskId,
                    Kind = CandidateKinds.User,
                    Value = "clerk.other",
                }
            );
            return await db.SaveChangesAsync();
        });
        Assert.True(await SeesAsync(host, taskId, Clerk()));
        Assert.False(
            await SeesAsync(
                host,
                taskId,
                new CurrentUser(
                    "clerk.third",
                    new HashSet<string> { Roles.Clerk },
                    new HashSet<string>(),
                    null
                )
            )
        );

        await host.QueryAsync(db =>
            db.Tasks.Where(t => t.Id == taskId)
                .ExecuteUpdateAsync(s =>
                    s.SetProperty(t => t.Assignee, "clerk.third")
                        .SetProperty(t => t.Owner, "clerk.fourth")
                )
        );
        Assert.True(
            await SeesAsync(
                host,
                taskId,
                new CurrentUser(
                    "clerk.third",
                    new HashSet<string> { Roles.Clerk },
                    new HashSet<string>(),
                    null
                )
            )
        );
        Assert.True(
            await SeesAsync(
                host,
                taskId,
                new CurrentUser(
                    "clerk.fourth",
                    new HashSet<string> { Roles.Clerk },
                    new HashSet<string>(),
                    null
                )
            )
        );
        Assert.False(
            await SeesAsync(
                host,
                taskId,
                new CurrentUser(
                    "clerk.fifth",
                    new HashSet<string> { Roles.Clerk },
                    new HashSet<string>(),
                    null
                )
            )
        );
    }

    // A fresh open task of a review process offered to the S&T reviewers (Processes.KjjReviewers).
    private async Task<(ServerHost Host, string TaskId)> OpenReviewTaskAsync(string prefix)
    {
        var host = await fixture.StartAsync();
        var key = Processes.NewKey(prefix);
        await TaskClient.DeployAsync(host, TaskProcesses.Review(key));
        return (host, (await TaskClient.OpenAsync(host, key)).Task);
    }

    private static CurrentUser Clerk(params string[] groups) =>
        new("clerk.other", new HashSet<string> { Roles.Clerk }, groups.ToHashSet(), null);

    private static CurrentUser Chief(string bureau, params string[] groups) =>
        new("chief.other", new HashSet<string> { Roles.Chief }, groups.ToHashSet(), bureau);

    // The check's answer, asked three times: as every task action asks it (on SQLite through the kept reads' own SQL),
    // and inside a transaction, where every provider runs the compiled EF Core queries, alone and joined with the
    // task's instance. All must agree.
    private static async Task<bool> SeesAsync(ServerHost host, string taskId, CurrentUser user)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        Assert.Equal(db.Database.IsSqlite(), db.KeptReads() is not null);
        var found = await VisibleTaskQueries.FindAsync(db, taskId, user, CancellationToken.None);
        await using (await db.Database.BeginTransactionAsync())
        {
            Assert.Null(db.KeptReads());
            var compiled = await VisibleTaskQueries.FindAsync(
                db,
                taskId,
                user,
                CancellationToken.None
            );
            Assert.Equal(compiled is null, found is null);
            if (compiled is not null)
                Assert.Equivalent(compiled, found, strict: true);
            // The same check as a command's task action asks it, with the instance row read by the same statement.
            var withInstance = await VisibleTaskQueries.FindWithInstanceAsync(
                db,
                taskId,
                user,
                CancellationToken.None
            );
            Assert.Equal(withInstance is null, found is null);
            if (withInstance is not null)
            {
                Assert.Equivalent(withInstance.Task, found, strict: true);
                Assert.Equal(withInstance.Task.InstanceId, withInstance.Instance?.Id);
                Assert.Equal(
                    await db
                        .Instances.AsNoTracking()
                        .Where(i => i.Id == withInstance.Task.InstanceId)
                        .Select(i => i.Version)
                        .SingleAsync(),
                    withInstance.Instance!.Version
                );
            }
        }
        return found is { Id: var id } && id == taskId;
    }
}

/// <summary>The task check on SQLite.</summary>
public sealed class TaskVisibilityCheckOnSqlite(TaskSqliteFixture fixture)
    : TaskVisibilityCheckSpecs(fixture),
        IClassFixture<TaskSqliteFixture>;

/// <summary>The task check on PostgreSQL.</summary>
[Postgres]
public sealed class TaskVisibilityCheckOnPostgres(TaskPostgresFixture fixture)
    : TaskVisibilityCheckSpecs(fixture),
        IClassFixture<TaskPostgresFixture>;
