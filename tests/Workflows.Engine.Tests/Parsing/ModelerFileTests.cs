// A file as Camunda Modeler saves it (collaboration, lanes, annotations, diagram) parses cleanly, and its damaged variants never throw.
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;

namespace Workflows.Engine.Tests.Parsing;

public class ModelerFileTests
{
    private static readonly string Sample = File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Parsing", "Samples", "work-permit.bpmn")
    );

    [Fact]
    public void Camunda_modeler_file_with_collaboration_lanes_and_diagram_is_valid()
    {
        var def = Bpmn.Valid(Sample);

        Assert.Equal("work-permit", def.Key);
        Assert.Equal("Foreign work permit", def.Name.En);
        Assert.Equal("7WD", def.CaseSla!.Limit);
        Assert.Equal("work-permit", def.Properties["materials"]);
        Assert.Equal(9, def.Nodes.Count);
        Assert.Equal(8, def.Flows.Count);
        Assert.Equal(CaseClockAction.Pause, def.Node("Task_supplement").CaseClock);
        Assert.Equal(
            "materials-supplemented",
            def.Node<ReceiveTask>("Task_supplement").Message.MessageName
        );
        Assert.Equal(
            "${businessKey}",
            def.Node<ReceiveTask>("Task_supplement").Message.CorrelationKey
        );
        Assert.Equal(
            new TimerDefinition(null, null, "R2/P1D"),
            def.Node<BoundaryEvent>("Event_remind").Trigger
        );
        Assert.Equal(["Event_remind"], def.Node<UserTask>("Task_review").BoundaryEventIds);
        Assert.Equal(28, def.Node("Task_accept").Line);
    }

    [Fact]
    public void Every_truncation_of_the_modeler_file_is_reported_without_throwing()
    {
        for (var length = 0; length < Sample.Length; length += 97)
        {
            var result = BpmnParser.Parse(Sample[..length]);

            Assert.False(result.IsValid, $"a file cut at {length} characters was accepted");
            Assert.NotEmpty(result.Errors);
        }
    }

    [Fact]
    public void Host_knowledge_rejects_unknown_handlers_forms_and_groups()
    {
        var options = new ParseOptions
        {
            KnownHandlers = new HashSet<string> { "mail" },
            KnownForms = new HashSet<string> { "review" },
            KnownGroups = new HashSet<string> { "bureau:kjj/window" },
        };

        var result = BpmnParser.Parse(Sample, options);

        Bpmn.HasError(result, "Task_remind", "handler 'notify'");
        Bpmn.HasError(result, "Task_accept", "form 'accept'");
        Bpmn.HasError(result, "Task_review", "candidate group 'bureau:kjj/reviewer'");
        Assert.DoesNotContain(
            result.Errors,
            e => e.Message.Contains("bureau:kjj/window", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        var result = BpmnParser.Parse(Sample, new ParseOptions { MaxCharacters = 1000 });

        Bpmn.HasError(result, null, "the limit is 1000");
        Assert.Single(result.Errors);
    }

    [Fact]
    public void A_host_syntax_checker_replaces_the_built_in_one()
    {
        var seen = new List<(string Code, bool IsScript)>();
        var options = new ParseOptions
        {
            SyntaxChecker = (code, isScript) =>
            {
                seen.Add((code, isScript));
                return "rejected by host";
            },
        };

        var result = BpmnParser.Parse(Sample, options);

        Assert.Contains(("${materialsMissing == true}", false), seen);
        Bpmn.HasError(result, "Flow_missing", "rejected by host");
    }
}
