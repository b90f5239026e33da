using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Runtime;
using Workflows.Server.Application;
using Workflows.Server.Hosting;

namespace Workflows.Server.Jobs;

/// <summary>
/// Runs a service task handler through Hangfire. A technical failure is retried with exponential backoff up to
/// <see cref="WorkflowsOptions.ServiceRetries"/> times, then recorded as an incident an admin can retry. Handlers must be
/// idempotent on the invocation id: a crash after the handler ran but before its result committed runs it again.
/// </summary>
public sealed partial class ServiceTaskJob(
    IServiceScopeFactory scopes,
    ServiceHandlerRegistry handlers,
    WorkflowRuntime runtime,
    IBackgroundJobClient jobs,
    IOptions<WorkflowsOptions> options,
    TimeProvider time,
    ILogger<ServiceTaskJob> logger
)
{
    /// <summary>Runs one attempt.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string payloadJson, int attempt)
    {
        var payload = JsonNode.Parse(payloadJson)!.AsObject();
        var instanceId = payload["instanceId"]!.GetValue<Guid>();
        var invocationId = (string)payload["invocationId"]!;
        var elementId = (string)payload["elementId"]!;
        var handlerName = (string)payload["handler"]!;
        var handler = handlers.Find(handlerName);
        if (handler is null)
        {
            await RaiseIncidentAsync(
                instanceId,
                elementId,
                $"No service handler named '{handlerName}' is registered."
            );
            return;
        }
        JsonObject? output;
        try
        {
            var context = new ServiceTaskContext(
                instanceId,
                (string?)payload["businessKey"],
                elementId,
                invocationId,
                payload["input"]?.AsObject() ?? []
            );
            output = await handler.ExecuteAsync(context, CancellationToken.None);
        }
        catch (BpmnErrorException bpmn)
        {
            await CompleteAsync(
                instanceId,
                new CompleteService(invocationId, null, bpmn.ErrorCode)
            );
            return;
        }
        catch (Exception ex)
        {
            var max = options.Value.ServiceRetries;
            if (attempt < max)
            {
                var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                LogRetry(logger, ex, handlerName, instanceId, attempt + 1, max);
                jobs.Schedule<ServiceTaskJob>(j => j.RunAsync(payloadJson, attempt + 1), delay);
            }
            else
                await RaiseIncidentAsync(
                    instanceId,
                    elementId,
                    $"Service handler '{handlerName}' failed after {attempt + 1} attempts: {ex.Message}"
                );
            return;
        }
        await CompleteAsync(instanceId, new CompleteService(invocationId, output));
    }

    private async Task CompleteAsync(Guid instanceId, CompleteService command)
    {
        try
        {
            await runtime.ExecuteAsync(
                instanceId,
                command,
                "system",
                command.ErrorCode is null ? "service.completed" : "service.error"
            );
        }
        catch (NotFoundException)
        {
            // The invocation was cancelled (boundary event, terminate) or already completed by a replay.
        }
        catch (ConflictException) { }
    }

    private async Task RaiseIncidentAsync(Guid instanceId, string elementId, string message)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        IncidentService.Raise(db, time.GetUtcNow(), instanceId, elementId, message);
        await db.SaveChangesAsync();
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Service handler {Handler} failed for instance {InstanceId}; retry {Attempt} of {Max}"
    )]
    private static partial void LogRetry(
        ILogger logger,
        Exception ex,
        string handler,
        Guid instanceId,
        int attempt,
        int max
    );
}
