// Requests larger than Workflows:MaxRequestBodyBytes are refused with 413 before they are read, in TestServer as on Kestrel.
using System.Net;
using System.Text;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Scenarios;

/// <summary>Body limit scenarios, run once per database provider on a host that accepts at most 1000 bytes.</summary>
public abstract class BodyLimitSpecs(HostFixture fixture)
{
    [ProviderFact]
    public async Task A_body_larger_than_the_limit_answers_413_and_a_small_one_is_accepted()
    {
        var host = await fixture.SharedAsync(new HostOptions(MaxRequestBodyBytes: 1000));
        var admin = await host.As("admin");
        var big = System.Text.Json.JsonSerializer.Serialize(
            new { definitionKey = "x", variables = new { blob = new string('a', 5000) } }
        );

        var tooBig = await admin.PostAsync(
            "/api/instances",
            new StringContent(big, Encoding.UTF8, "application/json")
        );
        var small = await admin.PostAsync(
            "/api/instances",
            new StringContent(
                """{"definitionKey":"no-such-process"}""",
                Encoding.UTF8,
                "application/json"
            )
        );

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, small.StatusCode);
    }
}

/// <summary>Body limit on a SQLite file.</summary>
public sealed class BodyLimitOnSqlite(SqliteFixture fixture)
    : BodyLimitSpecs(fixture),
        IClassFixture<SqliteFixture>;

/// <summary>Body limit on PostgreSQL.</summary>
[Postgres]
public sealed class BodyLimitOnPostgres(PostgresFixture fixture)
    : BodyLimitSpecs(fixture),
        IClassFixture<PostgresFixture>;
