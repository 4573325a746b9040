using System.Text;
using Engine.Core.Administration;

namespace Engine.Core.Tests.Administration;

public class BrandingRulesTests
{
    [Theory]
    [InlineData("#ffffff", 1.0)]
    [InlineData("#000000", 21.0)]
    [InlineData("#005eb8", 6.4)] // NHS blue
    [InlineData("#767676", 4.5)] // the lightest grey that passes
    [InlineData("#ffeb3b", 1.2)]
    public void Contrast_with_white_follows_wcag(string colour, double ratio) =>
        ChangeBranding.ContrastWithWhite(colour).Should().BeApproximately(ratio, 0.05);

    [Fact]
    public void Logos_are_recognised_by_their_bytes_never_by_their_name()
    {
        LogoImage.Detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]).Should().Be("png");
        LogoImage.Detect([0xFF, 0xD8, 0xFF, 0xE0]).Should().Be("jpg");
        LogoImage.Detect(Encoding.ASCII.GetBytes("RIFF\0\0\0\0WEBPVP8 ")).Should().Be("webp");
        LogoImage.Detect(Encoding.ASCII.GetBytes("RIFF\0\0\0\0WAVEfmt ")).Should().BeNull("a RIFF file that is not WebP");
        LogoImage.Detect(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")).Should().BeNull();
        LogoImage.Detect(Encoding.UTF8.GetBytes("GIF89a")).Should().BeNull();
        LogoImage.Detect([0x89, 0x50]).Should().BeNull("too short to be anything");
    }
}
