// [PostgresFact]: a test that needs a real PostgreSQL server. Skipped, with the reason, when WORKFLOWS_TEST_POSTGRES is unset;
// CI sets the variable and treats a skipped PostgreSQL test as a failure. Copy this idea for other test projects.
namespace Workflows.Data.Tests.Infrastructure;

/// <summary>A fact that runs only when <see cref="EnvironmentVariable"/> holds a PostgreSQL connection string.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Connection string to a server where the tests may create and drop databases (no Database= needed).</summary>
    public const string EnvironmentVariable = "WORKFLOWS_TEST_POSTGRES";

    /// <summary>Creates the attribute; sets Skip when the variable is missing.</summary>
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Skip =
                $"PostgreSQL tests need {EnvironmentVariable}, e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";
        }
    }

    /// <summary>The server connection string, or null when not configured.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable);
}
