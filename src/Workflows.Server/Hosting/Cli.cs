// Operator commands run by the server binary instead of serving: migrate, deploy-catalogue, check [--repair].
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Server.Application;

namespace Workflows.Server.Hosting;

/// <summary>
/// <c>dotnet Workflows.Server.dll migrate</c> applies the migrations (exit 0); <c>deploy-catalogue</c> migrates and deploys
/// every catalogue BPMN file whose content changed (exit 1 if one is invalid); <c>check</c> runs the
/// <see cref="ConsistencyChecker"/> (exit 1 when inconsistent) and <c>check --repair</c> fixes what it can. The commands run
/// on the server's own service container (same configuration, same providers), without starting Kestrel or Hangfire.
/// </summary>
public static class Cli
{
    /// <summary>The command names.</summary>
    public static readonly IReadOnlySet<string> Commands = new HashSet<string>(
        StringComparer.Ordinal
    )
    {
        "migrate",
        "deploy-catalogue",
        "check",
        "archive",
    };

    /// <summary>True when the first argument is a command rather than a host setting.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    /// <summary>Runs the command; returns the process exit code (0 success, 1 failure or inconsistency, 2 usage).</summary>
    public static async Task<int> RunAsync(
        IServiceProvider services,
        string[] args,
        TextWriter? output = null,
        CancellationToken ct = default
    )
    {
        var @out = output ?? Console.Out;
        try
        {
            return args[0] switch
            {
                "migrate" => await MigrateAsync(services, @out, ct),
                "deploy-catalogue" => await DeployCatalogueAsync(services, @out, ct),
                "check" => await CheckAsync(services, args.Skip(1).ToArray(), @out, ct),
                "archive" => await ArchiveAsync(services, args.Skip(1).ToArray(), @out, ct),
                _ => Usage(@out),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await @out.WriteLineAsync($"{args[0]} failed: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }

    private static int Usage(TextWriter @out)
    {
        @out.WriteLine(
            "usage: Workflows.Server migrate | deploy-catalogue | check [--repair] | archive --older-than-days N [--dry-run]"
        );
        return 2;
    }

    // archive --older-than-days N [--dry-run]: ended cases older than N days go to a gzip JSON-lines file, then out of the database.
    private static async Task<int> ArchiveAsync(
        IServiceProvider services,
        string[] args,
        TextWriter @out,
        CancellationToken ct
    )
    {
        var at = Array.IndexOf(args, "--older-than-days");
        if (
            at < 0
            || at + 1 >= args.Length
            || !int.TryParse(args[at + 1], out var days)
            || days < 0
        )
            return Usage(@out);
        await services.MigrateWorkflowsDatabaseAsync(ct);
        var dryRun = args.Contains("--dry-run");
        var cutoff = services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(-days);
        var result = await services
            .GetRequiredService<Application.Retention.RetentionService>()
            .ArchiveAsync(cutoff, dryRun, ct);
        await @out.WriteLineAsync(
            dryRun
                ? $"{result.Cases} ended cases older than {days} days would be archived."
                : $"{result.Cases} ended cases archived{(result.File is null ? "" : " to " + result.File)}."
        );
        return 0;
    }

    private static async Task<int> MigrateAsync(
        IServiceProvider services,
        TextWriter @out,
        CancellationToken ct
    )
    {
        await services.MigrateWorkflowsDatabaseAsync(ct);
        // Hangfire's database storage installs its schema when first resolved: do it here, once, so replicas starting
        // together do not race on it.
        services.GetService<Hangfire.JobStorage>();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        await @out.WriteLineAsync(
            $"Database migrated ({db.Database.ProviderName}): {applied.Count} migrations applied, latest {applied.LastOrDefault() ?? "none"}."
        );
        return 0;
    }

    private static async Task<int> DeployCatalogueAsync(
        IServiceProvider services,
        TextWriter @out,
        CancellationToken ct
    )
    {
        await services.MigrateWorkflowsDatabaseAsync(ct);
        using var scope = services.CreateScope();
        var root = scope.ServiceProvider.GetRequiredService<CatalogPaths>().Root;
        if (root is null)
        {
            await @out.WriteLineAsync("No catalogue folder found (Workflows:CatalogPath).");
            return 1;
        }
        var failed = 0;
        foreach (
            var (file, outcome) in await scope
                .ServiceProvider.GetRequiredService<DeploymentService>()
                .DeployCatalogueAsync(root, ct)
        )
        {
            if (outcome.Errors.Count > 0)
            {
                failed++;
                await @out.WriteLineAsync($"INVALID {file}: {string.Join("; ", outcome.Errors)}");
            }
            else
                await @out.WriteLineAsync(
                    $"{(outcome.Created ? "deployed" : "unchanged")} {outcome.Definition!.Key} v{outcome.Definition.Version}"
                );
        }
        return failed == 0 ? 0 : 1;
    }

    private static async Task<int> CheckAsync(
        IServiceProvider services,
        string[] options,
        TextWriter @out,
        CancellationToken ct
    )
    {
        var unknown = options.Where(o => o != "--repair").ToList();
        if (unknown.Count > 0)
            return Usage(@out);
        var repair = options.Contains("--repair");
        var checker = new ConsistencyChecker(
            services.GetRequiredService<IServiceScopeFactory>(),
            services.GetRequiredService<TimeProvider>()
        );
        var report = await checker.CheckAsync(repair, ct);
        foreach (var finding in report.Findings)
            await @out.WriteLineAsync(finding.ToString());
        var open = report.Findings.Count(f => !f.Repaired);
        await @out.WriteLineAsync(
            $"Checked {report.InstancesChecked} live instances: {report.Findings.Count} findings, {report.Findings.Count - open} repaired, {open} left. {(report.Consistent ? "CONSISTENT" : "INCONSISTENT")}"
        );
        return report.Consistent ? 0 : 1;
    }
}
