// Per-node rules: events and their triggers, gateways and their flows, activities and host-known names.
using Workflows.Engine.Model;

namespace Workflows.Engine.Validation;

public static partial class ModelValidator
{
    private sealed partial class Run
    {
        public void CheckNode(FlowNode node)
        {
            switch (node)
            {
                case StartEvent start when start.Trigger is TimerDefinition timer:
                    CheckTimer(node, timer, allowDuration: false, allowCycle: true);
                    break;
                case StartEvent start when start.Trigger is MessageDefinition message:
                    CheckMessage(node, message);
                    break;
                case EndEvent { Result: ErrorDefinition { ErrorCode: null } }:
                    Error(
                        node,
                        $"Error end event {node.Id} needs an errorRef to a bpmn:error with an errorCode."
                    );
                    break;
                case IntermediateCatchEvent catchEvent:
                    CheckTrigger(node, catchEvent.Trigger, allowCycle: false);
                    break;
                case BoundaryEvent boundary:
                    CheckBoundary(boundary);
                    break;
                case Gateway gateway:
                    CheckGateway(gateway);
                    break;
                case Activity activity:
                    CheckActivity(activity);
                    break;
            }
        }

        private void CheckTrigger(FlowNode node, EventDefinition trigger, bool allowCycle)
        {
            switch (trigger)
            {
                case TimerDefinition timer:
                    CheckTimer(node, timer, allowDuration: true, allowCycle);
                    break;
                case MessageDefinition message:
                    CheckMessage(node, message);
                    break;
            }
        }

        private void CheckTimer(
            FlowNode node,
            TimerDefinition timer,
            bool allowDuration,
            bool allowCycle
        )
        {
            var count =
                (timer.Duration is null ? 0 : 1)
                + (timer.Date is null ? 0 : 1)
                + (timer.Cycle is null ? 0 : 1);
            if (count != 1)
            {
                Error(
                    node,
                    $"Timer {node.Id} must have exactly one of timeDuration, timeDate or timeCycle; it has {count}."
                );
                return;
            }

            if (timer.Duration is { } duration)
            {
                if (!allowDuration)
                {
                    Error(
                        node,
                        $"Timer start event {node.Id} needs timeDate or timeCycle, not timeDuration."
                    );
                }
                else if (!TimerValues.IsExpression(duration) && !TimerValues.IsDuration(duration))
                {
                    Error(
                        node,
                        $"Timer {node.Id}: timeDuration '{duration}' is neither an ISO 8601 duration (PT4H, P3D), working days (5WD) nor an expression."
                    );
                }
            }
            else if (timer.Date is { } date)
            {
                if (!TimerValues.IsExpression(date) && !TimerValues.IsDate(date))
                {
                    Error(
                        node,
                        $"Timer {node.Id}: timeDate '{date}' is neither an ISO 8601 date-time nor an expression."
                    );
                }
            }
            else if (timer.Cycle is { } cycle)
            {
                if (!allowCycle)
                {
                    Error(
                        node,
                        $"Timer {node.Id} cannot use timeCycle here; cycles are for start events and non-interrupting boundary events."
                    );
                }
                else if (!TimerValues.IsExpression(cycle) && !TimerValues.IsCycle(cycle))
                {
                    Error(
                        node,
                        $"Timer {node.Id}: timeCycle '{cycle}' is not an ISO 8601 repeating interval (R3/PT1H, R/P1D) or an expression."
                    );
                }
            }
        }

        private void CheckMessage(FlowNode node, MessageDefinition message)
        {
            if (string.IsNullOrWhiteSpace(message.MessageName))
            {
                Error(
                    node,
                    $"{Describe(node)} waits for a message without a name; reference a bpmn:message with a name."
                );
            }
        }

        private void CheckBoundary(BoundaryEvent boundary)
        {
            if (!Def.Nodes.TryGetValue(boundary.AttachedToId, out var host))
            {
                Error(
                    boundary,
                    $"Boundary event {boundary.Id} is attached to {boundary.AttachedToId}, which does not exist."
                );
            }
            else if (host is not Activity)
            {
                Error(
                    boundary,
                    $"Boundary event {boundary.Id} is attached to {host.Kind} {host.Id}; boundary events attach to activities only."
                );
            }
            else if (host.ScopeId != boundary.ScopeId)
            {
                Error(
                    boundary,
                    $"Boundary event {boundary.Id} is not in the same scope as {host.Id}."
                );
            }

            if (boundary.Trigger is ErrorDefinition && !boundary.CancelActivity)
            {
                Error(
                    boundary,
                    $"Error boundary event {boundary.Id} is non-interrupting (cancelActivity=\"false\"); an error always interrupts."
                );
            }

            CheckTrigger(boundary, boundary.Trigger, allowCycle: !boundary.CancelActivity);
        }

