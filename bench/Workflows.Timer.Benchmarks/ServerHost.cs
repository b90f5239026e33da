// The real server hosted in this process: its DI graph, start-up tasks (migrations, reconciler, sweep) and Hangfire server.
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Workflows.Server.Application;
using Workflows.Server.Benchmarks;

namespace Workflows.Timer.Benchmarks;

/// <summary>The server on the given settings (environment-variable style keys, <c>__</c> for <c>:</c>).</summary>
public sealed class ServerHost(IReadOnlyDictionary<string, string> settings)
    : WebApplicationFactory<TaskService>
{
    /// <summary>Points WebApplicationFactory at the server's build folder (it looks beside a solution otherwise).</summary>
    public static void UseServerContentRoot() =>
        Environment.SetEnvironmentVariable(
            "ASPNETCORE_TEST_CONTENTROOT_WORKFLOWS_SERVER",
            ServerProcess.ServerFolder
        );

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings.Where(e => e.Key != "ASPNETCORE_ENVIRONMENT"))
            builder.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }
}
