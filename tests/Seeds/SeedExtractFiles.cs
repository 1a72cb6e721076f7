using System.Globalization;
using System.Text;
using System.Text.Json;
using ChildrensWarehouse.Seeds;
using NUnit.Framework;

namespace ChildrensWarehouse.Tests.Seeds;

/// <summary>A temporary folder, deleted afterwards.</summary>
public sealed class SeedTempFolder : IDisposable
{
    public SeedTempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "seeds-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>One CSV record with the 1-based physical line it starts on (the header is line 1).</summary>
public sealed record SeedCsvRecord(long Line, IReadOnlyDictionary<string, string?> Values)
{
    public string? this[string column] => Values.TryGetValue(column, out var v) ? v : null;
}

/// <summary>Reads extract files with a small RFC 4180 parser of its own, so quoting is checked independently of the writer.</summary>
public static class SeedExtractFiles
{
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Warehouse.sln")))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new InvalidOperationException("Warehouse.sln not found above the test directory.");
        }
    }

    public static string BundledExtract => Path.Combine(RepoRoot, "seeds", "peterborough");

    /// <summary>The arguments of the bundled extract (seeds/README.md).</summary>
    public static GeneratorOptions BundledOptions => new()
    {
        Council = "peterborough",
        From = new DateOnly(2013, 4, 1),
        AsAt = new DateTime(2016, 2, 1, 6, 0, 0),
        Seed = 874,
    };

    /// <summary>A small, quick extract (one year, a quarter of Peterborough's size).</summary>
    public static GeneratorOptions SmallOptions(double defectRate = 0, int councils = 1) => new()
    {
        Council = "peterborough",
        From = new DateOnly(2015, 4, 1),
        AsAt = new DateTime(2016, 2, 1, 6, 0, 0),
        Seed = 2024,
        Scale = 0.25,
        DefectRate = defectRate,
        Councils = councils,
    };

    public static (IReadOnlyList<string> Header, List<SeedCsvRecord> Records) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.That(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, Is.False, $"{path} starts with a BOM");
        var text = new UTF8Encoding(false, true).GetString(bytes);
        Assert.That(text.Contains('\r'), Is.False, $"{path} holds a carriage return");
        var rows = Parse(text, path);
        Assert.That(rows, Is.Not.Empty, $"{path} has no header");
        var header = rows[0].Fields;
        var records = new List<SeedCsvRecord>(rows.Count - 1);
        foreach (var (line, fields) in rows.Skip(1))
        {
            if (fields.Count != header.Count)
            {
                Assert.Fail($"{path} line {line}: {fields.Count} fields, header has {header.Count}");
            }
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                values[header[i]] = fields[i].Length == 0 ? null : fields[i];
            }
            records.Add(new SeedCsvRecord(line, values));
        }
        return (header, records);
    }

    public static List<SeedCsvRecord> Rows(string folder, string table) => Read(Path.Combine(folder, table + ".csv")).Records;

    private static List<(long Line, List<string> Fields)> Parse(string text, string path)
    {
        var rows = new List<(long, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        long line = 1;
        var start = line;
        var i = 0;
        var atFieldStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (atFieldStart && c == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        Assert.Fail($"{path}: unterminated quoted field from line {start}");
                    }
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (text[i] == '\n')
                    {
                        line++;
                    }
                    field.Append(text[i]);
                    i++;
                }
                atFieldStart = false;
                continue;
            }
            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                atFieldStart = true;
                i++;
                continue;
            }
            if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                rows.Add((start, fields));
                fields = [];
                line++;
                start = line;
                atFieldStart = true;
                i++;
                continue;
            }
            if (c == '"')
            {
                Assert.Fail($"{path} line {line}: quote inside an unquoted field");
            }
            field.Append(c);
            atFieldStart = false;
            i++;
        }
        Assert.That(fields.Count == 0 && field.Length == 0, Is.True, $"{path}: the last record does not end with a line break");
        return rows;
    }

    public static JsonElement Manifest(string folder)
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json"))).RootElement;

    public static DateOnly? Date(string? text)
        => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTime? Timestamp(string? text)
        => text is null ? null : DateTime.ParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None);

    /// <summary>SHA-256 of every file under a folder, by relative path.</summary>
    public static SortedDictionary<string, string> Hashes(string folder)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(folder, file).Replace('\\', '/');
            result[rel] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));
        }
        return result;
    }
}