        private void CheckGateway(Gateway gateway)
        {
            if (gateway.DefaultFlowId is { } defaultId)
            {
                if (!gateway.Outgoing.Contains(defaultId))
                {
                    Error(
                        gateway,
                        $"Default flow {defaultId} of gateway {gateway.Id} is not one of its outgoing flows."
                    );
                }
                else if (
                    Def.Flows.TryGetValue(defaultId, out var defaultFlow)
                    && defaultFlow.Condition is not null
                )
                {
                    Error(
                        defaultFlow,
                        $"Default flow {defaultId} of gateway {gateway.Id} has a condition; a default flow is taken when no condition holds."
                    );
                }
            }

            if (
                gateway.GatewayKind is GatewayKind.Exclusive or GatewayKind.Inclusive
                && gateway.Outgoing.Count > 1
            )
            {
                foreach (var flowId in gateway.Outgoing)
                {
                    if (
                        flowId != gateway.DefaultFlowId
                        && Def.Flows.TryGetValue(flowId, out var flow)
                        && flow.Condition is null
                    )
                    {
                        Error(
                            flow,
                            $"Flow {flowId} from gateway {gateway.Id} has no condition and is not the default."
                        );
                    }
                }
            }

            if (gateway.GatewayKind == GatewayKind.EventBased)
            {
                foreach (var flowId in gateway.Outgoing)
                {
                    if (
                        Def.Flows.TryGetValue(flowId, out var flow)
                        && Def.Nodes.TryGetValue(flow.TargetId, out var target)
                        && target is not (IntermediateCatchEvent or ReceiveTask)
                    )
                    {
                        Error(
                            flow,
                            $"Event-based gateway {gateway.Id} leads to {target.Kind} {target.Id}; it may only lead to timer or message catch events and receive tasks."
                        );
                    }
                }
            }
        }

        private void CheckActivity(Activity activity)
        {
            if (activity.MultiInstance is { } mi)
            {
                if (mi.Collection is null && mi.Cardinality is null)
                {
                    Error(
                        activity,
                        $"Multi-instance {activity.Id} has neither camunda:collection nor loopCardinality."
                    );
                }

                foreach (var expression in new[] { mi.Cardinality, mi.CompletionCondition })
                {
                    if (
                        expression is not null
                        && CompileProblem(expression, isScript: false) is { } problem
                    )
                    {
                        Error(
                            activity,
                            $"Multi-instance expression '{expression}' of {activity.Id} does not compile: {problem}"
                        );
                    }
                }
            }

            switch (activity)
            {
                case UserTask task:
                    CheckUserTask(task);
                    break;
                case ServiceTask service when string.IsNullOrWhiteSpace(service.Handler):
                    Error(
                        service,
                        $"{Describe(service)} names no handler; set camunda:type, wf:handler or camunda:delegateExpression."
                    );
                    break;
                case ServiceTask service
                    when options.KnownHandlers is { } handlers
                        && !handlers.Contains(service.Handler):
                    Error(
                        service,
                        $"{Describe(service)} uses handler '{service.Handler}', which is not registered."
                    );
                    break;
                case ScriptTask script when string.IsNullOrWhiteSpace(script.Script):
                    Error(script, $"Script task {script.Id} has an empty script.");
                    break;
                case ScriptTask script
                    when CompileProblem(script.Script, isScript: true) is { } problem:
                    Error(script, $"The script of {script.Id} does not compile: {problem}");
                    break;
                case ReceiveTask receive:
                    CheckMessage(receive, receive.Message);
                    break;
                case CallActivity call when string.IsNullOrWhiteSpace(call.CalledElement):
                    Error(call, $"Call activity {call.Id} has no calledElement.");
                    break;
            }
        }

        private void CheckUserTask(UserTask task)
        {
            var spec = task.Spec;
            if (
                spec.FormKey is { } form
                && options.KnownForms is { } forms
                && !TimerValues.IsExpression(form)
                && !forms.Contains(form)
            )
            {
                Error(task, $"User task {task.Id} uses form '{form}', which does not exist.");
            }

            if (options.KnownGroups is { } groups)
            {
                foreach (
                    var group in spec.CandidateGroups.Where(g =>
                        !TimerValues.IsExpression(g) && !groups.Contains(g)
                    )
                )
                {
                    Error(
                        task,
                        $"User task {task.Id} names candidate group '{group}', which is not in the directory."
                    );
                }

                if (
                    task.Sla?.Escalation
                        is { Mode: SlaEscalationMode.Group, Target: { } escalationGroup }
                    && !groups.Contains(escalationGroup)
                )
                {
                    Error(
                        task,
                        $"User task {task.Id} escalates to group '{escalationGroup}' (wf:escalation), which is not in the directory."
                    );
                }
            }

            foreach (
                var (label, value) in new[]
                {
                    ("camunda:dueDate", spec.DueDate),
                    ("camunda:followUpDate", spec.FollowUpDate),
                }
            )
            {
                if (
                    value is not null
                    && !TimerValues.IsExpression(value)
                    && !TimerValues.IsDuration(value)
                    && !TimerValues.IsDate(value)
                )
                {
                    Error(
                        task,
                        $"{label} '{value}' of {task.Id} is neither a date-time, a duration, working days nor an expression."
                    );
                }
            }

            if (task.Sla is { } sla)
            {
                CheckSla(sla, task.Id, task.Line);
            }
        }
    }
}
