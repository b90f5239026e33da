// Specifications of the shipped procedures: they deploy, open in bpmn-js with a full diagram, are bilingual and reference real forms.
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;

namespace Workflows.Server.Tests.Catalog;

/// <summary>Every <c>workflows/*.bpmn</c> file, checked as a deployment and as a diagram.</summary>
public sealed class CatalogueTests
{
    private static readonly XNamespace Bpmn = BpmnNamespaces.Bpmn;
    private static readonly XNamespace Wf = BpmnNamespaces.Workflows;
    private static readonly XNamespace Camunda = BpmnNamespaces.Camunda;
    private static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    private static readonly XNamespace Di = "http://www.omg.org/spec/DD/20100524/DI";

    private static readonly HashSet<string> FlowNodeKinds =
    [
        "startEvent",
        "endEvent",
        "intermediateCatchEvent",
        "boundaryEvent",
        "exclusiveGateway",
        "inclusiveGateway",
        "parallelGateway",
        "eventBasedGateway",
        "userTask",
        "serviceTask",
        "sendTask",
        "scriptTask",
        "receiveTask",
        "subProcess",
        "callActivity",
    ];

    /// <summary>The shipped procedures.</summary>
    public static TheoryData<string> Procedures => CatalogFiles.Procedures();

    [Fact]
    public void Catalogue_ships_the_eleven_overseas_talent_procedures()
    {
        var keys = Directory
            .EnumerateFiles(CatalogFiles.Root, "*.bpmn")
            .Select(Path.GetFileNameWithoutExtension)
            .ToHashSet();

        Assert.Superset(
            new HashSet<string?>
            {
                "work-residence-bundle",
                "work-permit",
                "residence-permit",
                "talent-confirmation-letter",
                "permanent-residence-recommendation",
                "returnee-settlement",
                "talent-classification",
                "talent-apartment",
                "school-place",
                "medical-green-channel",
                "startup-registration",
            },
            keys
        );
    }

