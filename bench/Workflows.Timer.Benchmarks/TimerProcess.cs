// The benchmarked process: start → wait (intermediate timer catch, due at the variable dueAt) → end.
namespace Workflows.Timer.Benchmarks;

/// <summary>BPMN of the benchmarked process.</summary>
public static class TimerProcess
{
    /// <summary>The measured definition.</summary>
    public const string Key = "bench-timer";

    /// <summary>The warm-up definition (same shape; its rows are left out of the figures).</summary>
    public const string WarmUpKey = "bench-timer-warmup";

    /// <summary>The timer's element id.</summary>
    public const string ElementId = "wait";

    /// <summary>The process with definition key <paramref name="key"/>; the timer is due at <c>${dueAt}</c> (ISO 8601).</summary>
    public static string Xml(string key) =>
        $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs_{{key}}" targetNamespace="http://workflows.city/bench">
              <bpmn:process id="{{key}}" name="Timer benchmark" isExecutable="true">
                <bpmn:startEvent id="start"/>
                <bpmn:intermediateCatchEvent id="{{ElementId}}"><bpmn:timerEventDefinition><bpmn:timeDate>${dueAt}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="end"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="{{ElementId}}"/>
                <bpmn:sequenceFlow id="f2" sourceRef="{{ElementId}}" targetRef="end"/>
              </bpmn:process>
            </bpmn:definitions>
            """;
}
