// Sends a notification email (plain text + HTML, bilingual) through the configured SMTP server with MailKit.
using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Workflows.Server.Application.Notifications;

/// <summary>The SMTP channel.</summary>
public sealed class EmailSender(IOptionsMonitor<NotificationOptions> options)
{
    /// <summary>Sends one message; throws on any SMTP or network failure (the delivery job retries).</summary>
    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var smtp = options.CurrentValue.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
            throw new InvalidOperationException("Notifications:Smtp:Host is not configured.");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new BodyBuilder
        {
            TextBody = TextOf(body),
            HtmlBody = HtmlOf(subject, body),
        }.ToMessageBody();
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(
            smtp.Host,
            smtp.Port,
            smtp.EnableSsl ? SecureSocketOptions.Auto : SecureSocketOptions.None,
            ct
        );
        if (!string.IsNullOrEmpty(smtp.UserName))
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }

    /// <summary>The plain-text body: the bilingual text and a footer in both languages.</summary>
    public static string TextOf(string body) =>
        body
        + "\n\n——\n此邮件由政务服务工作流系统自动发送，请勿回复。\nSent automatically by the Workflows government service system; please do not reply.";

    /// <summary>The HTML body: one paragraph per line of the bilingual text.</summary>
    public static string HtmlOf(string subject, string body)
    {
        var paragraphs = string.Concat(
            body.Split('\n').Select(line => $"<p>{WebUtility.HtmlEncode(line)}</p>")
        );
        return $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(subject)}</title></head>"
            + $"<body><h3>{WebUtility.HtmlEncode(subject)}</h3>{paragraphs}<hr><p><small>此邮件由政务服务工作流系统自动发送，请勿回复。<br>"
            + "Sent automatically by the Workflows government service system; please do not reply.</small></p></body></html>";
    }
}