    [Theory]
    [MemberData(nameof(Procedures))]
    public void Procedure_deploys_without_errors_against_the_shipped_forms_groups_and_handlers(
        string file
    )
    {
        var result = BpmnParser.Parse(CatalogFiles.Read(file), CatalogFiles.Options());

        Assert.Empty(result.Errors.Select(e => $"{e.ElementId} (line {e.Line}): {e.Message}"));
        Assert.NotNull(result.Definition);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), result.Definition!.Key);
    }

    [Theory]
    [MemberData(nameof(Procedures))]
    public void Every_flow_node_has_a_shape_with_bounds_and_every_sequence_flow_an_edge_with_waypoints(
        string file
    )
    {
        var doc = CatalogFiles.Xml(file);
        var process = doc.Root!.Element(Bpmn + "process")!;
        var plane = doc.Root.Element(BpmnDi + "BPMNDiagram")?.Element(BpmnDi + "BPMNPlane");
        Assert.NotNull(plane);
        Assert.Equal((string?)process.Attribute("id"), (string?)plane!.Attribute("bpmnElement"));

        var shapes = plane
            .Elements(BpmnDi + "BPMNShape")
            .Where(s =>
                s.Element(Dc + "Bounds") is { } b
                && (double)b.Attribute("width")! > 0
                && (double)b.Attribute("height")! > 0
            )
            .Select(s => (string?)s.Attribute("bpmnElement"))
            .ToHashSet();
        var edges = plane
            .Elements(BpmnDi + "BPMNEdge")
            .Where(e => e.Elements(Di + "waypoint").Count() >= 2)
            .Select(e => (string?)e.Attribute("bpmnElement"))
            .ToHashSet();

        var nodes = process
            .Descendants()
            .Where(e => e.Name.Namespace == Bpmn && FlowNodeKinds.Contains(e.Name.LocalName))
            .ToList();
        Assert.NotEmpty(nodes);
        var withoutShape = nodes
            .Select(n => (string?)n.Attribute("id"))
            .Where(id => !shapes.Contains(id))
            .ToList();
        var withoutEdge = process
            .Descendants(Bpmn + "sequenceFlow")
            .Select(f => (string?)f.Attribute("id"))
            .Where(id => !edges.Contains(id))
            .ToList();
        Assert.Empty(withoutShape);
        Assert.Empty(withoutEdge);
    }

    [Theory]
    [MemberData(nameof(Procedures))]
    public void Process_and_every_named_task_event_and_gateway_carry_chinese_and_english_names(
        string file
    )
    {
        var process = CatalogFiles.Xml(file).Root!.Element(Bpmn + "process")!;
        Assert.False(string.IsNullOrWhiteSpace((string?)process.Attribute("name")));
        Assert.False(string.IsNullOrWhiteSpace((string?)process.Attribute(Wf + "nameEn")));

        var nodes = process
            .Descendants()
            .Where(e => e.Name.Namespace == Bpmn && FlowNodeKinds.Contains(e.Name.LocalName))
            .ToList();
        var tasks = nodes
            .Where(n => n.Name.LocalName.EndsWith("Task", StringComparison.Ordinal))
            .ToList();
        var unnamedTasks = tasks
            .Where(t => t.Attribute("name") is null || t.Attribute(Wf + "nameEn") is null)
            .Select(t => (string?)t.Attribute("id"))
            .ToList();
        var chineseOnly = nodes
            .Where(n => n.Attribute("name") is not null && n.Attribute(Wf + "nameEn") is null)
            .Select(n => (string?)n.Attribute("id"))
            .ToList();
        Assert.Empty(unnamedTasks);
        Assert.Empty(chineseOnly);
    }

    [Theory]
    [MemberData(nameof(Procedures))]
    public void Every_user_task_names_a_form_file_that_is_form_js_json_with_components(string file)
    {
        var userTasks = CatalogFiles
            .Xml(file)
            .Root!.Element(Bpmn + "process")!
            .Descendants(Bpmn + "userTask")
            .ToList();
        Assert.NotEmpty(userTasks);
        foreach (var task in userTasks)
        {
            var formKey = (string?)task.Attribute(Camunda + "formKey");
            Assert.False(
                string.IsNullOrWhiteSpace(formKey),
                $"{(string?)task.Attribute("id")} has no camunda:formKey"
            );
            var path = Path.Combine(CatalogFiles.Root, "forms", formKey + ".form.json");
            Assert.True(File.Exists(path), $"{path} is missing");
            var schema = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            Assert.Equal("default", (string?)schema["type"]);
            Assert.NotEmpty(schema["components"]!.AsArray());
        }
    }

    [Theory]
    [MemberData(nameof(Procedures))]
    public void Materials_checklist_named_by_the_process_exists_and_lists_required_items(
        string file
    )
    {
        var definition = BpmnParser.Parse(CatalogFiles.Read(file)).Definition!;
        Assert.True(
            definition.Properties.TryGetValue("materials", out var key),
            "the process names no materials checklist"
        );

        var checklist = JsonNode
            .Parse(File.ReadAllText(Path.Combine(CatalogFiles.Root, "materials", key + ".json")))!
            .AsObject();
        Assert.Equal(definition.Key, (string?)checklist["procedure"]);
        var items = checklist["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Contains(items, i => (bool?)i["required"] == true);
        Assert.All(
            items,
            i =>
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)i["key"]));
                Assert.False(string.IsNullOrWhiteSpace((string?)i["name"]));
                Assert.False(string.IsNullOrWhiteSpace((string?)i["nameEn"]));
            }
        );
        Assert.Equal(items.Count, items.Select(i => (string?)i["key"]).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Procedures))]
    public void Case_clock_starts_after_acceptance_and_stops_before_the_applicant_rates(string file)
    {
        var definition = BpmnParser.Parse(CatalogFiles.Read(file)).Definition!;
        Assert.NotNull(definition.CaseSla);
        Assert.Single(definition.Nodes.Values, n => n.CaseClock == CaseClockAction.Start);
        Assert.Contains(definition.Nodes.Values, n => n.CaseClock == CaseClockAction.Stop);

        var accepted = definition.Nodes["Gateway_Accepted"];
        var yes = accepted
            .Outgoing.Select(id => definition.Flows[id])
            .Single(f => f.Condition is not null);
        Assert.Equal(CaseClockAction.Start, definition.Nodes[yes.TargetId].CaseClock);

        var rating = Assert.IsType<UserTask>(definition.Nodes["Task_Rating"]);
        Assert.Equal("${applicantUser}", rating.Spec.Assignee);
        Assert.Null(rating.Sla);
    }

    [Theory]
    [MemberData(nameof(Procedures))]
    public void Window_check_and_reviews_refuse_through_the_rejected_error_to_a_terminating_end(
        string file
    )
    {
        var definition = BpmnParser.Parse(CatalogFiles.Read(file)).Definition!;
        var window = Assert.IsType<UserTask>(definition.Nodes["Task_WindowCheck"]);
        Assert.Equal(["bureau:window/clerk"], window.Spec.CandidateGroups);

        var catches = definition
            .Nodes.Values.OfType<BoundaryEvent>()
            .Where(b => b.Trigger is ErrorDefinition { ErrorCode: "rejected" })
            .ToList();
        Assert.Contains(catches, b => b.AttachedToId == "Task_WindowCheck");
        foreach (var boundary in catches)
        {
            var notify = Assert.IsType<ServiceTask>(
                definition.Nodes[definition.Flows[boundary.Outgoing.Single()].TargetId]
            );
            Assert.Equal("sim.notify-applicant", notify.Handler);
            var end = Assert.IsType<EndEvent>(
                definition.Nodes[definition.Flows[notify.Outgoing.Single()].TargetId]
            );
            Assert.IsType<TerminateDefinition>(end.Result);
        }
    }

    [Theory]
    [MemberData(nameof(Procedures))]
    public void Step_limits_along_the_longest_path_fit_in_the_committed_case_limit(string file)
    {
        var definition = BpmnParser.Parse(CatalogFiles.Read(file)).Definition!;
        var committed = WorkingDays(definition.CaseSla!.Limit);
        var memo = new Dictionary<string, decimal>();

        // Special procedures (wf:caseClock="pause") do not count against the case limit, so their step limits are left out.
        decimal Longest(string nodeId)
        {
            if (memo.TryGetValue(nodeId, out var known))
                return known;
            var node = definition.Nodes[nodeId];
            var own =
                node is UserTask { Sla: { } sla } && node.CaseClock != CaseClockAction.Pause
                    ? WorkingDays(sla.Limit)
                    : 0m;
            var next = node
                .Outgoing.Select(f => Longest(definition.Flows[f].TargetId))
                .DefaultIfEmpty(0m)
                .Max();
            return memo[nodeId] = own + next;
        }

        var longest = definition.StartEvents().Max(s => Longest(s.Id));

        Assert.InRange(longest, 0.5m, committed);
    }

    // Whole working days as the engine's calendar parses them (a half day such as 0.5WD would start no clock at all).
    private static decimal WorkingDays(string limit) =>
        Workflows.Engine.Calendar.WorkingDays.Parse(limit).Value;
}
