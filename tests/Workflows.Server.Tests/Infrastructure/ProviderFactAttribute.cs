// [ProviderFact]: a scenario written once in an abstract base class and run by one derived class per database provider.
// The idea is the data tests' [PostgresFact], moved to discovery time: a derived class marked [Postgres] has its
// inherited scenarios skipped, with the reason, when WORKFLOWS_TEST_POSTGRES is unset.
using Xunit.Sdk;

namespace Workflows.Server.Tests.Infrastructure;

/// <summary>A fact skipped when its class is marked <see cref="PostgresAttribute"/> and PostgreSQL is not configured.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer(
    "Workflows.Server.Tests.Infrastructure.ProviderFactDiscoverer",
    "Workflows.Server.Tests"
)]
public sealed class ProviderFactAttribute : FactAttribute;
