using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace ChildrensWarehouse.Warehouse;

/// <summary>
/// Hashes of row values, for change detection (incremental runs): equal values, equal hash, on every machine.
/// Values are written in a typed binary form (no text formatting) into a 128-bit XxHash: fast, and change detection
/// needs no cryptographic strength.
/// </summary>
public sealed class RowHash
{
    private readonly XxHash128 _hash = new();
    // Values are encoded into this buffer and handed to the hash in blocks (the same byte stream, far fewer calls).
    private byte[] _buffer = new byte[256];
    private int _length;

    /// <summary>Adds a row's values, leaving out the last <paramref name="skipLast"/> (the lineage run_id).</summary>
    public RowHash Add(object?[] row, int skipLast = 0)
    {
        for (var i = 0; i < row.Length - skipLast; i++) Add(row[i]);
        Tag(0x1E);
        return this;
    }

    public RowHash Add(object? value)
    {
        switch (value)
        {
            case null: Tag(0); break;
            case string s:
                Tag(1);
                Reserve(Encoding.UTF8.GetMaxByteCount(s.Length));
                _length += Encoding.UTF8.GetBytes(s, _buffer.AsSpan(_length));
                Tag(0x1F);
                break;
            case DateOnly d: Write(2, d.DayNumber); break;
            case DateTime t: Write(3, t.Ticks); break;
            case long l: Write(4, l); break;
            case int n: Write(4, n); break;
            case bool b: Write(5, b ? 1 : 0); break;
            case decimal m:
                Tag(6);
                Span<int> bits = stackalloc int[4];
                decimal.GetBits(m / 1.0000000000000000000000000000m, bits);   // normalised: 1.50 and 1.5 hash alike
                foreach (var part in bits) Write(7, part);
                break;
            default: throw new ArgumentException($"cannot hash a {value.GetType().Name}");
        }
        return this;
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes <= _buffer.Length) return;
        Flush();
        if (bytes > _buffer.Length) _buffer = new byte[Math.Max(bytes, _buffer.Length * 2)];
    }

    private void Flush()
    {
        _hash.Append(_buffer.AsSpan(0, _length));
        _length = 0;
    }

    private void Tag(byte tag)
    {
        Reserve(1);
        _buffer[_length++] = tag;
    }

    private void Write(byte tag, long value)
    {
        Reserve(9);
        _buffer[_length] = tag;
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length + 1, 8), value);
        _length += 9;
    }

    public string Finish()
    {
        Flush();
        return Convert.ToHexStringLower(_hash.GetCurrentHash());
    }

    [ThreadStatic] private static RowHash? t_reused;

    /// <summary>The hash of one staged row (its source line and values), with a hasher reused per thread: no allocation but the result.</summary>
    public static string OfRow(int line, object?[] values)
    {
        var hash = t_reused ??= new RowHash();
        hash._hash.Reset();
        hash._length = 0;
        return hash.Add(line).Add(values).Finish();
    }

    /// <summary>Hash of the rows, leaving out the last <paramref name="skipLast"/> values of each (the lineage run_id).</summary>
    public static string Of(IEnumerable<object?[]> rows, int skipLast = 0)
    {
        var hash = new RowHash();
        foreach (var row in rows) hash.Add(row, skipLast);
        return hash.Finish();
    }
}
