// The bilingual texts of SLA reminders and escalations.
using System.Globalization;
using Workflows.Data.Entities;
using Workflows.Engine.Calendar;

namespace Workflows.Server.Application.Sla;

/// <summary>Subjects and bodies (Chinese / English) of SLA notices.</summary>
public static class SlaMessages
{
    /// <summary>The subject and body for a notice of <paramref name="kind"/> (<c>sla.yellow</c>, <c>sla.red</c>, <c>sla.remind</c>, <c>sla.escalation</c>, <c>sla.reassigned</c>).</summary>
    public static (string Subject, string Body) For(
        string kind,
        SlaClockEntity clock,
        TaskEntity? task,
        InstanceEntity? instance,
        WorkingCalendar calendar,
        int n = 0
    )
    {
        var caseName = instance?.BusinessKey ?? clock.InstanceId.ToString("N")[..8];
        var stepZh =
            clock.Kind == SlaTracker.CaseKind
                ? "整体办理时限"
                : task?.Name ?? clock.ElementId ?? "";
        var stepEn =
            clock.Kind == SlaTracker.CaseKind
                ? "the whole case"
                : task?.NameEn ?? task?.Name ?? clock.ElementId ?? "";
        var due = clock.DueAt is { } d
            ? calendar.ToOffice(d).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : "?";
        var provisionalZh = clock.Provisional ? "（按暂定日历计算）" : "";
        var provisionalEn = clock.Provisional ? " (provisional calendar)" : "";
        var who = task?.Assignee is { } a ? a : task?.CandidateGroups ?? "";
        return kind switch
        {
            SlaTimerKinds.Yellow => (
                $"【黄牌预警】{caseName} {stepZh} 即将到期 / [Warning] {stepEn} of case {caseName} is due soon",
                $"案件 {caseName}（{clock.DefinitionKey}）的「{stepZh}」将于 {due} 到期{provisionalZh}，请尽快办理。\n"
                    + $"Case {caseName} ({clock.DefinitionKey}): \"{stepEn}\" is due at {due}{provisionalEn}. Please act soon."
            ),
            SlaTimerKinds.Red => (
                $"【红牌督办】{caseName} {stepZh} 已超期 / [Overdue] {stepEn} of case {caseName} is overdue",
                $"案件 {caseName}（{clock.DefinitionKey}）的「{stepZh}」已于 {due} 超过承诺时限{provisionalZh}，请立即办理。\n"
                    + $"Case {caseName} ({clock.DefinitionKey}): \"{stepEn}\" passed its committed limit at {due}{provisionalEn}. Please act now."
            ),
            "sla.escalation" => (
                $"【超期督办】{caseName} {stepZh} 已超期，承办：{who} / [Escalation] {stepEn} of case {caseName} is overdue ({who})",
                $"您科室的案件 {caseName}（{clock.DefinitionKey}）「{stepZh}」已于 {due} 超期，承办人：{who}。已生成电子监察记录。\n"
                    + $"Case {caseName} ({clock.DefinitionKey}) in your section: \"{stepEn}\" became overdue at {due}; responsible: {who}. A supervision record was opened."
            ),
            "sla.reassigned" => (
                $"【超期转办】{caseName} {stepZh} 已转交您办理 / [Escalated to you] {stepEn} of case {caseName} is overdue",
                $"案件 {caseName}（{clock.DefinitionKey}）的「{stepZh}」已于 {due} 超期，按流程规定转交{(task?.Assignee is null ? "您所在的组" : "您")}办理，请立即处理。\n"
                    + $"Case {caseName} ({clock.DefinitionKey}): \"{stepEn}\" became overdue at {due} and was escalated to {(task?.Assignee is null ? "your group" : "you")} as the procedure defines. Please act now."
            ),
            _ => (
                $"【催办 第{n}次】{caseName} {stepZh} / [Reminder #{n}] {stepEn} of case {caseName}",
                $"案件 {caseName}（{clock.DefinitionKey}）的「{stepZh}」到期时间 {due}{provisionalZh}，当前为{(clock.Level == "red" ? "红牌（已超期）" : "黄牌（即将到期）")}。\n"
                    + $"Case {caseName} ({clock.DefinitionKey}): \"{stepEn}\" is due at {due}{provisionalEn}; it is {(clock.Level == "red" ? "red (overdue)" : "yellow (due soon)")}."
            ),
        };
    }
}
