using System.Buffers;
using System.Text.Unicode;

namespace ChildrensWarehouse.Contract;

/// <summary>
/// Whether a record read from a file held bytes that are not UTF-8. The decoder puts U+FFFD in place of such bytes, but
/// U+FFFD is also a character a case system may store (a value it could not convert itself): a record with U+FFFD in a
/// file whose bytes are all valid UTF-8 is read as it is. Only a file with a U+FFFD in it is checked, once, so reading a
/// clean file costs nothing more. In a file that does hold invalid bytes, every record with U+FFFD is taken to be one
/// of them (docs/DECISIONS.md "Invalid UTF-8").
/// </summary>
public sealed class Utf8Validity(Func<Stream> open)
{
    public const string Problem = "not valid UTF-8";

    private bool? _fileValid;

    public static Utf8Validity OfFile(string path) => new(() => File.OpenRead(path));

    public static Utf8Validity OfBytes(byte[] bytes) => new(() => new MemoryStream(bytes, writable: false));

    /// <summary>True when the record's text stands for bytes that were not UTF-8.</summary>
    public bool Replaced(string text) => text.Contains('\uFFFD') && !(_fileValid ??= IsValid(open));

    /// <summary>Reads the stream through, in blocks, and says whether every byte belongs to a valid UTF-8 sequence.</summary>
    public static bool IsValid(Func<Stream> open)
    {
        using var stream = open();
        var bytes = ArrayPool<byte>.Shared.Rent(1 << 16);
        var chars = ArrayPool<char>.Shared.Rent(1 << 16);
        try
        {
            var carried = 0;   // the start of a sequence the last block cut off
            while (true)
            {
                var read = stream.Read(bytes, carried, bytes.Length - carried);
                var length = carried + read;
                var final = read == 0;
                var source = bytes.AsSpan(0, length);
                while (true)
                {
                    var status = Utf8.ToUtf16(source, chars, out var used, out _, replaceInvalidSequences: false, isFinalBlock: final);
                    source = source[used..];
                    if (status == OperationStatus.InvalidData) return false;
                    if (status != OperationStatus.DestinationTooSmall) break;
                }
                if (final) return true;
                source.CopyTo(bytes);
                carried = source.Length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
