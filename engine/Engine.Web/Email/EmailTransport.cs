using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Engine.Core.Email;
using Microsoft.Extensions.Options;

namespace Engine.Web.Email;

/// <summary>Hands one queued email to whatever delivers it; throws if it was not accepted.</summary>
public interface IEmailTransport
{
    Task SendAsync(QueuedEmail email, CancellationToken ct);
}

/// <summary>
/// The framework's own SMTP client (System.Net.Mail), either to a relay or, by default, as .eml files in
/// data/email/&lt;tenant&gt;/ (its "pickup directory" delivery: the same message a relay would get).
/// </summary>
public sealed class SmtpEmailTransport(IOptionsMonitor<EmailOptions> options, string folder) : IEmailTransport
{
    public async Task SendAsync(QueuedEmail email, CancellationToken ct)
    {
        var o = options.CurrentValue;
        using var message = Build(email, eightBit: o.Delivery == EmailDelivery.Folder);
        using var client = new SmtpClient();
        if (o.Delivery == EmailDelivery.Folder)
        {
            var tenantFolder = Path.Combine(folder, email.TenantId);
            Directory.CreateDirectory(tenantFolder);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = tenantFolder;
        }
        else
        {
            client.Host = o.SmtpHost;
            client.Port = o.SmtpPort;
            client.EnableSsl = o.EnableSsl;
            client.Timeout = (int)o.SmtpTimeout.TotalMilliseconds;
            if (!string.IsNullOrEmpty(o.UserName)) client.Credentials = new NetworkCredential(o.UserName, o.Password);
        }
        await client.SendMailAsync(message, ct);
    }

    /// <summary>
    /// multipart/alternative: the plain text first, then the HTML, which mail clients prefer when they can show it
    /// (RFC 2046: the last part is the richest). An email queued before emails had an HTML part goes as plain text.
    /// </summary>
    /// <param name="eightBit">Files keep UTF-8 as it is, to be readable; over SMTP, quoted-printable needs no server extension.</param>
    public static MailMessage Build(QueuedEmail email, bool eightBit)
    {
        var from = new MailAddress(email.From);
        var encoding = eightBit ? TransferEncoding.EightBit : TransferEncoding.QuotedPrintable;
        var message = new MailMessage
        {
            From = from,
            Subject = email.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = email.Body,
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = encoding,
            IsBodyHtml = false,
            HeadersEncoding = Encoding.UTF8,
        };
        if (email.Html is { } html)
        {
            var htmlPart = AlternateView.CreateAlternateViewFromString(html, Encoding.UTF8, MediaTypeNames.Text.Html);
            htmlPart.TransferEncoding = encoding;
            message.AlternateViews.Add(htmlPart);
        }
        message.To.Add(new MailAddress(email.To, email.ToName));
        if (email.ReplyTo is { } replyTo) message.ReplyToList.Add(new MailAddress(replyTo));
        // The same id on every attempt: if a crash came between the relay accepting it and the outbox
        // recording that, the second copy carries the first one's id and mail systems can drop it.
        message.Headers["Message-ID"] = $"<email-{email.Id}.{email.TenantId}@{from.Host}>";
        message.Headers["Auto-Submitted"] = "auto-generated";
        message.Headers["X-Engine-Email-Kind"] = email.Kind.Key();
        if (email.UnsubscribeUrl is { } unsubscribe)
        {
            // RFC 8058: a mail client may unsubscribe with one POST, without opening a page.
            message.Headers["List-Unsubscribe"] = $"<{unsubscribe}>";
            message.Headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
        }
        return message;
    }
}
