namespace Workflows.Server.Api;

/// <summary>A page of results with the total count.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

/// <summary>Page number and size from query parameters, clamped (size 1–200, default 50).</summary>
public readonly record struct Paging(int Number, int Size)
{
    /// <summary>Rows to skip.</summary>
    public int Skip => (Number - 1) * Size;

    /// <summary>Reads and clamps.</summary>
    public static Paging Of(int? page, int? pageSize) =>
        new(Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 50, 1, 200));
}
