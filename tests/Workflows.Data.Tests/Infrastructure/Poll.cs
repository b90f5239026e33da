// Waiting in a spec for something another task does, without guessing how long it takes on a busy machine.
namespace Workflows.Data.Tests.Infrastructure;

/// <summary>Polls a condition until it holds, failing the spec when it has not within the limit.</summary>
public static class Poll
{
    /// <summary>Waits until <paramref name="condition"/> holds; fails naming <paramref name="what"/> after <paramref name="limit"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting until " + what);
            await Task.Delay(10);
        }
    }
}
