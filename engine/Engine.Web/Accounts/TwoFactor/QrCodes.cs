using System.Text;
using QRCoder;

namespace Engine.Web.Accounts.TwoFactor;

/// <summary>The enrol page's QR code, drawn here as SVG: the key never leaves the site to be drawn.</summary>
public static class QrCodes
{
    /// <summary>An SVG image of <paramref name="text"/> in a data: address, which the site's Content-Security-Policy allows for images.</summary>
    public static string SvgDataUrl(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(5);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }
}
