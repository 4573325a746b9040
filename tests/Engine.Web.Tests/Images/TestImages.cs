using System.Text;
using SkiaSharp;

namespace Engine.Web.Tests.Images;

/// <summary>Image files made in the test, good and bad, with SkiaSharp and a few bytes written by hand.</summary>
public static class TestImages
{
    public const string GpsMark = "GPSMARK-51.5014N";

    public static byte[] Encoded(SKEncodedImageFormat format, int width = 64, int height = 48)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SeaGreen);
            using var paint = new SKPaint { Color = SKColors.Gold };
            canvas.DrawRect(0, 0, width / 2f, height / 2f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(format, 90).ToArray();
    }

    public static byte[] Jpeg(int width = 64, int height = 48) => Encoded(SKEncodedImageFormat.Jpeg, width, height);
    public static byte[] Png(int width = 64, int height = 48) => Encoded(SKEncodedImageFormat.Png, width, height);

    /// <summary>A JPEG with an EXIF block (APP1) holding a GPS directory, as a phone writes where a photo was taken.</summary>
    public static byte[] JpegWithGps()
    {
        var jpeg = Jpeg();
        var mark = Encoding.ASCII.GetBytes(GpsMark + "\0");
        var tiff = new List<byte>();
        void U16(int v) { tiff.Add((byte)v); tiff.Add((byte)(v >> 8)); }
        void U32(int v) { U16(v & 0xFFFF); U16(v >> 16); }
        tiff.AddRange("II"u8.ToArray()); U16(42); U32(8);
        // IFD0 at 8: one entry, the GPS directory's offset (26).
        U16(1); U16(0x8825); U16(4); U32(1); U32(26); U32(0);
        // GPS IFD at 26: latitude ref "N", and the map datum, a string stored after the directory (at 26 + 2 + 24 + 4 = 56).
        U16(2);
        U16(0x0001); U16(2); U32(2); tiff.Add((byte)'N'); tiff.Add(0); tiff.Add(0); tiff.Add(0);
        U16(0x0012); U16(2); U32(mark.Length); U32(56);
        U32(0);
        tiff.AddRange(mark);
        var exif = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = exif.Length + 2;
        byte[] app1 = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. exif];
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    /// <summary>A real PNG whose header claims <paramref name="side"/> by <paramref name="side"/> pixels (its checksum made right).</summary>
    public static byte[] PngClaiming(int side)
    {
        var png = Png(8, 8);
        // The IHDR chunk's data starts at 16: width, height (big-endian), then its CRC after 13 bytes of data at 29.
        byte[] BigEndian(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];
        BigEndian(side).CopyTo(png, 16);
        BigEndian(side).CopyTo(png, 20);
        BigEndian((int)Crc32(png.AsSpan(12, 17))).CopyTo(png, 29);
        return png;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    public static bool Contains(byte[] haystack, string ascii) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(ascii)) >= 0;
}
