using Workflows.Data.Entities;

namespace Workflows.Server.Application.Dashboard;

/// <summary>One page of supervision records, latest breach first, with each case's business key.</summary>
public sealed record SupervisionRows(
    IReadOnlyList<SupervisionRecordEntity> Rows,
    int Total,
    IReadOnlyDictionary<Guid, string?> BusinessKeys
);
