// Discovers [ProviderFact] tests, skipping those of a [Postgres] class when the server is not configured.
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Workflows.Server.Tests.Infrastructure;

/// <summary>The discoverer behind <see cref="ProviderFactAttribute"/>.</summary>
public sealed class ProviderFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions options,
        ITestMethod testMethod,
        IAttributeInfo factAttribute
    )
    {
        var display = options.MethodDisplayOrDefault();
        var displayOptions = options.MethodDisplayOptionsOrDefault();
        var needsPostgres = testMethod
            .TestClass.Class.GetCustomAttributes(typeof(PostgresAttribute))
            .Any();
        if (needsPostgres && PostgresAttribute.ConnectionString is null)
            yield return new XunitSkippedDataRowTestCase(
                diagnostics,
                display,
                displayOptions,
                testMethod,
                PostgresAttribute.SkipReason
            );
        else
            yield return new XunitTestCase(diagnostics, display, displayOptions, testMethod);
    }
}
