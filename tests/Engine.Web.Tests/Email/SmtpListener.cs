using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Engine.Web.Tests.Email;

/// <summary>
/// A small SMTP server on loopback for tests, speaking just enough of RFC 5321 for System.Net.Mail's client:
/// EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT. It keeps every message it accepted, and can refuse
/// the next few transactions with a temporary failure, as a busy relay does.
/// </summary>
public sealed partial class SmtpListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedEmail> _received = new();
    private int _refuse;
    private readonly Task _accepting;

    public SmtpListener()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public IReadOnlyList<ReceivedEmail> Received => _received.ToList();
    /// <summary>How many transactions were refused so far.</summary>
    public int Refused { get; private set; }

    /// <summary>Answers the next <paramref name="count"/> MAIL FROM commands with 451 (try again later).</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref _refuse, count);

    public IReadOnlyList<ReceivedEmail> To(string address) =>
        Received.Where(m => m.Recipients.Contains(address, StringComparer.OrdinalIgnoreCase)).ToList();

    /// <summary>Waits until <paramref name="count"/> messages to <paramref name="address"/> (matching <paramref name="where"/>) have arrived.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(string address, Func<ReceivedEmail, bool>? where = null, int count = 1, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var found = To(address).Where(where ?? (_ => true)).ToList();
            if (found.Count >= count) return found;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Expected {count} email(s) to {address}; got {found.Count}. All received: " +
                    string.Join("; ", Received.Select(m => $"{string.Join(",", m.Recipients)}: {m.Subject}")));
            await Task.Delay(50);
        }
    }

    public async Task<ReceivedEmail> WaitForKindAsync(string address, string kind, int seconds = 20) =>
        (await WaitForAsync(address, m => m.Header("X-Engine-Email-Kind") == kind, 1, seconds)).Last();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => ConverseAsync(client));
        }
    }

    private async Task ConverseAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.Latin1);
        var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost test SMTP");
        string? from = null;
        var to = new List<string>();
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost");
                        await writer.WriteLineAsync("250 HELP");
                        break;
                    case "HELO":
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RSET":
                        from = null; to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "MAIL":
                        if (Interlocked.Decrement(ref _refuse) >= 0)
                        {
                            Refused++;
                            await writer.WriteLineAsync("451 4.3.0 Try again later");
                            break;
                        }
                        Interlocked.Exchange(ref _refuse, 0);
                        from = Address(line);
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        to.Add(Address(line));
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                            data.Append(dataLine.StartsWith("..") ? dataLine[1..] : dataLine).Append("\r\n");
                        _received.Enqueue(ReceivedEmail.Parse(from ?? "", to.ToList(), data.ToString()));
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (IOException) { /* the client went away */ }
    }

    private static string Address(string line) => AngleAddress().Match(line) is { Success: true } m ? m.Groups[1].Value : line.Split(':', 2)[1].Trim();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _accepting; } catch { /* stopping */ }
    }

    [GeneratedRegex("<([^>]*)>")] private static partial Regex AngleAddress();
}

/// <summary>
/// A message as the server got it: envelope, unfolded headers (encoded words decoded), the decoded plain text
/// (<see cref="Body"/>) and, for a multipart/alternative message, its decoded HTML part (<see cref="Html"/>).
/// </summary>
public sealed partial record ReceivedEmail(string MailFrom, IReadOnlyList<string> Recipients, IReadOnlyDictionary<string, string> Headers, string Body, string Raw,
    string? Html = null)
{
    public string Subject => Header("Subject") ?? "";
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    /// <summary>The first link in the body that starts with the site and contains <paramref name="path"/>.</summary>
    public string Link(string path) => LinkPattern().Matches(Body).Select(m => m.Value).First(u => u.Contains(path));

    public static ReceivedEmail Parse(string from, List<string> to, string raw)
    {
        var (headers, body) = Part(raw);
        if (!(headers.GetValueOrDefault("Content-Type") is { } type && type.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)))
            return new ReceivedEmail(from, to, headers, Decode(headers, body), raw);
        var boundary = Boundary().Match(type).Groups[1].Value.Trim('"');
        var parts = body.Split("--" + boundary).Skip(1).Where(p => !p.StartsWith("--")).Select(p => Part(p.TrimStart('\r', '\n'))).ToList();
        string? Of(string mediaType) => parts.Where(p => p.Headers.GetValueOrDefault("Content-Type", "").StartsWith(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(p => Decode(p.Headers, p.Body)).FirstOrDefault();
        return new ReceivedEmail(from, to, headers, Of("text/plain") ?? "", raw, Of("text/html"));
    }

    /// <summary>Unfolded headers, encoded words decoded, and what follows them.</summary>
    private static (Dictionary<string, string> Headers, string Body) Part(string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headerText = split < 0 ? raw : raw[..split];
        var bodyText = split < 0 ? "" : raw[(split + 4)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in headerText.Split("\r\n"))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && last is not null) { headers[last] += " " + line.Trim(); continue; }
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            last = line[..colon].Trim();
            headers[last] = line[(colon + 1)..].Trim();
        }
        foreach (var key in headers.Keys.ToList()) headers[key] = DecodeWords(headers[key]);
        return (headers, bodyText);
    }

    private static string Decode(Dictionary<string, string> headers, string bodyText)
    {
        var encoding = headers.GetValueOrDefault("Content-Transfer-Encoding", "7bit").ToLowerInvariant();
        var body = encoding switch
        {
            "quoted-printable" => DecodeQuotedPrintable(bodyText),
            "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(bodyText.Split("\r\n")))),
            _ => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(bodyText)),
        };
        return body.Replace("\r\n", "\n");
    }

    private static string DecodeQuotedPrintable(string text) => Encoding.UTF8.GetString(QuotedPrintableBytes(text));

    private static byte[] QuotedPrintableBytes(string text)
    {
        var bytes = new List<byte>();
        var source = Encoding.Latin1.GetBytes(text.Replace("=\r\n", ""));
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '=' && i + 2 < source.Length && Uri.IsHexDigit((char)source[i + 1]) && Uri.IsHexDigit((char)source[i + 2]))
            {
                bytes.Add(Convert.ToByte(Encoding.ASCII.GetString(source, i + 1, 2), 16));
                i += 2;
            }
            else bytes.Add(source[i]);
        }
        return bytes.ToArray();
    }

    private static string DecodeWords(string value)
    {
        // Adjacent encoded words are one text: the space between them is not part of it (RFC 2047).
        var joined = AdjacentWords().Replace(value, "$1$2");
        return EncodedWord().Replace(joined, m =>
        {
            var bytes = m.Groups[2].Value.ToUpperInvariant() == "B"
                ? Convert.FromBase64String(m.Groups[3].Value)
                : QuotedPrintableBytes(m.Groups[3].Value.Replace('_', ' '));
            return Encoding.GetEncoding(m.Groups[1].Value).GetString(bytes);
        });
    }

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")] private static partial Regex EncodedWord();
    [GeneratedRegex(@"(\?=)\s+(=\?)")] private static partial Regex AdjacentWords();
    [GeneratedRegex(@"https?://[^\s>]+")] private static partial Regex LinkPattern();
    [GeneratedRegex(@"boundary=(""[^""]+""|[^;\s]+)", RegexOptions.IgnoreCase)] private static partial Regex Boundary();
}
