using System.IO.Compression;
using Engine.Core.Exports;

namespace Engine.Core.Tests.Exports;

/// <summary>
/// The bundle.zip is written straight into the response, which (on Kestrel) refuses synchronous writes: the zip must reach
/// it whole through asynchronous writes only, and open as a zip of every dataset in both formats.
/// </summary>
public class ExportZipTests
{
    [Fact]
    public async Task The_zip_reaches_a_response_that_refuses_synchronous_writes_whole_and_opens_with_every_file()
    {
        var response = new ResponseLike();
        await ExportWriter.WriteZipAsync(new Snapshot(), response, CancellationToken.None);

        using var zip = new ZipArchive(new MemoryStream(response.Written.ToArray()), ZipArchiveMode.Read);
        zip.Entries.Select(e => e.FullName).Should().Equal(
            from d in Enum.GetValues<ExportDataset>() from f in new[] { "csv", "json" } select $"{d.Name()}.{f}");
        using var ideas = new StreamReader(zip.GetEntry("ideas.csv")!.Open());
        var lines = (await ideas.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(1 + Snapshot.Ideas);
        lines[^1].Should().StartWith($"{Snapshot.Ideas},waiting-well,Idea {Snapshot.Ideas},");
    }

    /// <summary>As Kestrel's response body: asynchronous writes only.</summary>
    private sealed class ResponseLike : Stream
    {
        public MemoryStream Written { get; } = new();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            Written.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
        public override Task FlushAsync(CancellationToken ct) => Task.CompletedTask;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private sealed class Snapshot : IExportSnapshot
    {
        // Enough that every entry's compressor writes blocks of its own before it is closed.
        public const int Ideas = 3000;
        private static readonly DateTimeOffset At = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

        public async IAsyncEnumerable<ExportedIdea> IdeasAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            for (var i = 1; i <= Ideas; i++)
            {
                await Task.Yield();
                yield return new ExportedIdea(i, "waiting-well", $"Idea {i}", $"Body of idea {i} {Guid.NewGuid()}", "submitted", null, true, null, At, i, 0, i, 0, null);
            }
        }

        public async IAsyncEnumerable<ExportedComment> CommentsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            await Task.Yield();
            yield return new ExportedComment(1, 1, "waiting-well", null, "A comment", "Pat", false, null, false, At);
        }

        public async IAsyncEnumerable<ExportedVoteTally> VotesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            await Task.Yield();
            yield return new ExportedVoteTally(1, "waiting-well", 2, 1, 3, 1);
        }

        public async IAsyncEnumerable<ExportedTheme> ThemesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            await Task.Yield();
            yield return new ExportedTheme(1, "waiting-well", "Keeping people informed", "", null, [1, 2]);
        }

        public async IAsyncEnumerable<ExportedBigIdea> BigIdeasAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            await Task.Yield();
            yield break;
        }

        public async IAsyncEnumerable<ExportedCode> CodesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            await Task.Yield();
            yield break;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
