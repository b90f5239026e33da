// Like BrowserHost (a real Kestrel server over a fresh SQLite file and Debian's Chromium), but with a clock the spec can
// push forward and access to the host's services, so the sweep fires the SLA timers that are overdue in shifted time.
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflows.Engine.Calendar;

namespace Workflows.Browser.Tests.Ui;

/// <summary>One server with a shifted clock and one browser.</summary>
public sealed class BreachHost : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(
        Path.GetTempPath(),
        "wf-breach-" + Guid.NewGuid().ToString("N")[..8]
    );
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    /// <summary>The host's clock.</summary>
    public ShiftedTimeProvider Clock { get; } = new();

    /// <summary>The server's base address.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _factory!.Services;

    /// <summary>
    /// Starts the clock at 10:00 office time on the next working day, so the levels a spec reads right after a step
    /// starts (a 1WD step with a 50% warning turns yellow at today's close) do not depend on the hour the tests run.
    /// </summary>
    private void StartOnNextWorkingMorning()
    {
        var calendar = Services.GetRequiredService<WorkingCalendar>();
        var day = calendar.LocalDay(Clock.GetUtcNow()).AddDays(1);
        while (!calendar.IsWorkingDay(day))
            day = day.AddDays(1);
        var local = day.ToDateTime(new TimeOnly(10, 0));
        Clock.StartAt(new DateTimeOffset(local, calendar.Options.TimeZone.GetUtcOffset(local)));
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserHost.ChromiumPath))
            return;
        Directory.CreateDirectory(_folder);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting(
                "ConnectionStrings:Workflows",
                $"Data Source={Path.Combine(_folder, "wf.db")}"
            );
            b.UseSetting("Workflows:CatalogPath", Path.Combine(BrowserHost.RepoRoot, "workflows"));
            b.UseSetting("Demo:Enabled", "true");
            b.UseContentRoot(Path.Combine(BrowserHost.RepoRoot, "src", "Workflows.Server"));
            b.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        StartOnNextWorkingMorning();
        BaseUrl = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = BrowserHost.ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--no-first-run"],
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
