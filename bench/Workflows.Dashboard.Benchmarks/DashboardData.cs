// The synthetic year of a city's one-stop service: cases of 11 procedures across 11 bureaus, their tasks (staff steps
// and the applicant's rating), step and case SLA clocks, and a supervision record for every breach. Deterministic per case.
using Workflows.Data;

namespace Workflows.Dashboard.Benchmarks;

/// <summary>Generates the rows and hands them to one bulk writer per table.</summary>
public sealed class DashboardData(int cases, double openShare)
{
    /// <summary>The fixed "now" of the data set; history runs a year back from it.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The catalogue's 11 procedure keys with their committed limits in working days.</summary>
    public static readonly (string Key, int Limit)[] Procedures =
    [
        ("medical-green-channel", 3),
        ("permanent-residence-recommendation", 30),
        ("residence-permit", 7),
        ("returnee-settlement", 35),
        ("school-place", 10),
        ("startup-registration", 3),
        ("talent-apartment", 30),
        ("talent-classification", 15),
        ("talent-confirmation-letter", 5),
        ("work-permit", 10),
        ("work-residence-bundle", 7),
    ];

    /// <summary>The directory's 11 bureau codes; the front desk (window) takes every first step.</summary>
    public static readonly string[] Bureaus =
    [
        "window",
        "kjj",
        "crj",
        "rsj",
        "zfj",
        "jyj",
        "wjw",
        "scjgj",
        "hj",
        "rcfw",
        "dzjc",
    ];

    /// <summary>Column lists of the tables written, in the order <see cref="WriteAsync"/> passes the values.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<
        string,
        string[]
    >
    {
        ["Instances"] =
        [
            "Id",
            "DefinitionId",
            "DefinitionKey",
            "DefinitionVersion",
            "BusinessKey",
            "Status",
            "StateJson",
            "Version",
            "StartedBy",
            "CreatedAt",
            "UpdatedAt",
            "EndedAt",
            "ApplicantName",
        ],
        ["Tasks"] =
        [
            "Id",
            "InstanceId",
            "ElementId",
            "Name",
            "NameEn",
            "DefinitionKey",
            "BusinessKey",
            "Status",
            "Assignee",
            "Priority",
            "FormKey",
            "DueAt",
            "CreatedAt",
            "CompletedAt",
            "CompletedBy",
            "CandidateGroups",
            "Version",
            "LocalVariablesJson",
            "ApplicantName",
            "Bureau",
            "SlaLevel",
        ],
        ["SlaClocks"] =
        [
            "Id",
            "InstanceId",
            "TaskId",
            "Kind",
            "DefinitionKey",
            "ElementId",
            "Bureau",
            "Limit",
            "StatutoryLimit",
            "Warning",
            "ClockJson",
            "Status",
            "Level",
            "StartedAt",
            "DueAt",
            "WarningAt",
            "StoppedAt",
            "Provisional",
            "FinishedLate",
            "WorkingDaysUsed",
            "Version",
        ],
        ["SupervisionRecords"] =
        [
            "Id",
            "ClockId",
            "InstanceId",
            "TaskId",
            "DefinitionKey",
            "ElementId",
            "Bureau",
            "Responsible",
            "DueAt",
            "BreachedAt",
            "Status",
            "ClosedAt",
            "ClosedBy",
            "Note",
            "BreachedDay",
        ],
    };

    /// <summary>The id of procedure <paramref name="p"/>'s single definition version.</summary>
    public static Guid DefinitionId(int p) => new(p + 1, 0, 0, new byte[8]);

    /// <summary>Rows written so far per table.</summary>
    public Dictionary<string, long> Counts { get; } = Columns.Keys.ToDictionary(k => k, _ => 0L);

    /// <summary>Writes every case through the four writers (keyed by table name).</summary>
    public async Task WriteAsync(IReadOnlyDictionary<string, IBulkTable> tables)
    {
        var span = TimeSpan.FromDays(365);
        for (var c = 0; c < cases; c++)
            await CaseAsync(c, Now - span + span * ((double)c / cases), tables);
    }

