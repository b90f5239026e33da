// The same instance lifecycle without HTTP: the server hosted in this process, WorkflowRuntime.StartAsync and
// TaskService.CompleteAsync called directly, so the difference to the HTTP rows is the cost of HTTP, auth and JSON.
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application;
using Workflows.Server.Auth;

namespace Workflows.Server.Benchmarks;

/// <summary>In-process measurement on a database's settings.</summary>
public static class InProcess
{
    /// <summary>Instances per second with <paramref name="clients"/> concurrent loops (the definition must be deployed).</summary>
    public static async Task<double> RunAsync(
        IReadOnlyDictionary<string, string> environment,
        int clients,
        TimeSpan duration
    )
    {
        await using var factory = new Factory(environment);
        _ = factory.Services; // start the host (migrations, catalogue, Hangfire) before the clock runs
        var clerk = new CurrentUser(
            "clerk.kjj",
            new HashSet<string> { Roles.Clerk },
            new HashSet<string> { "bureau:kjj/reviewer" },
            "kjj"
        );
        var done = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(
            Enumerable
                .Range(0, clients)
                .Select(_ =>
                    Task.Run(async () =>
                    {
                        while (watch.Elapsed < duration)
                        {
                            using var scope = factory.Services.CreateScope();
                            var runtime =
                                scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
                            var outcome = await runtime.StartAsync(
                                new StartRequest(
                                    "bench-review",
                                    null,
                                    Guid.NewGuid().ToString("N"),
                                    new JsonObject { ["amount"] = 1 },
                                    "clerk.kjj"
                                )
                            );
                            var taskId = outcome.CreatedTaskIds[0];
                            using var completeScope = factory.Services.CreateScope();
                            await completeScope
                                .ServiceProvider.GetRequiredService<TaskService>()
                                .CompleteAsync(
                                    taskId,
                                    new JsonObject { ["approved"] = true },
                                    clerk,
                                    CancellationToken.None
                                );
                            Interlocked.Increment(ref done);
                        }
                    })
                )
        );
        return done / watch.Elapsed.TotalSeconds;
    }

    /// <summary>The server hosted in this process with the benchmark's settings; <paramref name="sql"/> sees EF Core's database events.</summary>
    internal sealed class Factory(
        IReadOnlyDictionary<string, string> environment,
        Profile.SqlCounter? sql = null
    ) : WebApplicationFactory<TaskService>
    {
        // WebApplicationFactory looks for the content root beside a solution; built elsewhere, tell it where the server is.
        static Factory() =>
            Environment.SetEnvironmentVariable(
                "ASPNETCORE_TEST_CONTENTROOT_WORKFLOWS_SERVER",
                ServerProcess.ServerFolder
            );

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment["ASPNETCORE_ENVIRONMENT"]);
            foreach (var (key, value) in environment.Where(e => e.Key != "ASPNETCORE_ENVIRONMENT"))
                builder.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
            builder.ConfigureLogging(l =>
            {
                l.SetMinimumLevel(LogLevel.Warning);
                if (sql is not null)
                {
                    l.AddProvider(sql);
                    l.AddFilter<Profile.SqlCounter>(null, LogLevel.None);
                    l.AddFilter<Profile.SqlCounter>(
                        "Microsoft.EntityFrameworkCore.Database",
                        LogLevel.Debug
                    );
                }
            });
        }
    }
}
