namespace Engine.Core.Exports;

/// <summary>
/// Between ZipArchive and a response, which forbids synchronous writes (Kestrel throws). .NET 10's zip writes
/// asynchronously except where an entry's stream is closed: the compressor's last block and the sizes after it are
/// written synchronously. Those few kilobytes wait here until the next asynchronous write or <see cref="DrainAsync"/>;
/// everything else passes straight through.
/// </summary>
internal sealed class AsyncOnlyOutput(Stream output) : Stream
{
    private readonly MemoryStream _held = new();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;

    public override void Write(byte[] buffer, int offset, int count) => _held.Write(buffer, offset, count);
    public override void Write(ReadOnlySpan<byte> buffer) => _held.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        await DrainAsync(ct);
        await output.WriteAsync(buffer, ct);
    }

    /// <summary>Sends what was written synchronously.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        if (_held.Length == 0) return;
        await output.WriteAsync(_held.GetBuffer().AsMemory(0, (int)_held.Length), ct);
        _held.SetLength(0);
    }

    // A synchronous flush has nothing it may do; the asynchronous one sends what is held.
    public override void Flush() { }

    public override async Task FlushAsync(CancellationToken ct)
    {
        await DrainAsync(ct);
        await output.FlushAsync(ct);
    }

    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
