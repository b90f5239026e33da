// A SQLite file database whose catalogue folder holds the shipped procedures, forms and checklists (deployed on start),
// and one host on a settable clock that the end-to-end specs share.
using Microsoft.Data.Sqlite;
using Workflows.Server.Application;
using Workflows.Server.Tests.Infrastructure;
using Workflows.Server.Tests.Sla;

namespace Workflows.Server.Tests.Catalog.EndToEnd;

/// <summary>The shipped catalogue on a SQLite file, with one shared host whose clock the tests set.</summary>
public sealed class CatalogueFixture : HostFixture
{
    /// <summary>Monday 2026-03-02 09:00 in the office time zone: a plain working week, no holiday within 22 working days.</summary>
    public static readonly DateTimeOffset Monday = SettableTime.Local(2026, 3, 2, 9);

    /// <summary>The shared host's clock; each test sets it back to <see cref="Monday"/> when it starts a case.</summary>
    public SettableTime Time { get; } = new(Monday);

    /// <inheritdoc />
    public override string Provider => "Sqlite";

    /// <inheritdoc />
    public override string ConnectionString =>
        $"Data Source={Path.Combine(Folder, "workflows.db")}";

    /// <summary>
    /// The shared host. Its outbox is not dispatched to Hangfire (whose clock is the wall clock, not <see cref="Time"/>):
    /// <see cref="CaseDriver"/> runs the service calls and fires the timers of its own case.
    /// </summary>
    public async Task<ServerHost> HostAsync()
    {
        var host = await SharedAsync(SlaHost.Options(Time));
        host.Services.GetRequiredService<DispatchGate>().Enabled = false;
        return host;
    }

    /// <inheritdoc />
    protected override Task CreateDatabaseAsync()
    {
        foreach (var file in Directory.EnumerateFiles(CatalogFiles.Root, "*.bpmn"))
            File.Copy(file, Path.Combine(CatalogPath, Path.GetFileName(file)), overwrite: true);
        foreach (var folder in new[] { "forms", "materials" })
        {
            Directory.CreateDirectory(Path.Combine(CatalogPath, folder));
            foreach (
                var file in Directory.EnumerateFiles(
                    Path.Combine(CatalogFiles.Root, folder),
                    "*.json"
                )
            )
                File.Copy(
                    file,
                    Path.Combine(CatalogPath, folder, Path.GetFileName(file)),
                    overwrite: true
                );
        }
        return Task.CompletedTask; // the server's migrator creates the file
    }

    /// <inheritdoc />
    protected override Task DropDatabaseAsync()
    {
        // Pooled connections keep the file open; release them so the folder can be deleted.
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}
