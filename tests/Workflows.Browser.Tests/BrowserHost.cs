// A real Kestrel server on 127.0.0.1 (random port) over a fresh SQLite file and the repository's catalogue, plus Debian's Chromium.
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Workflows.Browser.Tests;

/// <summary>One server and one browser shared by the browser specs of a class.</summary>
public sealed class BrowserHost : IAsyncLifetime
{
    /// <summary>Where Debian installs Chromium.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _folder = Path.Combine(
        Path.GetTempPath(),
        "wf-browser-" + Guid.NewGuid().ToString("N")[..8]
    );
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    /// <summary>The server's base address.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The repository root (the folder with Workflows.sln).</summary>
    public static string RepoRoot
    {
        get
        {
            // The build may put binaries anywhere (--artifacts-path): start from the current directory, then from this source file.
            foreach (
                var start in new[]
                {
                    Directory.GetCurrentDirectory(),
                    AppContext.BaseDirectory,
                    SourceFolder(),
                }
            )
            {
                var dir = new DirectoryInfo(start);
                while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
                    dir = dir.Parent;
                if (dir is not null)
                    return dir.FullName;
            }
            throw new InvalidOperationException(
                "Workflows.sln not found above " + Directory.GetCurrentDirectory()
            );
        }
    }

    private static string SourceFolder(
        [System.Runtime.CompilerServices.CallerFilePath] string path = ""
    ) => Path.GetDirectoryName(path) ?? ".";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            return;
        Directory.CreateDirectory(_folder);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting(
                "ConnectionStrings:Workflows",
                $"Data Source={Path.Combine(_folder, "wf.db")}"
            );
            b.UseSetting("Workflows:CatalogPath", Path.Combine(RepoRoot, "workflows"));
            b.UseSetting("Demo:Enabled", "true");
            b.UseContentRoot(Path.Combine(RepoRoot, "src", "Workflows.Server"));
            b.UseUrls("http://127.0.0.1:0");
        });
        _factory.UseKestrel();
        _factory.StartServer();
        BaseUrl = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args =
                [
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            }
        );
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null)
            await _factory.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException) { }
    }
}
