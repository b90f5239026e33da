// GET /api/sla/summary is a public contract: its fields, its numbers and its scoping by role must not change when the
// way it is computed does. These specs pin it on a set of clocks that differ in bureau, procedure, kind, status (running,
// paused, stopped), level, lateness, working days used (or none) and limit (whole working days or not), for several
// periods (aligned to office days or not, open-ended, empty), kinds and roles. The expectation is computed from every
// clock in the database by the endpoint's original in-memory rules (Expected below), and a few figures are pinned by hand.
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Engine.Calendar;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Dashboard;

/// <summary>The SLA summary through the real host and its HTTP API, run per provider by the derived classes.</summary>
public abstract class SlaSummarySpecs(HostFixture fixture)
{
    // Office days are UTC+8: 16:00 UTC starts a day.
    private static readonly DateTimeOffset Day1 = new(2026, 3, 1, 16, 0, 0, TimeSpan.Zero);

    // The bureau of each demo user whose scope is their own bureau (workflows/directory.json).
    private static readonly Dictionary<string, string?> OwnBureau = new(StringComparer.Ordinal)
    {
        ["manager"] = null,
        ["supervisor"] = null,
        ["chief.kjj"] = "kjj",
        ["clerk.crj"] = "crj",
        ["clerk.rsj"] = "rsj",
    };

    private static readonly string[] Fields =
    [
        "key",
        "open",
        "yellow",
        "red",
        "closedOnTime",
        "closedLate",
        "averageWorkingDaysUsed",
        "p90WorkingDaysUsed",
        "averageLimitWorkingDays",
        "averageWorkingDaysSaved",
    ];

    [ProviderFact]
    public async Task Summary_counts_and_averages_equal_the_clocks_of_the_period_in_the_callers_scope()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var a = "sum-a-" + Guid.NewGuid().ToString("N")[..6];
        var b = "sum-b-" + Guid.NewGuid().ToString("N")[..6];
        await host.QueryAsync(async db =>
        {
            db.SlaClocks.AddRange(
                Step(a, "kjj", "running", "green", 1),
                Step(a, "kjj", "running", "yellow", 2),
                Step(a, "kjj", "paused", "red", 3),
                Step(a, "kjj", "stopped", "green", 4, used: 2, late: false),
                Step(a, "kjj", "stopped", "red", 26, used: 5, late: true),
                Step(b, "crj", "stopped", "green", -5, used: 1, late: false, limit: "5WD"),
                Step(b, "crj", "running", "red", 30),
                Step(b, "crj", "stopped", "green", 10, used: null, late: null, limit: "5WD"),
                Step(b, "rsj", "stopped", "yellow", 12, used: 4, late: false, limit: "PT4H"),
                Step(a, "rsj", "paused", "yellow", 50),
                Case(a, "stopped", "red", 0.5, used: 7, late: true, limit: "5WD"),
                Case(a, "running", "green", 20),
                Case(b, "stopped", "green", -30, used: 3, late: false, limit: "10WD"),
                Step(b, "", "stopped", "red", 47.9, used: 6, late: true),
                Step(a, "kjj", "stopped", "green", 100, used: 3, late: false),
                Step(b, "crj", "stopped", "green", 6, used: 2, late: null, limit: "5WD")
            );
            return await db.SaveChangesAsync();
        });
        var clocks = await host.QueryAsync(db => db.SlaClocks.AsNoTracking().ToListAsync());

