using Workflows.Engine.Model;

namespace Workflows.Engine.Parsing;

/// <summary>Reads BPMN 2.0 XML (bpmn-js, Camunda Modeler) into a validated <see cref="ProcessDefinition"/>; never throws on bad input.</summary>
public static class BpmnParser
{
    /// <summary>Parses and validates. Every problem is returned as a <see cref="ValidationError"/> with element id and line.</summary>
    public static ParseResult Parse(string xml, ParseOptions? options = null)
    {
        _ = (xml, options);
        throw new NotImplementedException();
    }
}
