// The XML namespaces a BPMN file may use, shared by the parser, the validator and the host.
using System.Xml.Linq;

namespace Workflows.Engine.Parsing;

/// <summary>Namespace URIs of BPMN 2.0, the Camunda 7 extensions and our own <c>wf:</c> extensions.</summary>
public static class BpmnNamespaces
{
    /// <summary>The BPMN 2.0 model namespace (<c>bpmn:</c>).</summary>
    public const string Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>The Camunda 7 extension namespace (<c>camunda:</c>).</summary>
    public const string Camunda = "http://camunda.org/schema/1.0/bpmn";

    /// <summary>Our own extension namespace (<c>wf:</c>): bilingual names, SLA settings, case clock, correlation keys.</summary>
    public const string Workflows = "http://workflows.city/schema/bpmn/1.0";

    /// <summary>The XML Schema instance namespace (<c>xsi:type</c> on condition expressions).</summary>
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    internal static readonly XNamespace BpmnNs = Bpmn;
    internal static readonly XNamespace CamundaNs = Camunda;
    internal static readonly XNamespace WfNs = Workflows;
}
