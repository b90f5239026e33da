// The clock MemoryCache expires entries by, following the server's TimeProvider (a test's hand-driven one included).
namespace Workflows.Server.Auth;

internal sealed class TimeProviderClock(TimeProvider time)
    : Microsoft.Extensions.Internal.ISystemClock
{
    public DateTimeOffset UtcNow => time.GetUtcNow();
}
