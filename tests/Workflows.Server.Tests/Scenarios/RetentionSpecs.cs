// Retention of history: ended cases older than the cutoff are archived whole to a gzip JSON-lines file and removed;
// running cases and recent ones stay.
using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Server.Application.Retention;
using Workflows.Server.Hosting;
using Workflows.Server.Tests.Infrastructure;
using Workflows.Server.Tests.Tasks;

namespace Workflows.Server.Tests.Scenarios;

/// <summary>Retention scenarios, run once per database provider.</summary>
public abstract class RetentionSpecs(HostFixture fixture)
{
    [ProviderFact]
    public async Task Old_ended_cases_are_archived_with_their_history_and_removed_while_running_cases_stay()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var key = Processes.NewKey("retain");
        await (await host.As("designer")).DeployOkAsync(Processes.UserTask(key));
        var clerk = await host.As("clerk.kjj");
        var window = await host.As("clerk.window");
        var ended = await window.StartAsync(key, "RET-OLD");
        var running = await window.StartAsync(key, "RET-RUNNING");
        var taskId = await clerk.TaskIdOfAsync(ended);
        await ApiCalls.Expect(
            await clerk.PostJsonAsync(
                $"/api/tasks/{taskId}/complete",
                new { variables = new { ok = true } }
            ),
            System.Net.HttpStatusCode.OK
        );
        await clerk.WaitForStatusAsync(ended, "Completed");
        // The case ended 400 days ago.
        var longAgo = DateTimeOffset.UtcNow.AddDays(-400);
        await host.QueryAsync(db =>
            db.Instances.Where(i => i.Id == ended)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.EndedAt, longAgo))
        );

        var retention = host.Services.GetRequiredService<RetentionService>();
        var dry = await retention.ArchiveAsync(DateTimeOffset.UtcNow.AddDays(-365), dryRun: true);
        Assert.Equal(1, dry.Cases);
        Assert.True(
            await host.QueryAsync(db => db.Instances.AnyAsync(i => i.Id == ended)),
            "a dry run removes nothing"
        );

        var result = await retention.ArchiveAsync(
            DateTimeOffset.UtcNow.AddDays(-365),
            dryRun: false
        );

        Assert.Equal(1, result.Cases);
        Assert.NotNull(result.File);
        JsonObject line;
        await using (
            var stream = new GZipStream(File.OpenRead(result.File!), CompressionMode.Decompress)
        )
        using (var reader = new StreamReader(stream))
        {
            var lines = (await reader.ReadToEndAsync()).Split(
                '\n',
                StringSplitOptions.RemoveEmptyEntries
            );
            line = JsonNode.Parse(Assert.Single(lines))!.AsObject();
        }
        Assert.Equal(ended, line["instance"]!["id"]!.GetValue<Guid>());
        Assert.Contains(line["audit"]!.AsArray(), a => (string?)a!["action"] == "task.completed");
        Assert.Single(line["tasks"]!.AsArray());
        Assert.False(await host.QueryAsync(db => db.Instances.AnyAsync(i => i.Id == ended)));
        Assert.False(
            await host.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.InstanceId == ended))
        );
        Assert.False(await host.QueryAsync(db => db.Tasks.AnyAsync(t => t.InstanceId == ended)));
        Assert.Equal("Running", (string?)(await window.InstanceAsync(running))["status"]);
        Assert.True(
            await host.QueryAsync(db =>
                db.AuditEvents.AnyAsync(a => a.Action == "retention.archived")
            )
        );
    }

    [ProviderFact]
    public async Task The_recurring_job_forgets_idempotency_answers_older_than_the_retention_and_keeps_recent_ones()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var key = Processes.NewKey("idem");
        await (await host.As("designer")).DeployOkAsync(Processes.UserTask(key));
        var clerk = await host.As("clerk.kjj");
        var taskId = await clerk.TaskIdOfAsync(
            await (await host.As("clerk.window")).StartAsync(key, "IDEM-1")
        );
        var url = $"/api/tasks/{taskId}/comments";
        string oldKey = Guid.NewGuid().ToString(),
            recentKey = Guid.NewGuid().ToString();
        var oldComment = (long)
            (await (await clerk.PostWithKeyAsync(url, new { text = "old" }, oldKey)).OkJsonAsync())[
                "id"
            ]!;
        var recentComment = (long)
            (
                await (
                    await clerk.PostWithKeyAsync(url, new { text = "recent" }, recentKey)
                ).OkJsonAsync()
            )["id"]!;
        var hours = host
            .Services.GetRequiredService<IOptions<RetentionOptions>>()
            .Value.IdempotencyHours;
        Assert.Equal(24, hours);
        var before = DateTimeOffset.UtcNow.AddHours(-hours - 1);
        await host.QueryAsync(db =>
            db.IdempotencyRecords.Where(r => r.Key.EndsWith(":" + oldKey))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.At, before))
        );

        await host.Services.GetRequiredService<RetentionService>().RunScheduledAsync();

        Assert.False(
            await host.QueryAsync(db =>
                db.IdempotencyRecords.AnyAsync(r => r.Key.EndsWith(":" + oldKey))
            )
        );
        Assert.True(
            await host.QueryAsync(db =>
                db.IdempotencyRecords.AnyAsync(r => r.Key.EndsWith(":" + recentKey))
            )
        );
        // A retry of the forgotten request acts again; the recent one is still answered from memory.
        Assert.NotEqual(
            oldComment,
            (long)
                (
                    await (
                        await clerk.PostWithKeyAsync(url, new { text = "old" }, oldKey)
                    ).OkJsonAsync()
                )["id"]!
        );
        var replay = await clerk.PostWithKeyAsync(url, new { text = "recent" }, recentKey);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(recentComment, (long)(await replay.OkJsonAsync())["id"]!);
    }

    [ProviderFact]
    public async Task The_archive_command_refuses_a_missing_age_and_reports_a_dry_run()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var usage = new StringWriter();
        Assert.Equal(2, await Cli.RunAsync(host.Services, ["archive"], usage));
        Assert.Contains("--older-than-days", usage.ToString());
        var dry = new StringWriter();
        Assert.Equal(
            0,
            await Cli.RunAsync(
                host.Services,
                ["archive", "--older-than-days", "36500", "--dry-run"],
                dry
            )
        );
        Assert.Contains("would be archived", dry.ToString());
        Assert.Equal(
            0,
            host.Services.GetRequiredService<IOptions<RetentionOptions>>().Value.EndedInstanceDays
        );
    }
}

/// <summary>Retention on a SQLite file.</summary>
public sealed class RetentionOnSqlite(SqliteFixture fixture)
    : RetentionSpecs(fixture),
        IClassFixture<SqliteFixture>;

/// <summary>Retention on PostgreSQL.</summary>
[Postgres]
public sealed class RetentionOnPostgres(PostgresFixture fixture)
    : RetentionSpecs(fixture),
        IClassFixture<PostgresFixture>;
