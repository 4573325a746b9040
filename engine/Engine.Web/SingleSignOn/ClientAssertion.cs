using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Engine.Web.SingleSignOn;

/// <summary>
/// <c>private_key_jwt</c> client authentication (RFC 7523, OpenID Connect Core 9): instead of a secret, the site sends a short-lived
/// JWT about itself signed with its private key, whose public half the provider holds (NHS login asks for RS512).
/// </summary>
public static class ClientAssertion
{
    public const string Type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <param name="privateKeyPem">The site's RSA private key in PEM, from configuration.</param>
    public static string Make(string clientId, string tokenEndpoint, string privateKeyPem, DateTimeOffset now)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        // Not cached: the key is disposed of once the assertion is signed.
        var key = new RsaSecurityKey(rsa) { CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } };
        key.KeyId = Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false))).ComputeJwkThumbprint());
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            // The token endpoint, as NHS login (and OpenID Connect Core 9) asks.
            Audience = tokenEndpoint,
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString("N") },
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddMinutes(5).UtcDateTime,
            // The explicit type RFC 7523bis asks for, so the assertion cannot be taken for another kind of JWT; providers that
            // check the type (OpenIddict does) refuse the generic "JWT", and those that do not check it accept this.
            TokenType = "client-authentication+jwt",
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha512),
        });
    }
}
