// A test class's world: one real database and one catalogue folder (directory + calendars only), from which hosts are
// started, restarted and shared. Derived per provider.
using System.Collections.Concurrent;

namespace Workflows.Server.Tests.Infrastructure;

/// <summary>A database and a catalogue folder owned by one test class (xunit class fixture).</summary>
public abstract class HostFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _sharedLock = new(1, 1);
    private readonly ConcurrentBag<ServerHost> _started = [];
    private ServerHost? _shared;

    /// <summary>A fresh temp folder of this fixture.</summary>
    protected string Folder { get; } =
        Path.Combine(Path.GetTempPath(), "workflows-server-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The catalogue folder (Workflows:CatalogPath).</summary>
    public string CatalogPath => Path.Combine(Folder, "catalog");

    /// <summary><c>Sqlite</c> or <c>PostgreSql</c>.</summary>
    public abstract string Provider { get; }

    /// <summary>ConnectionStrings:Workflows.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>False when the provider is not configured on this machine (its tests are skipped).</summary>
    public virtual bool IsAvailable => true;

    /// <summary>Starts a host on this fixture's database; it is disposed with the fixture unless the test disposes it first.</summary>
    public async Task<ServerHost> StartAsync(HostOptions? options = null)
    {
        var host = new ServerHost(this, options ?? new HostOptions());
        _started.Add(host);
        await host.StartAsync();
        return host;
    }

    /// <summary>The one host the class's tests share, started on first use.</summary>
    public async Task<ServerHost> SharedAsync(HostOptions options)
    {
        await _sharedLock.WaitAsync();
        try
        {
            return _shared ??= await StartAsync(options);
        }
        finally
        {
            _sharedLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!IsAvailable)
            return;
        CopyCatalogue();
        await CreateDatabaseAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var host in _started)
            await host.DisposeAsync();
        if (IsAvailable)
            await DropDatabaseAsync();
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Creates the (empty) database, or nothing when the server creates it on start.</summary>
    protected abstract Task CreateDatabaseAsync();

    /// <summary>Removes the database.</summary>
    protected abstract Task DropDatabaseAsync();

    private void CopyCatalogue()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "catalog");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(CatalogPath, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
