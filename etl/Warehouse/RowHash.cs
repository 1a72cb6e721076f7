using System.Security.Cryptography;
using System.Text;
using ChildrensWarehouse.Contract;

namespace ChildrensWarehouse.Warehouse;

/// <summary>Hashes of row values, for change detection (incremental runs): equal values, equal hash, on every machine.</summary>
public static class RowHash
{
    /// <summary>Hash of the values, leaving out the last <paramref name="skipLast"/> (the lineage run_id).</summary>
    public static string Of(IEnumerable<object?[]> rows, int skipLast = 0)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            sb.Clear();
            for (var i = 0; i < row.Length - skipLast; i++)
            {
                sb.Append(row[i] is null ? "\u0000" : ExtractReader.Format(row[i])).Append('\u001f');
            }
            sb.Append('\u001e');
            hash.AppendData(Encoding.UTF8.GetBytes(sb.ToString()));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
