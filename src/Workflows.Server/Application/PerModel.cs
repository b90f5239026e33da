// One set of compiled queries per EF Core model, because a compiled query refuses a model other than its first one.
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Workflows.Server.Application;

/// <summary>
/// Holds a set of compiled queries (<c>EF.CompileAsyncQuery</c>) per EF Core model. A compiled query throws when it runs
/// against a model other than the one it was compiled for, and one process may hold several (SQLite and PostgreSQL
/// hosts side by side in the tests), so each model gets its own set, created on first use and dropped with the model.
/// </summary>
/// <typeparam name="T">The class holding the compiled queries.</typeparam>
internal static class PerModel<T>
    where T : class, new()
{
    private static readonly ConditionalWeakTable<IModel, T> Sets = new();

    /// <summary>The set for the context's model.</summary>
    public static T Of(DbContext db) => Sets.GetValue(db.Model, static _ => new T());
}