        var periods = new (DateTimeOffset? From, DateTimeOffset? To)[]
        {
            (null, null),
            (Day1, Day1.AddDays(2)),
            (Day1.AddHours(0.75), Day1.AddHours(26.5)),
            (Day1.AddHours(60), Day1.AddHours(61)),
            (null, Day1),
            (Day1.AddHours(11), null),
        };
        foreach (var (user, bureau) in OwnBureau)
        {
            var client = await host.As(user);
            foreach (var (from, to) in periods)
            {
                foreach (var kind in new[] { null, "task", "case" })
                {
                    var query =
                        "/api/sla/summary?"
                        + string.Join(
                            "&",
                            new[] { ("from", from), ("to", to) }
                                .Where(p => p.Item2.HasValue)
                                .Select(p =>
                                    p.Item1
                                    + "="
                                    + Uri.EscapeDataString(
                                        p.Item2!.Value.ToString("O", CultureInfo.InvariantCulture)
                                    )
                                )
                                .Concat(
                                    kind is null ? Array.Empty<string>() : new[] { "kind=" + kind }
                                )
                        );
                    var answer = await client.GetObjectAsync(query);
                    var where = $"{user} {query}";
                    Assert.Equal(
                        from,
                        answer["from"] is { } f ? f.GetValue<DateTimeOffset>() : null
                    );
                    Assert.Equal(to, answer["to"] is { } t ? t.GetValue<DateTimeOffset>() : null);
                    var rows = clocks
                        .Where(c =>
                            (bureau is null || c.Bureau == bureau)
                            && (from is null || c.StartedAt >= from)
                            && (to is null || c.StartedAt < to)
                            && (kind is null || c.Kind == kind)
                        )
                        .ToList();
                    var (expected, actual) = (
                        Expected("total", rows),
                        Actual(answer["total"]!.AsObject())
                    );
                    Assert.True(
                        expected == actual,
                        $"{where} total: expected {expected}, got {actual}"
                    );
                    AssertGroups(
                        rows.GroupBy(r => r.Bureau ?? ""),
                        answer["byBureau"]!.AsArray(),
                        where + " byBureau"
                    );
                    AssertGroups(
                        rows.GroupBy(r => r.DefinitionKey),
                        answer["byProcedure"]!.AsArray(),
                        where + " byProcedure"
                    );
                }
            }
        }

