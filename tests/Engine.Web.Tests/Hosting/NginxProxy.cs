using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Engine.Web.Tests.Hosting;

/// <summary>
/// Debian's nginx, run as a child process with its own prefix folder (no system service), serving the site config
/// docs/deploy.md gives, changed only where a test must: its ports, a throwaway self-signed certificate, the engine's
/// port, and the address nginx connects to the engine from (<see cref="Address"/>, a loopback address of its own, so
/// the engine can tell the proxy from a client that connects to it directly). Killed when disposed.
/// </summary>
public sealed partial class NginxProxy : IDisposable
{
    public const string Program = "/usr/sbin/nginx";
    /// <summary>Where nginx's connections to the engine come from: the engine's one known proxy.</summary>
    public static readonly IPAddress Address = IPAddress.Parse("127.0.0.2");

    private readonly string _prefix = Path.Combine(Path.GetTempPath(), "engine-nginx", Guid.NewGuid().ToString("N"));
    private readonly Process _process;

    public int HttpsPort { get; }
    public int HttpPort { get; }
    public X509Certificate2 Certificate { get; }

    public NginxProxy(int enginePort, string host)
    {
        if (!File.Exists(Program))
            throw new InvalidOperationException($"{Program} is missing: install Debian's nginx (apt-get install -y nginx; bash .ci/run and the Test target do).");
        Directory.CreateDirectory(_prefix);
        Certificate = WriteCertificate(host);
        HttpsPort = FreePort();
        HttpPort = FreePort();
        var site = DocumentedSite()
            .Replace("listen 443 ssl http2;", $"listen 127.0.0.1:{HttpsPort} ssl http2;")
            .Replace("listen 80;", $"listen 127.0.0.1:{HttpPort};")
            .Replace("listen [::]:443 ssl http2;", "")
            .Replace("listen [::]:80;", "")
            .Replace("/etc/ssl/engine/", _prefix + "/")
            .Replace("server 127.0.0.1:5080;", $"server 127.0.0.1:{enginePort};")
            .Replace("proxy_pass http://engine;", $"proxy_pass http://engine;\n        proxy_bind {Address};");
        File.WriteAllText(Path.Combine(_prefix, "nginx.conf"), $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{_prefix}}/nginx.pid;
            error_log {{_prefix}}/error.log warn;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path {{_prefix}}/body;
                proxy_temp_path {{_prefix}}/proxy;
                fastcgi_temp_path {{_prefix}}/fastcgi;
                uwsgi_temp_path {{_prefix}}/uwsgi;
                scgi_temp_path {{_prefix}}/scgi;
            {{site}}
            }
            """);
        _process = Process.Start(new ProcessStartInfo(Program, ["-p", _prefix, "-c", Path.Combine(_prefix, "nginx.conf"), "-e", Path.Combine(_prefix, "error.log")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        WaitUntilListening();
    }

    /// <summary>The documented config: the fenced nginx block in docs/deploy.md.</summary>
    public static string DocumentedSite()
    {
        var doc = File.ReadAllText(Path.Combine(TestRepository.Root, "docs", "deploy.md"));
        var block = NginxBlock().Match(doc);
        block.Success.Should().BeTrue("docs/deploy.md gives the nginx site config in a ```nginx block");
        return block.Groups[1].Value;
    }

    /// <summary>
    /// A client of the proxy that connects from <paramref name="from"/> (a loopback address: every client may have its
    /// own), whatever host the address names, and trusts this proxy's certificate and no other.
    /// </summary>
    public HttpClient Client(IPAddress from, string host)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHashString() == Certificate.GetCertHashString();
        return new HttpClient(handler) { BaseAddress = new Uri($"https://{host}:{HttpsPort}/") };
    }

    private X509Certificate2 WriteCertificate(string host)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(_prefix, "fullchain.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_prefix, "privkey.pem"), key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilListening()
    {
        for (var tries = 0; tries < 100; tries++)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {_process.StandardError.ReadToEnd()} {ErrorLog()}");
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, HttpsPort);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new InvalidOperationException($"nginx did not listen on {HttpsPort} within 10 s: {ErrorLog()}");
    }

    private string ErrorLog() => File.Exists(Path.Combine(_prefix, "error.log")) ? File.ReadAllText(Path.Combine(_prefix, "error.log")) : "";

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        Certificate.Dispose();
        try { Directory.Delete(_prefix, recursive: true); } catch (IOException) { /* best effort */ }
    }

    [GeneratedRegex("```nginx\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex NginxBlock();
}
