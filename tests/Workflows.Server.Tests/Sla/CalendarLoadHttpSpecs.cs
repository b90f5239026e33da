// Loading a year's official calendar through HTTP (admin): open clocks computed on the provisional year are recomputed,
// their due dates moved by exactly the days the notice changed; a corrected notice moves them again.
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Sla;

/// <summary>PUT /api/calendar/years/{year} and the recompute of open clocks (settable clock), run per provider by the derived classes.</summary>
public abstract class CalendarLoadHttpSpecs(HostFixture fixture)
{
    // Hypothetical 2027 notices (test data). The provisional 2027 has 5–10 February off (Spring Festival eve, the
    // first three days, and two make-up weekdays); the first notice gives 5–13 off with Sunday 14 worked.
    private const string Notice = """
        { "year": 2027, "source": "hypothetical notice for the test",
          "holidays": [ { "name": "春节", "nameEn": "Spring Festival", "from": "2027-02-05", "to": "2027-02-13" } ],
          "workdays": [ { "date": "2027-02-14", "note": "春节调休上班" } ] }
        """;

    private const string Correction = """
        { "year": 2027, "source": "hypothetical corrected notice",
          "holidays": [ { "name": "春节", "nameEn": "Spring Festival", "from": "2027-02-05", "to": "2027-02-10" } ] }
        """;

    private static DateTimeOffset CloseOf(int month, int day) =>
        SettableTime.Local(2027, month, day, 17, 30);

    private static Task<HttpResponseMessage> PutYearAsync(
        HttpClient client,
        int year,
        string json
    ) =>
        client.PutAsync(
            $"/api/calendar/years/{year}",
            new StringContent(json, Encoding.UTF8, "application/json")
        );

    private static async Task<JsonObject> ClockAsync(HttpClient client, Guid id) =>
        (JsonObject)Assert.Single(await client.GetArrayAsync($"/api/instances/{id}/clocks"))!;

    private static DateTimeOffset Due(JsonNode node) => node["dueAt"]!.GetValue<DateTimeOffset>();

    [ProviderFact]
    public async Task Loading_the_2027_notice_moves_a_provisional_due_date_by_the_changed_days_and_a_correction_moves_it_back()
    {
        // Thursday 2027-02-04 + 3WD: provisional 02-11, 02-12, 02-15 → Monday 02-15 (provisional).
        var time = new SettableTime(SettableTime.Local(2027, 2, 4));
        var host = await SlaHost.StartAsync(fixture, time);
        var key = Processes.NewKey("cal");
        await (await host.As("designer")).DeployOkAsync(SlaProcesses.TaskWithSla(key, "3WD"));
        var admin = await host.As("admin");
        var clerk = await host.As("clerk.kjj");
        var id = await admin.StartAsync(key);
        var taskId = await clerk.TaskIdOfAsync(id);
        var before = await ClockAsync(clerk, id);
        Assert.Equal(CloseOf(2, 15), Due(before));
        Assert.True(before["provisional"]!.GetValue<bool>());
        Assert.True(
            (await admin.GetObjectAsync("/api/calendar/years/2027"))[
                "provisional"
            ]!.GetValue<bool>()
        );

        // Only admins load a calendar; a document for another year is refused.
        await ApiCalls.Expect(await PutYearAsync(clerk, 2027, Notice), HttpStatusCode.Forbidden);
        await ApiCalls.Expect(await PutYearAsync(admin, 2028, Notice), HttpStatusCode.BadRequest);
        await ApiCalls.Expect(
            await PutYearAsync(admin, 2027, "{ \"year\": 2027 "),
            HttpStatusCode.BadRequest
        );
        Assert.Equal(CloseOf(2, 15), Due(await ClockAsync(clerk, id)));

        // The notice: 02-11..02-13 are now off and Sunday 02-14 is worked → 02-14, 02-15, 02-16: one day later.
        var loaded = await PutYearAsync(admin, 2027, Notice);
        await ApiCalls.Expect(loaded, HttpStatusCode.OK);
        var answer = (await loaded.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(answer["wasProvisional"]!.GetValue<bool>());
        Assert.Equal(1, answer["recomputed"]!.GetValue<int>());
        var after = await ClockAsync(clerk, id);
        Assert.Equal(CloseOf(2, 16), Due(after));
        Assert.False(after["provisional"]!.GetValue<bool>());
        Assert.Equal(Due(after), Due(await clerk.GetObjectAsync($"/api/tasks/{taskId}")));
        var recomputed = Assert.Single(
            after["events"]!.AsArray(),
            e => (string?)e!["action"] == "sla.recomputed"
        )!;
        Assert.Equal(
            CloseOf(2, 15),
            recomputed["data"]!["before"]!["due"]!.GetValue<DateTimeOffset>()
        );
        Assert.Equal(
            CloseOf(2, 16),
            recomputed["data"]!["after"]!["due"]!.GetValue<DateTimeOffset>()
        );
        var year = await admin.GetObjectAsync("/api/calendar/years/2027");
        Assert.False(year["provisional"]!.GetValue<bool>());
        Assert.Equal("hypothetical notice for the test", (string?)year["source"]);
        Assert.True(File.Exists(Path.Combine(fixture.CatalogPath, "calendars", "cn-2027.json")));

        // The old due moment passes without red: the red row was rescheduled to the new one (yellow at 02-15 close).
        time.Now = CloseOf(2, 15).AddMinutes(1);
        await SlaHost.FireDueAsync(host, time);
        Assert.Equal("yellow", (string?)(await ClockAsync(clerk, id))["level"]);

        // A corrected notice (02-11..02-13 worked again, no adjusted Sunday) moves the due date back by that one day,
        // now in the past: the rescheduled red row fires at once.
        var corrected = await PutYearAsync(admin, 2027, Correction);
        await ApiCalls.Expect(corrected, HttpStatusCode.OK);
        Assert.False(
            (await corrected.Content.ReadFromJsonAsync<JsonObject>())![
                "wasProvisional"
            ]!.GetValue<bool>()
        );
        Assert.Equal(CloseOf(2, 15), Due(await ClockAsync(clerk, id)));
        Assert.Equal(CloseOf(2, 15), Due(await clerk.GetObjectAsync($"/api/tasks/{taskId}")));
        await SlaHost.FireDueAsync(host, time);
        Assert.Equal("red", (string?)(await ClockAsync(clerk, id))["level"]);
    }
}

/// <summary>On a SQLite file.</summary>
public sealed class CalendarLoadHttpOnSqlite(SqliteFixture fixture)
    : CalendarLoadHttpSpecs(fixture),
        IClassFixture<SqliteFixture>;

/// <summary>On PostgreSQL (skipped without WORKFLOWS_TEST_POSTGRES).</summary>
[Postgres]
public sealed class CalendarLoadHttpOnPostgres(PostgresFixture fixture)
    : CalendarLoadHttpSpecs(fixture),
        IClassFixture<PostgresFixture>;
