using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text.Unicode;

namespace ChildrensWarehouse.Contract;

/// <summary>One record of a CSV file as bytes: the line it starts on, a hash of its bytes and where they are.</summary>
public readonly record struct RecordPrint(int Line, ulong Hash, int Start, int Length);

/// <summary>
/// Splits a CSV file into records without parsing their values, hashing each record's bytes: an incremental run
/// compares these with the last run's to find the records that changed, and parses only those
/// (docs/DECISIONS.md "Incremental reading"). It follows <see cref="CsvExtractSource"/>'s reading (RFC 4180, a BOM
/// skipped, blank lines skipped but counted) only for files it is sure of: anything else (bytes that are not UTF-8,
/// a quote inside an unquoted field, a quote left open, a lone carriage return) gives null, and the caller reads the
/// extract in full, where such records are quarantined with their reasons.
/// </summary>
public static class CsvRecordScan
{
    /// <summary>The records of the file (the header first), or null when the file is not plain enough to split here.</summary>
    public static RecordPrint[]? Scan(ReadOnlySpan<byte> file)
    {
        var start = file.StartsWith("\uFEFF"u8) ? 3 : 0;
        if (!Utf8.IsValid(file)) return null;
        // At most one record per line end, and one after the last: the array is made once at that size.
        var records = new RecordPrint[file.Count((byte)'\n') + 1];
        var count = 0;
        var line = 1;
        var i = start;
        while (i < file.Length)
        {
            var recordStart = i;
            var recordLine = line;
            var inQuotes = false;
            var end = -1;
            // Only quotes and line ends matter between them; commas only to say where a field starts (a quote may
            // open a field only at its start), which the byte before the quote tells.
            while (i < file.Length)
            {
                var next = file[i..].IndexOfAny(Special);
                if (next < 0)
                {
                    i = file.Length;
                    break;
                }
                i += next;
                var b = file[i];
                if (inQuotes)
                {
                    if (b == '"')
                    {
                        if (i + 1 < file.Length && file[i + 1] == '"')
                        {
                            i += 2;
                            continue;
                        }
                        inQuotes = false;
                        // A closing quote is followed by a separator, a line end or the end of the file.
                        if (i + 1 < file.Length && file[i + 1] is not ((byte)',' or (byte)'\r' or (byte)'\n')) return null;
                    }
                    else if (b == '\n')
                    {
                        line++;
                    }
                    else if (i + 1 >= file.Length || file[i + 1] != '\n')
                    {
                        return null;   // a carriage return alone
                    }
                    i++;
                    continue;
                }
                if (b == '"')
                {
                    if (i != recordStart && file[i - 1] != ',') return null;
                    inQuotes = true;
                    i++;
                    continue;
                }
                end = i;
                if (b == '\r')
                {
                    if (i + 1 >= file.Length || file[i + 1] != '\n') return null;
                    i += 2;
                }
                else
                {
                    i++;
                }
                break;
            }
            if (inQuotes) return null;
            if (end < 0) end = file.Length;   // the last record, without a line end
            else line++;
            var length = end - recordStart;
            if (length == 0) continue;   // a blank line: skipped, but counted
            records[count++] = new RecordPrint(recordLine, XxHash3.HashToUInt64(file.Slice(recordStart, length)), recordStart, length);
        }
        Array.Resize(ref records, count);
        return records;
    }

    private static readonly SearchValues<byte> Special = SearchValues.Create("\"\r\n"u8);

    /// <summary>The records' lines and hashes as bytes (12 per record), as stored in the warehouse.</summary>
    public static byte[] Pack(IReadOnlyList<RecordPrint> records)
    {
        var bytes = new byte[records.Count * 12];
        for (var r = 0; r < records.Count; r++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(r * 12, 4), records[r].Line);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(r * 12 + 4, 8), records[r].Hash);
        }
        return bytes;
    }

    public static (int Line, ulong Hash)[] Unpack(byte[] bytes)
    {
        var records = new (int, ulong)[bytes.Length / 12];
        for (var r = 0; r < records.Length; r++)
        {
            records[r] = (BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(r * 12, 4)), BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(r * 12 + 4, 8)));
        }
        return records;
    }
}
