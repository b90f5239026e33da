// Lets the writers of one SQLite database in this process take turns in a queue instead of polling its write lock.
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Workflows.Data;

/// <summary>
/// SQLite has one writer at a time. A second writer that finds the lock taken sleeps in SQLite's busy handler (1, 2, 5,
/// 10 ms … up to the busy timeout) and tries again, so under concurrent commands the lock sat idle while writers slept
/// and both cores were not busy. Saves of the same database file in this process therefore queue on an async semaphore
/// first and take the lock in turn, without sleeping. Only saves that open their own transaction queue: a caller's open
/// transaction may hold the lock already, and waiting here for a writer that waits for that lock would deadlock. A
/// writer of another process still meets the busy handler, and a wait longer than the busy timeout goes on without the
/// gate, so nothing can wait here forever.
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    // As long as the busy timeout set by SqlitePragmaInterceptor: past it the save would have failed anyway.
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    /// <summary>Waits for the database's turn; dispose the result after the save. Null when no turn is needed.</summary>
    public static async Task<IDisposable?> EnterAsync(WorkflowsDbContext db, CancellationToken cancellationToken)
    {
        if (Gate(db) is not { } gate)
            return null;
        return await gate.WaitAsync(MaxWait, cancellationToken) ? new Turn(gate) : null;
    }

    /// <summary>The synchronous twin of <see cref="EnterAsync"/>.</summary>
    public static IDisposable? Enter(WorkflowsDbContext db)
    {
        if (Gate(db) is not { } gate)
            return null;
        return gate.Wait(MaxWait) ? new Turn(gate) : null;
    }

    private static SemaphoreSlim? Gate(WorkflowsDbContext db) =>
        db.Database.ProviderName == WorkflowsDbContext.SqliteProviderName
        && db.Database.CurrentTransaction is null
        && db.Database.GetConnectionString() is { Length: > 0 } connectionString
            ? Gates.GetOrAdd(connectionString, static _ => new SemaphoreSlim(1, 1))
            : null;

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
        }
    }
}