    private async Task CaseAsync(
        int c,
        DateTimeOffset start,
        IReadOnlyDictionary<string, IBulkTable> t
    )
    {
        var r = new Random(c);
        var p = c % Procedures.Length;
        var (key, limit) = Procedures[p];
        var open = c >= cases * (1 - openShare);
        var instance = new Guid(c, 1, 0, new byte[8]);
        var businessKey = $"SW{c:D9}";
        var applicant = $"applicant{c % 5000}";
        var applicantName = $"Name{(c * 31L) % 100_000:D5} Surname";
        var staffSteps = 3 + r.Next(5); // 3..7 staff steps, then the applicant's rating: 4..8 tasks, about 6 on average
        var created = open ? 1 + r.Next(staffSteps) : staffSteps; // an open case has reached one of its steps
        var at = start.AddMinutes(r.Next(0, 600));
        var caseUsed = 0;
        DateTimeOffset? ended = null;
        for (var j = 0; j < created; j++)
        {
            var current = open && j == created - 1;
            var bureau = j == 0 ? "window" : Bureaus[1 + (p + j) % (Bureaus.Length - 1)];
            var stepLimit = 1 + j % 3;
            var late = r.NextDouble() < 0.06;
            var used = late ? stepLimit + 1 + r.Next(3) : r.Next(0, stepLimit + 1);
            var due = at.AddDays(stepLimit * 1.4);
            var stopped = at.AddDays(used * 1.4 + r.NextDouble() * 0.3);
            var taskId = $"t{c:D9}-{j}";
            var element = $"Task_Step{j}";
            var level =
                current ? Pick(r.NextDouble(), "green", "yellow", "red")
                : late ? "red"
                : used == stepLimit ? "yellow"
                : "green";
            if (current)
            {
                // The open step's clock runs against "now": its due date sits around today, red ones already past it.
                due = Now.AddDays(
                    level switch
                    {
                        "red" => -1 - r.Next(5),
                        "yellow" => 0.5,
                        _ => 1 + r.Next(5),
                    }
                );
                at = due.AddDays(-stepLimit * 1.4);
            }
            await Row(
                t,
                "Tasks",
                taskId,
                instance,
                element,
                $"第{j + 1}步审查",
                $"Review step {j + 1}",
                key,
                businessKey,
                current ? "Open" : "Completed",
                current ? null : $"{bureau}.clerk{r.Next(4)}",
                0,
                "review-opinion",
                due,
                at,
                current ? null : stopped,
                current ? null : $"{bureau}.clerk{r.Next(4)}",
                $"bureau:{bureau}/reviewer",
                1L,
                null,
                applicantName,
                bureau,
                level
            );
            var clock = new Guid(c, 2, (short)j, new byte[8]);
            await Row(
                t,
                "SlaClocks",
                clock,
                instance,
                taskId,
                "task",
                key,
                element,
                bureau,
                $"{stepLimit}WD",
                null,
                "1WD",
                ClockJson(at, stepLimit, current ? null : stopped),
                current ? (r.NextDouble() < 0.05 ? "paused" : "running") : "stopped",
                level,
                at,
                due,
                due.AddDays(-1),
                current ? null : stopped,
                false,
                current ? null : late,
                current ? null : (double)used,
                1L
            );
            if (late || (current && level == "red"))
                await Row(
                    t,
                    "SupervisionRecords",
                    new Guid(c, 4, (short)j, new byte[8]),
                    clock,
                    instance,
                    taskId,
                    key,
                    element,
                    bureau,
                    $"{bureau}.clerk0",
                    due,
                    due,
                    current ? "open" : "closed",
                    current ? null : stopped.AddDays(2),
                    current ? null : "supervisor",
                    current ? null : "Explained by the bureau.",
                    SlaStepRollup.DayOf(due)
                );
            caseUsed += current ? 0 : used;
            if (!current)
                at = stopped;
            ended = stopped;
        }
        var caseDue = start.AddDays(limit * 1.4);
        var caseLate = !open && caseUsed > limit;
        var caseClock = new Guid(c, 3, 0, new byte[8]);
        await Row(
            t,
            "SlaClocks",
            caseClock,
            instance,
            null,
            "case",
            key,
            null,
            null,
            $"{limit}WD",
            $"{limit * 2}WD",
            "80%",
            ClockJson(start, limit, open ? null : ended),
            open ? "running" : "stopped",
            caseLate ? "red" : "green",
            start,
            caseDue,
            caseDue.AddDays(-1),
            open ? null : ended,
            false,
            open ? null : caseLate,
            open ? null : (double)caseUsed,
            1L
        );
        if (caseLate)
            await Row(
                t,
                "SupervisionRecords",
                new Guid(c, 5, 0, new byte[8]),
                caseClock,
                instance,
                null,
                key,
                null,
                null,
                null,
                caseDue,
                caseDue,
                "closed",
                ended!.Value.AddDays(2),
                "supervisor",
                null,
                SlaStepRollup.DayOf(caseDue)
            );
        if (!open)
        {
            // The applicant rated the service (好差评) when the case closed.
            var rating = r.NextDouble() < 0.08 ? 1 + r.Next(2) : 3 + r.Next(3); // about 8 % poor ratings
            await Row(
                t,
                "Tasks",
                $"t{c:D9}-r",
                instance,
                "Task_Rating",
                "服务评价",
                "Rate the service",
                key,
                businessKey,
                "Completed",
                applicant,
                0,
                "rating",
                null,
                ended!.Value,
                ended.Value.AddHours(3),
                applicant,
                "",
                1L,
                $"{{\"rating\":\"{rating}\"}}",
                applicantName,
                null,
                null
            );
        }
        await Row(
            t,
            "Instances",
            instance,
            DefinitionId(p),
            key,
            1,
            businessKey,
            open ? "Running" : "Completed",
            "{}",
            1L,
            applicant,
            start,
            open ? at : ended!.Value.AddHours(3),
            open ? null : ended!.Value.AddHours(3),
            applicantName
        );
    }

    private async Task Row(
        IReadOnlyDictionary<string, IBulkTable> tables,
        string table,
        params object?[] values
    )
    {
        await tables[table].RowAsync(values);
        Counts[table]++;
    }

    private static string Pick(double x, string a, string b, string c) =>
        x < 0.75 ? a
        : x < 0.9 ? b
        : c;

    // A clock state of the size the server stores (limit, warning, start, pauses, stop).
    private static string ClockJson(DateTimeOffset start, int limit, DateTimeOffset? stopped) =>
        $"{{\"limit\":\"{limit}WD\",\"warning\":\"1WD\",\"startedAt\":\"{start:O}\",\"pauses\":[],\"stoppedAt\":{(stopped is { } s ? $"\"{s:O}\"" : "null")},\"calendar\":\"cn\"}}";
}
