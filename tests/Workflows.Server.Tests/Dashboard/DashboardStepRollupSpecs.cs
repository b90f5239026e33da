// GET /api/dashboard/aggregates reads the slowest steps and the closed-case histogram from the SlaStepDays and SlaCaseDays
// rollups for whole office days and from the clocks for the partial days at the period's ends: for any period the charts
// must equal what the clocks of the period give.
using System.Globalization;
using System.Text.Json.Nodes;
using Workflows.Data.Entities;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Dashboard;

/// <summary>The slowest-steps chart over the rollup, through the real host (SQLite) and its HTTP API.</summary>
public sealed class DashboardStepRollupSpecs(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    // Office days are UTC+8: 16:00 UTC starts a day. Clocks sit on both sides of two day boundaries.
    private static readonly DateTimeOffset Day1 = new(2026, 3, 1, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Slowest_steps_and_closed_cases_equal_the_clocks_of_aligned_and_unaligned_periods()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var key = "rollup-" + Guid.NewGuid().ToString("N")[..8];
        var starts = new[] { -7, -1, 0, 1, 5, 11, 23, 24, 25, 30, 47, 48 }
            .Select(h => Day1.AddHours(h))
            .ToList();
        var clocks = starts
            .Select(
                (start, i) =>
                    Stopped(
                        key,
                        i % 3 == 0 ? "Task_Slow" : "Task_Fast",
                        start,
                        used: i % 3 == 0 ? 4 + i % 2 : i % 2
                    )
            )
            .ToList();
        clocks.Add(Running(key, "Task_Slow", Day1.AddHours(2))); // open clocks are not in the charts
        clocks.AddRange(
            starts.Select((start, i) => StoppedCase(key, start.AddMinutes(10), used: 2 + i % 5))
        );
        await host.QueryAsync(async db =>
        {
            db.SlaClocks.AddRange(clocks);
            return await db.SaveChangesAsync();
        });
        var manager = await host.As("supervisor");

        var periods = new (DateTimeOffset? From, DateTimeOffset? To)[]
        {
            (null, null),
            (Day1, Day1.AddDays(2)),
            (Day1.AddHours(-3), Day1.AddHours(30)),
            (Day1.AddHours(0.5), Day1.AddHours(24.5)),
            (Day1.AddHours(1), Day1.AddHours(5)),
            (null, Day1.AddHours(24)),
            (Day1.AddHours(23.5), null),
            (Day1.AddHours(6), Day1.AddHours(6)),
        };
        foreach (var (from, to) in periods)
        {
            var inPeriod = clocks
                .Where(c =>
                    c.Status == "stopped"
                    && (from is null || c.StartedAt >= from)
                    && (to is null || c.StartedAt < to)
                )
                .ToList();
            var expected = inPeriod
                .Where(c => c.Kind == "task")
                .GroupBy(c => c.ElementId!)
                .Select(g =>
                    (
                        Element: g.Key,
                        Average: Math.Round(g.Average(c => c.WorkingDaysUsed!.Value), 2),
                        Count: g.Count()
                    )
                )
                .OrderBy(s => s.Element, StringComparer.Ordinal)
                .ToList();
            var query =
                $"/api/dashboard/aggregates?procedure={key}"
                + (
                    from is { } f
                        ? "&from="
                            + Uri.EscapeDataString(f.ToString("O", CultureInfo.InvariantCulture))
                        : ""
                )
                + (
                    to is { } t
                        ? "&to="
                            + Uri.EscapeDataString(t.ToString("O", CultureInfo.InvariantCulture))
                        : ""
                );
            var answer = await manager.GetObjectAsync(query);
            var actual = answer["slowestSteps"]!
                .AsArray()
                .Select(s =>
                    (
                        Element: (string)s!["elementId"]!,
                        Average: (double)s["averageDays"]!,
                        Count: (int)s["count"]!
                    )
                )
                .OrderBy(s => s.Element, StringComparer.Ordinal)
                .ToList();
            Assert.True(
                expected.SequenceEqual(actual),
                $"period {from:O} .. {to:O}: expected {string.Join(", ", expected)}, got {string.Join(", ", actual)}"
            );

            // The closed-case chart: on time, late and the nearest-rank median and p90 of working days used.
            var cases = inPeriod
                .Where(c => c.Kind == "case")
                .Select(c => (Used: c.WorkingDaysUsed!.Value, Late: c.FinishedLate == true))
                .OrderBy(c => c.Used)
                .ToList();
            var procedure = answer["byProcedure"]!
                .AsArray()
                .SingleOrDefault(p => (string?)p!["key"] == key);
            if (cases.Count == 0)
            {
                Assert.Null(procedure);
                continue;
            }
            Assert.NotNull(procedure);
            Assert.Equal(cases.Count(c => !c.Late), (int)procedure["onTime"]!);
            Assert.Equal(cases.Count(c => c.Late), (int)procedure["late"]!);
            Assert.Equal(
                cases[(int)Math.Ceiling(cases.Count * 0.5) - 1].Used,
                (double)procedure["median"]!
            );
            Assert.Equal(
                cases[(int)Math.Ceiling(cases.Count * 0.9) - 1].Used,
                (double)procedure["p90"]!
            );
        }
    }

    private static SlaClockEntity Stopped(
        string key,
        string element,
        DateTimeOffset started,
        int used
    )
    {
        var clock = Running(key, element, started);
        clock.Status = "stopped";
        clock.StoppedAt = started.AddDays(used + 1);
        clock.WorkingDaysUsed = used;
        clock.FinishedLate = used > 3;
        return clock;
    }

    private static SlaClockEntity StoppedCase(string key, DateTimeOffset started, int used) =>
        new()
        {
            Id = Guid.NewGuid(),
            InstanceId = Guid.NewGuid(),
            Kind = "case",
            DefinitionKey = key,
            Limit = "5WD",
            Status = "stopped",
            Level = used > 5 ? "red" : "green",
            StartedAt = started,
            DueAt = started.AddDays(7),
            StoppedAt = started.AddDays(used + 1),
            WorkingDaysUsed = used,
            FinishedLate = used > 5,
        };

    private static SlaClockEntity Running(string key, string element, DateTimeOffset started) =>
        new()
        {
            Id = Guid.NewGuid(),
            InstanceId = Guid.NewGuid(),
            TaskId = "t-" + Guid.NewGuid().ToString("N")[..10],
            Kind = "task",
            DefinitionKey = key,
            ElementId = element,
            Bureau = "kjj",
            Limit = "3WD",
            Status = "running",
            Level = "green",
            StartedAt = started,
            DueAt = started.AddDays(4),
            WorkingDaysUsed = 0,
        };
}
