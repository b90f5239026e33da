// Email through a local SMTP sink (bilingual reminder to the right address) and webhooks that fail, retry and dead-letter.
using System.Net;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application.Notifications;
using Workflows.Server.Tests.Infrastructure;
using Workflows.Server.Tests.Sla;

namespace Workflows.Server.Tests.Notifications;

/// <summary>Delivery channels through real Hangfire jobs (SQLite, in-memory storage).</summary>
public sealed class NotificationChannelSpecs(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task Yellow_reminder_reaches_the_smtp_sink_addressed_to_the_reviewer_with_a_bilingual_body()
    {
        await using var sink = new SmtpSink();
        var time = new SettableTime(SettableTime.Local(2026, 3, 6));
        var host = await SlaHost.StartAsync(
            fixture,
            time,
            s =>
                s.PostConfigure<NotificationOptions>(o =>
                {
                    o.Smtp.Host = "127.0.0.1";
                    o.Smtp.Port = sink.Port;
                    o.Smtp.From = "workflows@example.gov.cn";
                })
        );
        var key = Processes.NewKey("mail");
        await (await host.As("designer")).DeployOkAsync(SlaProcesses.TaskWithSla(key, "2WD"));
        var id = await (await host.As("admin")).StartAsync(key, businessKey: "WP-2026-0001");

        time.Now = SettableTime.Local(2026, 3, 9, 17, 31);
        await SlaHost.FireDueAsync(host, time);

        await ApiCalls.EventuallyAsync(
            () => Task.FromResult(sink.Messages.Count),
            n => n >= 2,
            "two emails (clerk.kjj, chief.kjj) reaching the sink",
            seconds: 60
        );
        var (recipients, data) = sink.Messages.Single(m =>
            m.Recipients.Contains("clerk.kjj@example.gov.cn")
        );
        Assert.Equal(["clerk.kjj@example.gov.cn"], recipients);
        var message = MimeMessage.Load(new MemoryStream(data));
        Assert.Contains("黄牌预警", message.Subject);
        Assert.Contains("[Warning]", message.Subject);
        Assert.Contains("WP-2026-0001", message.TextBody);
        Assert.Contains("到期", message.TextBody);
        Assert.Contains("is due at 2026-03-10 17:30", message.TextBody);
        Assert.Contains("<p>", message.HtmlBody);
        var rows = await ApiCalls.EventuallyAsync(
            () =>
                host.QueryAsync(db =>
                    db.Notifications.AsNoTracking()
                        .Where(n => n.InstanceId == id && n.Channel == "email")
                        .ToListAsync()
                ),
            r => r.Count == 2 && r.All(n => n.Status == "delivered"),
            "email rows marked delivered"
        );
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
    }

    private static async Task<ServerHost> WebhookHostAsync(
        SqliteFixture fixture,
        WebhookSink sink
    ) =>
        await fixture.StartAsync(
            new HostOptions(Services: s =>
                s.PostConfigure<NotificationOptions>(o =>
                {
                    o.Webhooks =
                    [
                        new WebhookOptions
                        {
                            Name = "ops",
                            Url = sink.Url,
                            Secret = sink.Secret,
                        },
                    ];
                    o.MaxAttempts = 3;
                    o.RetryBaseDelay = TimeSpan.FromMilliseconds(100);
                })
            )
        );

    private static async Task<string> NotifyAsync(ServerHost host)
    {
        var key = $"test:{Guid.NewGuid():N}";
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        await scope
            .ServiceProvider.GetRequiredService<INotifier>()
            .NotifyAsync(
                db,
                new NotificationMessage(
                    ["clerk.kjj"],
                    "test.notice",
                    "测试 / Test",
                    "正文 / Body",
                    key
                )
            );
        await db.SaveChangesAsync();
        return $"{key}:ops:webhook";
    }

    [Fact]
    public async Task Webhook_failing_twice_is_retried_with_backoff_and_delivered_signed()
    {
        await using var sink = new WebhookSink("s3cret", failures: 2);
        var host = await WebhookHostAsync(fixture, sink);
        var dedup = await NotifyAsync(host);

        var row = await ApiCalls.EventuallyAsync(
            () =>
                host.QueryAsync(db =>
                    db.Notifications.AsNoTracking().SingleAsync(n => n.DedupKey == dedup)
                ),
            n => n.Status == "delivered",
            "the webhook row being delivered",
            seconds: 60
        );
        Assert.Equal(3, row.Attempts);
        Assert.Equal(3, sink.Calls);
        Assert.Equal(0, sink.BadSignatures);
        Assert.Contains("\"kind\":\"test.notice\"", sink.LastBody);
        var inApp = await host.QueryAsync(db =>
            db.Notifications.AsNoTracking()
                .SingleAsync(n =>
                    n.DedupKey.StartsWith(dedup.Replace(":ops:webhook", "")) && n.Channel == "inapp"
                )
        );
        Assert.Equal("clerk.kjj", inApp.Recipient);
    }

    [Fact]
    public async Task Webhook_that_always_fails_is_dead_lettered_after_max_attempts()
    {
        await using var sink = new WebhookSink("s3cret", failures: -1);
        var host = await WebhookHostAsync(fixture, sink);
        var dedup = await NotifyAsync(host);

        var row = await ApiCalls.EventuallyAsync(
            () =>
                host.QueryAsync(db =>
                    db.Notifications.AsNoTracking().SingleAsync(n => n.DedupKey == dedup)
                ),
            n => n.Status == "dead",
            "the webhook row being dead-lettered",
            seconds: 60
        );
        Assert.Equal(3, row.Attempts);
        Assert.Contains("500", row.LastError);
        // No further attempt after the dead letter.
        await Task.Delay(1500);
        Assert.Equal(3, sink.Calls);
    }

    [Fact]
    public async Task In_app_notifications_are_listed_counted_and_marked_read_for_their_recipient_only()
    {
        var host = await fixture.StartAsync();
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();
            await notifier.NotifyAsync(
                db,
                new NotificationMessage(
                    ["clerk.zfj"],
                    "test.one",
                    "一 / One",
                    "1",
                    $"t:{Guid.NewGuid():N}"
                )
            );
            await notifier.NotifyAsync(
                db,
                new NotificationMessage(
                    ["clerk.zfj"],
                    "test.two",
                    "二 / Two",
                    "2",
                    $"t:{Guid.NewGuid():N}"
                )
            );
            await db.SaveChangesAsync();
        }
        var clerk = await host.As("clerk.zfj");
        var other = await host.As("clerk.jyj");
        Assert.Equal(
            2,
            (await clerk.GetObjectAsync("/api/notifications/unread-count"))[
                "count"
            ]!.GetValue<int>()
        );
        Assert.Equal(
            0,
            (await other.GetObjectAsync("/api/notifications?unread=true"))["total"]!.GetValue<int>()
        );
        var items = (await clerk.GetObjectAsync("/api/notifications?unread=true"))[
            "items"
        ]!.AsArray();
        var first = items.Single(i => (string?)i!["kind"] == "test.one")!["id"]!.GetValue<long>();
        await ApiCalls.Expect(
            await other.PostAsync($"/api/notifications/{first}/read", null),
            HttpStatusCode.NotFound
        );
        await ApiCalls.Expect(
            await clerk.PostAsync($"/api/notifications/{first}/read", null),
            HttpStatusCode.NoContent
        );
        Assert.Equal(
            1,
            (await clerk.GetObjectAsync("/api/notifications/unread-count"))[
                "count"
            ]!.GetValue<int>()
        );
        await ApiCalls.Expect(
            await clerk.PostAsync("/api/notifications/read-all", null),
            HttpStatusCode.OK
        );
        Assert.Equal(
            0,
            (await clerk.GetObjectAsync("/api/notifications/unread-count"))[
                "count"
            ]!.GetValue<int>()
        );
        Assert.Equal(
            2,
            (await clerk.GetObjectAsync("/api/notifications"))["total"]!.GetValue<int>()
        );
    }
}
