using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Engine.Web.Tests.Hosting;

/// <summary>
/// The key ring that signs sign-in cookies is kept encrypted with the operator's certificate: a copy of the data folder
/// alone opens nothing, the engine restarted with the certificate keeps everybody signed in, and a replaced
/// certificate kept as retired still opens the keys made under it.
/// </summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "engine-key-ring-tests", Guid.NewGuid().ToString("N"));

    public KeyRingTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The engine on a data folder of the test's own (so a second engine can start on the same keys), on SQLite.</summary>
    private sealed class App(string data, IReadOnlyDictionary<string, string> settings) : EngineApp
    {
        protected override bool OnPostgresStore => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Engine:DataPath", data);
            UseSettings(builder, settings);
        }

        public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://alpha.test/"), HandleCookies = false, AllowAutoRedirect = false });
    }

    private string Certificate(string name, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    private static Dictionary<string, string> With(string? certificate, string? retired = null)
    {
        var settings = new Dictionary<string, string>();
        if (certificate is not null) (settings["Engine:KeyRing:Certificate:Path"], settings["Engine:KeyRing:Certificate:Password"]) = (certificate, "first secret");
        if (retired is not null) (settings["Engine:KeyRing:Retired:0:Path"], settings["Engine:KeyRing:Retired:0:Password"]) = (retired, "first secret");
        return settings;
    }

    /// <summary>A page for members only: a visitor is sent to sign in.</summary>
    private static async Task<HttpStatusCode> MemberPage(App app, string cookie)
    {
        using var http = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "account/data");
        request.Headers.Add("Cookie", cookie);
        return (await http.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task The_key_ring_is_encrypted_and_only_the_certificate_opens_it_after_a_restart()
    {
        var data = Path.Combine(_folder, "data");
        var first = Certificate("first", "first secret");
        string cookie;
        await using (var app = new App(data, With(first)))
        {
            using var http = app.Client();
            var signIn = await Visitor.RegisterAndSignInAsync(http, TestEmail.Unique(), "Pat Example");
            cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
            (await MemberPage(app, cookie)).Should().Be(HttpStatusCode.OK);
        }

        var keys = Directory.GetFiles(Path.Combine(data, "keys"), "key-*.xml");
        keys.Should().NotBeEmpty();
        foreach (var key in keys)
            File.ReadAllText(key).Should().Contain("EncryptedData").And.Contain("X509Certificate").And.NotContain("unencrypted form");

        await using (var restarted = new App(data, With(first)))
            (await MemberPage(restarted, cookie)).Should().Be(HttpStatusCode.OK, "the same certificate opens the same keys");

        var second = Certificate("second", "first secret");
        await using (var replaced = new App(data, With(second, retired: first)))
            (await MemberPage(replaced, cookie)).Should().Be(HttpStatusCode.OK, "the retired certificate still opens the keys made under it");

        await using (var copied = new App(data, With(null)))
            (await MemberPage(copied, cookie)).Should().Be(HttpStatusCode.Redirect, "to sign in: a copy of the data folder without the certificate cannot check a sign-in");
    }

    [Fact]
    public async Task A_certificate_file_that_is_missing_or_has_the_wrong_password_stops_the_start_naming_the_setting()
    {
        var missing = Path.Combine(_folder, "nowhere.pfx");
        await using (var app = new App(Path.Combine(_folder, "a"), With(missing)))
        {
            var start = () => app.Client();
            start.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("Engine:KeyRing:Certificate:Path").And.Contain(missing);
        }

        var certificate = Certificate("wrong-password", "another secret");
        await using (var app = new App(Path.Combine(_folder, "b"), With(certificate)))
        {
            var start = () => app.Client();
            start.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("Engine:KeyRing:Certificate").And.Contain("password");
        }
    }
}
