// One Workflows server in-process (TestServer) on a fresh SQLite file and a catalogue folder holding only the directory
// and calendars, with bearer and cookie clients for the demo users.
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Workflows.Robustness.Tests.Infrastructure;

/// <summary>A started in-process server; dispose it to stop it and delete its files.</summary>
public sealed class RobustHost : IAsyncDisposable
{
    private readonly Factory _factory;
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly string _folder;

    private RobustHost(string folder, IReadOnlyDictionary<string, string> settings)
    {
        _folder = folder;
        _factory = new Factory(folder, settings);
    }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts a host; <paramref name="settings"/> override the test defaults.</summary>
    public static async Task<RobustHost> StartAsync(
        IReadOnlyDictionary<string, string>? settings = null
    )
    {
        var folder = Path.Combine(
            Path.GetTempPath(),
            "workflows-robustness",
            Guid.NewGuid().ToString("N")
        );
        Catalogue.CopyTo(Path.Combine(folder, "catalog"));
        var host = new RobustHost(folder, settings ?? new Dictionary<string, string>());
        await Task.Run(() => host._factory.Server);
        return host;
    }

    /// <summary>A client with no credentials and no cookie handling.</summary>
    public HttpClient Anonymous() =>
        _factory.CreateClient(
            new WebApplicationFactoryClientOptions
            {
                HandleCookies = false,
                AllowAutoRedirect = false,
            }
        );

    /// <summary>A client that keeps cookies (a browser), at <paramref name="baseAddress"/> (default http://localhost).</summary>
    public HttpClient Browser(Uri? baseAddress = null) =>
        _factory.CreateClient(
            new WebApplicationFactoryClientOptions
            {
                HandleCookies = true,
                AllowAutoRedirect = false,
                BaseAddress = baseAddress ?? new Uri("http://localhost"),
            }
        );

    /// <summary>A client with the bearer token of a demo user (password <c>demo</c>).</summary>
    public async Task<HttpClient> As(string userName)
    {
        if (!_tokens.TryGetValue(userName, out var token))
        {
            using var anonymous = Anonymous();
            var response = await anonymous.PostAsJsonAsync(
                "/api/auth/login",
                new { userName, password = "demo" }
            );
            Assert.True(
                response.IsSuccessStatusCode,
                $"login as {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
            );
            token = (string)
                (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
            _tokens[userName] = token;
        }
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A background thread may still hold a file; the temp folder is cleaned by the OS.
        }
    }

    private sealed class Factory(string folder, IReadOnlyDictionary<string, string> settings)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting(
                "ConnectionStrings:Workflows",
                $"Data Source={Path.Combine(folder, "workflows.db")}"
            );
            builder.UseSetting("Hangfire:Storage", "InMemory");
            builder.UseSetting("Workflows:CatalogPath", Path.Combine(folder, "catalog"));
            builder.UseSetting("Workflows:ServiceRetries", "1");
            builder.UseSetting("Demo:Enabled", "true");
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
            builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Error));
        }
    }
}
