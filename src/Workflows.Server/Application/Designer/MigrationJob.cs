// The Hangfire job that migrates one batch of instances; each instance is its own transaction, so a retry only redoes the rest.
namespace Workflows.Server.Application.Designer;

/// <summary>Migrates a batch of instances (enqueued by <see cref="MigrationService.StartAsync"/>).</summary>
public sealed partial class MigrationJob(IServiceScopeFactory scopes, ILogger<MigrationJob> logger)
{
    /// <summary>Runs the batch; an instance that no longer qualifies (ended, already migrated) is skipped and logged.</summary>
    public async Task RunAsync(
        string key,
        int from,
        int to,
        Dictionary<string, string> mapping,
        List<Guid> instanceIds,
        string? user
    )
    {
        foreach (var id in instanceIds)
        {
            using var scope = scopes.CreateScope();
            var service = scope.ServiceProvider.GetRequiredService<MigrationService>();
            if (
                !await service.MigrateOneAsync(
                    key,
                    from,
                    to,
                    mapping,
                    id,
                    user,
                    CancellationToken.None
                )
            )
                LogSkipped(logger, id, key, from, to);
        }
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Instance {InstanceId} was not migrated from {Key} v{From} to v{To}: it no longer qualifies"
    )]
    private static partial void LogSkipped(
        ILogger logger,
        Guid instanceId,
        string key,
        int from,
        int to
    );
}
