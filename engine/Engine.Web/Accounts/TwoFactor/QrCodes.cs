using QRCoder;

namespace Engine.Web.Accounts.TwoFactor;

/// <summary>The enrol page's QR code, drawn here as SVG: the key never leaves the site to be drawn.</summary>
public static class QrCodes
{
    /// <summary>An SVG image of <paramref name="text"/>.</summary>
    public static string Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(5);
    }
}
