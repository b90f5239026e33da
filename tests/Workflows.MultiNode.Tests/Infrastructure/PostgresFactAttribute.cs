// [PostgresFact]: a spec that needs the real PostgreSQL server of WORKFLOWS_TEST_POSTGRES; skipped, with the reason, without it.
namespace Workflows.MultiNode.Tests.Infrastructure;

/// <summary>A fact that runs only when <see cref="EnvironmentVariable"/> holds a PostgreSQL connection string.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Connection string to a server where the specs may create and drop databases.</summary>
    public const string EnvironmentVariable = "WORKFLOWS_TEST_POSTGRES";

    /// <summary>Creates the attribute; sets Skip when the variable is missing.</summary>
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            Skip =
                $"Multi-node specs need {EnvironmentVariable}, e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";
    }

    /// <summary>The server connection string, or null.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable);
}
