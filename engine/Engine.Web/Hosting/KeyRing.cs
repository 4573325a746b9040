using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Engine.Web.Hosting;

/// <summary>
/// Engine:KeyRing: the certificate that encrypts the Data Protection key ring where it is kept (the data folder's keys/, or
/// the database with PostgreSQL). The key ring signs sign-in cookies and anti-forgery tokens: kept in the clear, whoever
/// holds a backup can forge any member's sign-in. With a certificate, the backup holds keys only the certificate's private
/// key can open. Retired certificates still open the keys made under them, so a certificate can be replaced without
/// signing everybody out.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "Engine:KeyRing";

    /// <summary>A PKCS#12 (.pfx) file with the certificate and its private key, and its password (from the environment).</summary>
    public CertificateFile? Certificate { get; set; }

    /// <summary>Certificates replaced by <see cref="Certificate"/>: they open old keys and encrypt nothing.</summary>
    public List<CertificateFile> Retired { get; set; } = [];
}

public sealed class CertificateFile
{
    public string Path { get; set; } = "";
    public string? Password { get; set; }
}

public static class KeyRing
{
    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var protection = services.AddDataProtection();
        if (options.Certificate is not { } current)
        {
            if (environment.IsProduction())
                services.AddHostedService(sp => new UnencryptedKeyRingWarning(sp.GetRequiredService<ILogger<KeyRingOptions>>()));
            return services;
        }
        var certificate = Load(current, $"{KeyRingOptions.Section}:Certificate", environment.ContentRootPath);
        var retired = options.Retired.Select((file, i) => Load(file, $"{KeyRingOptions.Section}:Retired:{i}", environment.ContentRootPath));
        protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate([certificate, .. retired]);
        return services;
    }

    /// <summary>A certificate that cannot decrypt is refused at start-up, naming the setting and the file, not at the first sign-in.</summary>
    private static X509Certificate2 Load(CertificateFile file, string setting, string contentRoot)
    {
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(contentRoot, file.Path));
        if (file.Path.Length == 0 || !File.Exists(path))
            throw new InvalidOperationException($"{setting}:Path: no certificate file at '{path}'.");
        X509Certificate2 certificate;
        try { certificate = X509CertificateLoader.LoadPkcs12FromFile(path, file.Password, X509KeyStorageFlags.EphemeralKeySet); }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"{setting}: '{path}' is not a PKCS#12 (.pfx) file this password opens: {e.Message}", e);
        }
        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
            throw new InvalidOperationException($"{setting}: '{path}' has no RSA private key: the key ring needs one to encrypt and decrypt its keys.");
        return certificate;
    }

    private sealed class UnencryptedKeyRingWarning(ILogger logger) : IHostedService
    {
        public Task StartAsync(CancellationToken ct)
        {
            logger.LogWarning("The Data Protection key ring is kept unencrypted: anyone with a backup of it can forge sign-ins. Set {Setting} (docs/deploy.md)",
                KeyRingOptions.Section + ":Certificate:Path");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