        // Pinned by hand: everything (manager, no period).
        var all = await (await host.As("manager")).GetObjectAsync("/api/sla/summary");
        Assert.Equal(Fields, all["total"]!.AsObject().Select(p => p.Key));
        Assert.Equal("total|6|2|2|7|3|3.67|7|4.62|1", Actual(all["total"]!.AsObject()));
        Assert.Equal(
            new[] { "", "crj", "kjj", "rsj" },
            all["byBureau"]!.AsArray().Select(g => (string)g!["key"]!)
        );
        Assert.Equal(new[] { a, b }, all["byProcedure"]!.AsArray().Select(g => (string)g!["key"]!));
        // The chief of kjj sees kjj's clocks only: 3 open (1 yellow, 1 red), 2 on time, 1 late, used 2, 5, 3 against 3WD.
        var kjj = await (await host.As("chief.kjj")).GetObjectAsync("/api/sla/summary");
        Assert.Equal("total|3|1|1|2|1|3.33|5|3|-0.33", Actual(kjj["total"]!.AsObject()));
        Assert.Equal(new[] { "kjj" }, kjj["byBureau"]!.AsArray().Select(g => (string)g!["key"]!));
        // Applicants have no dashboard.
        var applicant = await host.As("applicant.demo");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await applicant.GetAsync("/api/sla/summary")).StatusCode
        );
    }

    private static void AssertGroups(
        IEnumerable<IGrouping<string, SlaClockEntity>> groups,
        JsonArray answer,
        string where
    )
    {
        var expected = groups
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Expected(g.Key, g.ToList()))
            .ToList();
        var actual = answer.Select(g => Actual(g!.AsObject())).ToList();
        Assert.True(
            expected.SequenceEqual(actual),
            $"{where}: expected {string.Join(", ", expected)}, got {string.Join(", ", actual)}"
        );
    }

    // The endpoint's original rules, over the clocks in memory.
    private static string Expected(string key, IReadOnlyList<SlaClockEntity> rows)
    {
        var open = rows.Where(r => r.Status != "stopped").ToList();
        var closed = rows.Where(r => r.Status == "stopped").ToList();
        var used = closed
            .Where(r => r.WorkingDaysUsed.HasValue)
            .Select(r => r.WorkingDaysUsed!.Value)
            .Order()
            .ToList();
        var withLimit = closed
            .Where(r => r.WorkingDaysUsed.HasValue && WorkingDays.TryParse(r.Limit, out _))
            .Select(r =>
                (Limit: (double)WorkingDays.Parse(r.Limit).Value, Used: r.WorkingDaysUsed!.Value)
            )
            .ToList();
        return Line(
            key,
            open.Count,
            open.Count(r => r.Level == "yellow"),
            open.Count(r => r.Level == "red"),
            closed.Count(r => r.FinishedLate != true),
            closed.Count(r => r.FinishedLate == true),
            used.Count == 0 ? null : Math.Round(used.Average(), 2),
            used.Count == 0 ? null : used[Math.Max(0, (int)Math.Ceiling(used.Count * 0.9) - 1)],
            withLimit.Count == 0 ? null : Math.Round(withLimit.Average(x => x.Limit), 2),
            withLimit.Count == 0 ? null : Math.Round(withLimit.Average(x => x.Limit - x.Used), 2)
        );
    }

    private static string Actual(JsonObject stats) =>
        Line(
            (string)stats["key"]!,
            (int)stats["open"]!,
            (int)stats["yellow"]!,
            (int)stats["red"]!,
            (int)stats["closedOnTime"]!,
            (int)stats["closedLate"]!,
            (double?)stats["averageWorkingDaysUsed"],
            (double?)stats["p90WorkingDaysUsed"],
            (double?)stats["averageLimitWorkingDays"],
            (double?)stats["averageWorkingDaysSaved"]
        );

    private static string Line(string key, params object?[] values) =>
        string.Join(
            "|",
            values
                .Select(v =>
                    v switch
                    {
                        null => "null",
                        double d => d.ToString("R", CultureInfo.InvariantCulture),
                        _ => Convert.ToString(v, CultureInfo.InvariantCulture),
                    }
                )
                .Prepend(key)
        );

    private static SlaClockEntity Step(
        string key,
        string bureau,
        string status,
        string level,
        double hours,
        double? used = null,
        bool? late = null,
        string limit = "3WD"
    ) => Clock("task", key, bureau, status, level, hours, used, late, limit);

    private static SlaClockEntity Case(
        string key,
        string status,
        string level,
        double hours,
        double? used = null,
        bool? late = null,
        string limit = "5WD"
    ) => Clock("case", key, null, status, level, hours, used, late, limit);

    private static SlaClockEntity Clock(
        string kind,
        string key,
        string? bureau,
        string status,
        string level,
        double hours,
        double? used,
        bool? late,
        string limit
    )
    {
        var started = Day1.AddHours(hours);
        var stopped = status == "stopped";
        return new SlaClockEntity
        {
            Id = Guid.NewGuid(),
            InstanceId = Guid.NewGuid(),
            TaskId = kind == "task" ? "t-" + Guid.NewGuid().ToString("N")[..10] : null,
            Kind = kind,
            DefinitionKey = key,
            ElementId = kind == "task" ? "Task_Review" : "StartEvent_1",
            Bureau = bureau,
            Limit = limit,
            Status = status,
            Level = level,
            StartedAt = started,
            DueAt = started.AddDays(5),
            StoppedAt = stopped ? started.AddDays(3) : null,
            FinishedLate = stopped ? late : null,
            WorkingDaysUsed = stopped ? used : 1,
        };
    }
}

/// <summary>On a SQLite file.</summary>
public sealed class SlaSummaryOnSqlite(SqliteFixture fixture)
    : SlaSummarySpecs(fixture),
        IClassFixture<SqliteFixture>;

/// <summary>On PostgreSQL (skipped without WORKFLOWS_TEST_POSTGRES).</summary>
[Postgres]
public sealed class SlaSummaryOnPostgres(PostgresFixture fixture)
    : SlaSummarySpecs(fixture),
        IClassFixture<PostgresFixture>;
