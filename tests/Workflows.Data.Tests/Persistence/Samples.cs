// Builders of valid rows for the persistence specifications; times are whole seconds in UTC so every provider stores them exactly.
using Workflows.Data.Entities;

namespace Workflows.Data.Tests.Persistence;

internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    public static DefinitionEntity Definition(string key) =>
        new()
        {
            Id = Guid.NewGuid(),
            Key = key,
            Version = 1,
            Name = "科技项目申报",
            NameEn = "Science project application",
            ContentHash = new string('a', 64),
            Xml = "<definitions/>",
            DeployedBy = "admin",
            DeployedAt = T0,
            Status = DefinitionStatuses.Published,
        };

    public static InstanceEntity Instance(DefinitionEntity definition) =>
        new()
        {
            Id = Guid.NewGuid(),
            DefinitionId = definition.Id,
            DefinitionKey = definition.Key,
            DefinitionVersion = definition.Version,
            BusinessKey = "KJJ-2026-" + Guid.NewGuid().ToString("N")[..6],
            Status = "Running",
            StateJson = "{\"tokens\":[]}",
            Version = 1,
            StartedBy = "zhangsan",
            CreatedAt = T0,
            UpdatedAt = T0,
        };

    public static TaskEntity Task(
        InstanceEntity instance,
        string id,
        DateTimeOffset? dueAt = null
    ) =>
        new()
        {
            Id = id,
            InstanceId = instance.Id,
            ElementId = "review",
            Name = "初审",
            NameEn = "First review",
            DefinitionKey = instance.DefinitionKey,
            BusinessKey = instance.BusinessKey,
            Status = TaskStatuses.Open,
            Priority = 50,
            FormKey = "review-form",
            DueAt = dueAt ?? T0.AddDays(5),
            CreatedAt = T0,
            CandidateGroups = "bureau:kjj/reviewer",
            Version = 1,
            LocalVariablesJson = "{\"opinion\":null}",
            SlaJson = "{\"limit\":\"5wd\"}",
        };

    public static TimerEntity Timer(string kind, DateTimeOffset dueAt) =>
        new()
        {
            Id = "tmr-" + Guid.NewGuid().ToString("N"),
            Kind = kind,
            DueAt = dueAt,
            Status = TimerStatuses.Pending,
            CreatedAt = T0,
            Version = 1,
        };

    public static OutboxEntity Outbox(string idempotencyKey) =>
        new()
        {
            Type = "notify",
            PayloadJson = "{}",
            IdempotencyKey = idempotencyKey,
            CreatedAt = T0,
        };
}
