// The shapes of comments, attachments and supplement notices in the task and case APIs.
using System.Text.Json.Nodes;
using Workflows.Data.Entities;

namespace Workflows.Server.Application.Tasks;

/// <summary>A comment.</summary>
public sealed record CommentDto(
    long Id,
    Guid InstanceId,
    string? TaskId,
    string Author,
    string Text,
    DateTimeOffset At
)
{
    /// <summary>From the row.</summary>
    public static CommentDto Of(TaskCommentEntity c) =>
        new(c.Id, c.InstanceId, c.TaskId, c.Author, c.Text, c.At);
}

/// <summary>An attachment's metadata (downloaded from <c>/api/attachments/{id}</c>).</summary>
public sealed record AttachmentDto(
    Guid Id,
    Guid InstanceId,
    string? TaskId,
    string? MaterialKey,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    string UploadedBy,
    DateTimeOffset UploadedAt
)
{
    /// <summary>From the row.</summary>
    public static AttachmentDto Of(AttachmentEntity a) =>
        new(
            a.Id,
            a.InstanceId,
            a.TaskId,
            a.MaterialKey,
            a.FileName,
            a.ContentType,
            a.Size,
            a.Sha256,
            a.UploadedBy,
            a.UploadedAt
        );
}

/// <summary>A supplement notice (补正通知).</summary>
public sealed record SupplementNoticeDto(
    Guid Id,
    Guid InstanceId,
    string TaskId,
    string ElementId,
    JsonNode? Items,
    string? Note,
    int Sequence,
    bool IsRepeat,
    string IssuedBy,
    DateTimeOffset IssuedAt,
    DateTimeOffset? AnsweredAt,
    string? AnsweredBy
)
{
    /// <summary>From the row.</summary>
    public static SupplementNoticeDto Of(SupplementNoticeEntity n) =>
        new(
            n.Id,
            n.InstanceId,
            n.TaskId,
            n.ElementId,
            JsonNode.Parse(n.ItemsJson),
            n.Note,
            n.Sequence,
            n.IsRepeat,
            n.IssuedBy,
            n.IssuedAt,
            n.AnsweredAt,
            n.AnsweredBy
        );
}
