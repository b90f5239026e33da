// Marks a test class that runs against the real PostgreSQL server of WORKFLOWS_TEST_POSTGRES.
namespace Workflows.Server.Tests.Infrastructure;

/// <summary>The class's <see cref="ProviderFactAttribute"/> tests need PostgreSQL; they are skipped with a reason when it is not configured.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PostgresAttribute : Attribute
{
    /// <summary>Connection string to a server where tests may create and drop databases (no Database= needed).</summary>
    public const string EnvironmentVariable = "WORKFLOWS_TEST_POSTGRES";

    /// <summary>The server connection string, or null when not configured.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } s ? s : null;

    /// <summary>Why PostgreSQL tests are skipped here.</summary>
    public static string SkipReason =>
        $"PostgreSQL tests need {EnvironmentVariable}, e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";
}
