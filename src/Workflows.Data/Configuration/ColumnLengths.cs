// Maximum lengths of indexed string columns: SQL Server cannot index nvarchar(max), and an index key must stay under 1700 bytes.
namespace Workflows.Data.Configuration;

internal static class ColumnLengths
{
    /// <summary>Identity user ids are nvarchar(450) in ASP.NET Core Identity; columns holding them match.</summary>
    public const int UserId = 450;
    public const int Key = 200;
    public const int Status = 40;
    public const int EngineId = 80;
    public const int ElementId = 200;
    public const int Kind = 40;
    public const int GroupId = 200;
    public const int BusinessKey = 200;
    public const int Name = 400;
    public const int MessageName = 200;
    public const int CorrelationKey = 400;
    public const int Sha256Hex = 64;
    public const int Action = 100;
    public const int FormKey = 200;
    public const int NodeId = 200;
}
