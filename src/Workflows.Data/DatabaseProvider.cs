// Which database engine the server uses (configuration key Database:Provider).
namespace Workflows.Data;

/// <summary>Supported database engines.</summary>
public enum DatabaseProvider
{
    /// <summary>A SQLite file (embedded default: nothing to install).</summary>
    Sqlite,

    /// <summary>PostgreSQL via Npgsql.</summary>
    PostgreSql,

    /// <summary>Microsoft SQL Server.</summary>
    SqlServer,
}
