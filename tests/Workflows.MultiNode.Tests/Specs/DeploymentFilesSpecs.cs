// The container files, checked without a Docker engine: every variable the compose files give the app is a setting the
// application reads, the stack has its migrate step, replicas, health checks and proxy, and the image builds the README's project.
using System.Text.Json;
using System.Text.RegularExpressions;
using Workflows.MultiNode.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Workflows.MultiNode.Tests.Specs;

/// <summary>docker-compose*.yml, Dockerfile and deploy/nginx.conf.</summary>
public sealed partial class DeploymentFilesSpecs
{
    private static readonly string[] ComposeFiles =
    [
        "docker-compose.yml",
        "docker-compose.postgres.yml",
    ];

    public static TheoryData<string> Files => new(ComposeFiles);

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_environment_variable_of_the_app_services_is_a_configuration_key_the_application_reads(
        string file
    )
    {
        var known = KnownKeys.Value;
        var services = Services(file);
        var appServices = services.Where(s => IsApp(s.Value)).ToList();

        var unknown = appServices
            .SelectMany(s => EnvironmentOf(s.Value).Keys.Select(k => (Service: s.Key, Variable: k)))
            .Where(e => !known.IsKnown(e.Variable))
            .Select(e => $"{e.Service}: {e.Variable}")
            .ToList();

        Assert.NotEmpty(appServices);
        Assert.True(
            unknown.Count == 0,
            $"{file}: variables no code or appsettings.json reads: {string.Join(", ", unknown)}"
        );
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_stack_migrates_once_then_runs_two_healthy_replicas_behind_the_proxy_on_the_database(
        string file
    )
    {
        var services = Services(file);
        var migrate = services["migrate"];
        var app = services["app"];

        Assert.Equal("migrate", Assert.Single(Sequence(migrate, "command")));
        Assert.Equal(
            "service_completed_successfully",
            Scalar(Mapping(Mapping(app, "depends_on"), "migrate"), "condition")
        );
        Assert.Equal("2", Scalar(Mapping(app, "deploy"), "replicas"));
        Assert.Contains(
            "/health/ready",
            string.Join(" ", Sequence(Mapping(app, "healthcheck"), "test")),
            StringComparison.Ordinal
        );
        Assert.Equal("Database", EnvironmentOf(app)["Hangfire__Storage"]);
        var provider = EnvironmentOf(app)["Database__Provider"];
        var database = services.Keys.Single(k => k is "sqlserver" or "postgres");
        Assert.Equal(database == "sqlserver" ? "SqlServer" : "PostgreSql", provider);
        Assert.Equal(
            "service_healthy",
            Scalar(Mapping(Mapping(migrate, "depends_on"), database), "condition")
        );
        Assert.NotNull(Mapping(services[database], "healthcheck"));
        Assert.Contains(
            "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro",
            Sequence(services["proxy"], "volumes")
        );
        Assert.Contains(
            "server app:8080",
            File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "nginx.conf")),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void The_image_publishes_the_project_the_README_runs_as_a_non_root_user_with_the_catalogue()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Dockerfile"));
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));

        var published = PublishPattern().Match(dockerfile);
        var run = RunPattern().Match(readme);
        Assert.True(published.Success, "the Dockerfile has no 'dotnet publish <project>'");
        Assert.True(run.Success, "the README has no 'dotnet run --project <project>'");
        Assert.Equal(ProjectFolder(run.Groups[1].Value), ProjectFolder(published.Groups[1].Value));
        Assert.True(
            File.Exists(Path.Combine(RepositoryPaths.Root, published.Groups[1].Value)),
            $"{published.Groups[1].Value} does not exist"
        );
        Assert.Contains("USER app", dockerfile, StringComparison.Ordinal);
        Assert.Contains(
            "ENTRYPOINT [\"dotnet\", \"Workflows.Server.dll\"]",
            dockerfile,
            StringComparison.Ordinal
        );
        Assert.Contains("COPY workflows/ /app/workflows/", dockerfile, StringComparison.Ordinal);
        Assert.Contains(
            "Workflows__CatalogPath=/app/workflows",
            dockerfile,
            StringComparison.Ordinal
        );
        var unknown = EnvPattern()
            .Matches(dockerfile)
            .Select(m => m.Groups[1].Value)
            .Where(v => !KnownKeys.Value.IsKnown(v))
            .ToList();
        Assert.True(
            unknown.Count == 0,
            $"Dockerfile ENV no code reads: {string.Join(", ", unknown)}"
        );
    }

    [Fact]
    public async Task The_image_publishes_for_a_runtime_so_the_server_is_precompiled_ReadyToRun()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Dockerfile"));
        var project = Path.Combine(
            RepositoryPaths.Root,
            PublishPattern().Match(dockerfile).Groups[1].Value
        );

        // Evaluation only (no build): what `dotnet publish -r …` and a plain build of the project would do.
        var forRuntime = await PropertyAsync(
            project,
            "PublishReadyToRun",
            "-p:RuntimeIdentifier=linux-x64"
        );
        var portable = await PropertyAsync(project, "PublishReadyToRun");

        Assert.Matches(@"dotnet publish\s+\S+\.csproj[^\n]*(\\\n[^\n]*)*\s-r\s+linux-", dockerfile);
        Assert.Equal("true", forRuntime);
        Assert.NotEqual("true", portable);
    }

    private static async Task<string> PropertyAsync(
        string project,
        string property,
        params string[] extra
    )
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (
            var argument in (string[])["msbuild", project, $"-getProperty:{property}", .. extra]
        )
            start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(
            process.ExitCode == 0,
            $"dotnet msbuild -getProperty:{property} exited {process.ExitCode}: {await error}"
        );
        return (await output).Trim();
    }

    [Fact]
    public void The_allow_list_knows_real_settings_and_rejects_invented_ones()
    {
        var known = KnownKeys.Value;

        Assert.True(known.IsKnown("Hangfire__Storage"));
        Assert.True(known.IsKnown("Workflows__CommandRetries"));
        Assert.True(known.IsKnown("ConnectionStrings__Workflows"));
        Assert.False(known.IsKnown("Workflows__NoSuchSetting"));
        Assert.False(known.IsKnown("Databse__Provider"));
    }

    private static readonly Lazy<ConfigurationKeys> KnownKeys = new(() =>
        ConfigurationKeys.Scan(RepositoryPaths.Root)
    );

    private static Dictionary<string, YamlMappingNode> Services(string file)
    {
        var yaml = new YamlStream();
        using (
            var reader = new StringReader(
                File.ReadAllText(Path.Combine(RepositoryPaths.Root, file))
            )
        )
            yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return (
            (YamlMappingNode)root.Children[new YamlScalarNode("services")]
        ).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (YamlMappingNode)c.Value);
    }

    private static bool IsApp(YamlMappingNode service) =>
        service.Children.ContainsKey(new YamlScalarNode("build"))
        || (
            Scalar(service, "image")?.StartsWith("workflows-server", StringComparison.Ordinal)
            ?? false
        );

    private static Dictionary<string, string> EnvironmentOf(YamlMappingNode service)
    {
        if (!service.Children.TryGetValue(new YamlScalarNode("environment"), out var node))
            return [];
        return node switch
        {
            YamlMappingNode map => map.Children.ToDictionary(
                c => ((YamlScalarNode)c.Key).Value!,
                c => ((YamlScalarNode)c.Value).Value ?? ""
            ),
            YamlSequenceNode list => list
                .Children.Select(c => ((YamlScalarNode)c).Value!.Split('=', 2))
                .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : ""),
            _ => [],
        };
    }

    private static YamlMappingNode? Mapping(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child)
            ? child as YamlMappingNode
            : null;

    private static string? Scalar(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child)
            ? (child as YamlScalarNode)?.Value
            : null;

    private static List<string> Sequence(YamlMappingNode? node, string key) =>
        node is not null
        && node.Children.TryGetValue(new YamlScalarNode(key), out var child)
        && child is YamlSequenceNode seq
            ? seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList()
            : [];

    private static string ProjectFolder(string path)
    {
        var normalized = path.Replace('\\', '/').TrimEnd('/');
        return normalized.EndsWith(".csproj", StringComparison.Ordinal)
            ? normalized[..normalized.LastIndexOf('/')]
            : normalized;
    }

    [GeneratedRegex(@"dotnet publish\s+(\S+\.csproj)")]
    private static partial Regex PublishPattern();

    [GeneratedRegex(@"dotnet run --project\s+(\S+)")]
    private static partial Regex RunPattern();

    [GeneratedRegex(@"(?m)^\s*(?:ENV\s+)?([A-Za-z][A-Za-z0-9]*__[A-Za-z0-9_]+)=")]
    private static partial Regex EnvPattern();
}
