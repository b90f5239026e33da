// wf:escalation on user tasks: the model-defined escalation path applied when the task's clock turns red.
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;

namespace Workflows.Engine.Tests.Parsing;

public class EscalationParsingTests
{
    private static string TaskWith(string attributes) =>
        Bpmn.Process(
            Bpmn.Chain(
                $"<bpmn:userTask id=\"review\" camunda:candidateGroups=\"bureau:kjj/reviewer\" wf:slaLimit=\"5WD\" {attributes}/>"
            )
        );

    [Theory]
    [InlineData("wf:escalation=\"notify\"", SlaEscalationMode.Notify, null)]
    [InlineData("wf:escalation=\"assign:chief\"", SlaEscalationMode.AssignChief, null)]
    [InlineData("wf:escalation=\"ASSIGN:Chief\"", SlaEscalationMode.AssignChief, null)]
    [InlineData("wf:escalation=\"assign:chief.kjj\"", SlaEscalationMode.AssignUser, "chief.kjj")]
    [InlineData(
        "wf:escalation=\" group:bureau:kjj/chief \"",
        SlaEscalationMode.Group,
        "bureau:kjj/chief"
    )]
    public void User_task_reads_its_escalation_path(
        string attributes,
        SlaEscalationMode mode,
        string? target
    )
    {
        var task = Bpmn.Valid(TaskWith(attributes)).Node<UserTask>("review");

        Assert.Equal(new SlaEscalation(mode, target), task.Sla!.Escalation);
    }

    [Fact]
    public void Without_the_attribute_a_task_clock_only_notifies()
    {
        var task = Bpmn.Valid(TaskWith("")).Node<UserTask>("review");

        Assert.Equal(SlaEscalationMode.Notify, task.Sla!.Escalation.Mode);
        Assert.Null(task.Sla.Escalation.Target);
        Assert.Equal("notify", task.Sla.Escalation.ToString());
    }

    [Theory]
    [InlineData("reassign")]
    [InlineData("assign:")]
    [InlineData("group:")]
    [InlineData("assign:chief.kjj,chief.rsj")]
    [InlineData("escalate:bureau:kjj/chief")]
    public void Unknown_values_are_an_error_naming_the_task_and_its_line(string value)
    {
        var xml = TaskWith($"wf:escalation=\"{value}\"");
        var result = Bpmn.Parse(xml);

        Bpmn.HasError(
            result,
            "review",
            $"wf:escalation '{value}' is not one of notify, assign:chief"
        );
        var line =
            xml.Split('\n')
                .ToList()
                .FindIndex(l => l.Contains("id=\"review\"", StringComparison.Ordinal)) + 1;
        Assert.Equal(line, result.Errors.First(e => e.ElementId == "review").Line);
    }

    [Fact]
    public void An_escalation_without_a_task_clock_is_an_error()
    {
        var result = Bpmn.Parse(
            Bpmn.Process(
                Bpmn.Chain(
                    "<bpmn:userTask id=\"review\" camunda:candidateGroups=\"bureau:kjj/reviewer\" wf:escalation=\"assign:chief\"/>"
                )
            )
        );

        Bpmn.HasError(result, "review", "wf:slaLimit is missing");
    }

    [Fact]
    public void Reassigning_on_the_case_clock_is_refused()
    {
        var result = Bpmn.Parse(TaskWith("wf:slaClock=\"case\" wf:escalation=\"assign:chief\""));

        Bpmn.HasError(result, "review", "needs the task's own clock");
    }

    [Fact]
    public void An_escalation_on_a_service_task_is_an_error()
    {
        var result = Bpmn.Parse(
            Bpmn.Process(
                Bpmn.Chain(
                    "<bpmn:serviceTask id=\"svc\" camunda:type=\"archive\" wf:escalation=\"assign:chief\"/>"
                )
            )
        );

        Bpmn.HasError(result, "svc", "only supported on user tasks");
    }

    [Fact]
    public void An_escalation_group_missing_from_the_directory_is_rejected_like_a_candidate_group()
    {
        var options = new ParseOptions
        {
            KnownGroups = new HashSet<string> { "bureau:kjj/reviewer", "bureau:kjj/chief" },
        };

        Bpmn.Valid(TaskWith("wf:escalation=\"group:bureau:kjj/chief\""), options);
        var result = Bpmn.Parse(TaskWith("wf:escalation=\"group:bureau:kjj/boss\""), options);

        Bpmn.HasError(result, "review", "escalates to group 'bureau:kjj/boss'");
        // Without directory knowledge (the engine alone) the group is not checked.
        Bpmn.Valid(TaskWith("wf:escalation=\"group:bureau:kjj/boss\""));
    }
}
