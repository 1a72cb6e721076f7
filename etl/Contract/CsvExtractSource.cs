using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChildrensWarehouse.Contract;

/// <summary>
/// The embedded default source: a folder with manifest.json, one CSV file per table and reference/ (CASE_SYSTEM.md
/// "Conventions"). It reads records exactly as written (RFC 4180, UTF-8, a BOM tolerated, no trimming); a record it
/// cannot read as a row (bytes that are not UTF-8, malformed quoting, a field count unlike the header's) carries the
/// problem for the quarantine.
/// </summary>
public sealed class CsvExtractSource(string folder, bool flatReference = false) : IChangeTrackedSource
{
    private readonly Dictionary<string, int[]> _positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _headerWidths = new(StringComparer.Ordinal);
    // The bytes each table's prints were taken from (an incremental run parses its changed records from them).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _scanned = new(StringComparer.Ordinal);
    // Each file's size and last write time before a full read: a file changed while it was read gets no prints.
    private Dictionary<string, (long, DateTime)>? _stamps;

    public string Folder { get; } = folder;

    public string Name => Folder;

    /// <summary>The table's file under the folder: reference/name.csv, or name.csv for a folder of reference files alone (<c>flatReference</c>).</summary>
    public string Location(TableSpec table) => flatReference && table.IsReference ? table.Name + ".csv" : table.RelativePath;

    public bool ReadsInParallel => true;

    public long SizeHint(TableSpec table)
    {
        var file = new FileInfo(Path.Combine(Folder, Location(table)));
        return file.Exists ? file.Length : 0;
    }

    public Manifest ReadManifest() => ReadManifest(Folder);

    public static Manifest ReadManifest(string folder)
    {
        var path = Path.Combine(folder, "manifest.json");
        if (!Directory.Exists(folder))
        {
            throw new ExtractUnusableException($"{folder}: the extract folder does not exist");
        }
        if (!File.Exists(path))
        {
            throw new ExtractUnusableException($"{path}: manifest.json is missing");
        }
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ExtractUnusableException($"{path}: not valid JSON ({e.Message})");
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ExtractUnusableException($"{path}: not a JSON object");
        }
        string? Str(string name) =>
            root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var laCode = Str("la_code");
        if (string.IsNullOrEmpty(laCode))
        {
            throw new ExtractUnusableException($"{path}: lacks la_code");
        }
        var extractedText = Str("extracted_at");
        if (string.IsNullOrEmpty(extractedText))
        {
            throw new ExtractUnusableException($"{path}: lacks extracted_at");
        }
        if (!ValueParser.TryParseTimestamp(extractedText, out var extractedAt))
        {
            throw new ExtractUnusableException($"{path}: extracted_at '{extractedText}' is not a timestamp YYYY-MM-DDTHH:MM[:SS]");
        }
        var version = root.TryGetProperty("contract_version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : CaseSystemContract.ContractVersion;
        return new Manifest(Str("local_authority") ?? laCode, laCode, extractedAt, version);
    }

    public void CheckTables(IReadOnlyList<TableSpec> tables, List<string> warnings)
    {
        foreach (var spec in tables)
        {
            _positions[spec.Name] = CheckHeader(spec, warnings);
        }
    }

    /// <summary>RFC 4180, comma separated, no header handling, values exactly as written; <paramref name="onBadData"/> is told of malformed quoting.</summary>
    internal static CsvConfiguration CsvConfig(Action onBadData) => new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = false,
        IgnoreBlankLines = true,
        Mode = CsvMode.RFC4180,
        BadDataFound = _ => onBadData(),
        MissingFieldFound = null,
        TrimOptions = TrimOptions.None,
        DetectDelimiter = false,
        Delimiter = ",",
    };

    private static StreamReader OpenText(string path) =>
        new(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);

    /// <summary>Returns, for each spec column, its index in the file (-1 when an optional column is absent).</summary>
    private int[] CheckHeader(TableSpec spec, List<string> warnings)
    {
        var path = Path.Combine(Folder, Location(spec));
        if (!File.Exists(path))
        {
            throw new ExtractUnusableException(Directory.Exists(path) ? $"{path}: is a folder, not a file" : $"{path}: file is missing");
        }
        string[] header;
        try
        {
            using var reader = OpenText(path);
            using var parser = new CsvParser(reader, CsvConfig(() => { }));
            header = parser.Read() ? parser.Record ?? [] : [];
        }
        catch (IOException e)
        {
            throw new ExtractUnusableException($"{path}: cannot be read ({e.Message})");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ExtractUnusableException($"{path}: cannot be read ({e.Message})");
        }
        if (header.Length == 0)
        {
            throw new ExtractUnusableException($"{path}: has no header row (required column {spec.Columns.First(c => c.Required).Name} missing)");
        }
        if (spec.Columns.FirstOrDefault(c => header.Count(h => h == c.Name) > 1) is { } twice)
        {
            throw new ExtractUnusableException($"{path}: column {twice.Name} appears more than once in the header");
        }
        var positions = new int[spec.Columns.Count];
        for (var i = 0; i < spec.Columns.Count; i++)
        {
            positions[i] = Array.IndexOf(header, spec.Columns[i].Name);
            if (positions[i] < 0 && spec.Columns[i].Required)
            {
                throw new ExtractUnusableException($"{path}: header lacks required column {spec.Columns[i].Name}");
            }
        }
        _headerWidths[spec.Name] = header.Length;
        var unknown = header.Where(h => spec.Columns.All(c => c.Name != h)).ToList();
        if (unknown.Count > 0)
        {
            warnings.Add($"{Location(spec)}: unknown column(s) ignored: {string.Join(", ", unknown)}");
        }
        return positions;
    }

    public IEnumerable<SourceRecord> Records(TableSpec spec, CancellationToken cancellationToken)
    {
        var positions = _positions.TryGetValue(spec.Name, out var p)
            ? p
            : throw new InvalidOperationException($"{Location(spec)}: CheckTables must run before the rows are read");
        var path = Path.Combine(Folder, Location(spec));
        using var reader = OpenText(path);
        var utf8 = Utf8Validity.OfFile(path);
        var badData = false;
        using var parser = new CsvParser(reader, CsvConfig(() => badData = true));
        if (!parser.Read())
        {
            yield break;
        }
        var headerWidth = parser.Count;
        while (true)
        {
            badData = false;
            bool more;
            SourceRecord? unreadable = null;
            try
            {
                more = parser.Read();
            }
            catch (CsvHelperException e)
            {
                more = false;
                unreadable = new SourceRecord(parser.RawRow, null, "", $"unreadable CSV ({e.GetType().Name})");
            }
            if (unreadable is not null)
            {
                yield return unreadable;
                yield break;
            }
            if (!more)
            {
                yield break;
            }
            var values = parser.Record ?? [];   // reading the fields is what tells BadDataFound of malformed quoting
            yield return Record(values, parser.RawRecord, StartLine(parser.RawRow, parser.RawRecord), positions, headerWidth, badData, utf8);
        }
    }

    /// <summary>The record the parser has just read: its values by contract column, or the problem that stops it being a row.</summary>
    private static SourceRecord Record(string[] record, string raw, int line, int[] positions, int headerWidth, bool badData, Utf8Validity utf8)
    {
        var fields = record.Length == headerWidth ? Align(positions, record) : null;
        string? problem = null;
        if (utf8.Replaced(raw))
        {
            problem = Utf8Validity.Problem;
        }
        else if (badData)
        {
            problem = "malformed quoting (RFC 4180)";
        }
        else if (record.Length != headerWidth)
        {
            problem = $"has {record.Length} fields, the header has {headerWidth}";
        }
        return new SourceRecord(line, fields, raw, problem);
    }

    /// <summary>Splits the table's file into records without parsing it (<see cref="CsvRecordScan"/>): each record's line and bytes' hash.</summary>
    public RecordPrint[]? CurrentPrints(TableSpec spec, CancellationToken cancellationToken)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, Location(spec)));
        _scanned[spec.Name] = bytes;
        return CsvRecordScan.Scan(bytes);
    }

    /// <summary>
    /// Some records of a table's file, found by <see cref="CurrentPrints"/> (which gave their lines and bytes): read
    /// exactly as <see cref="Records"/> reads them, without reading the rest of the file.
    /// </summary>
    public IEnumerable<SourceRecord> RecordsAt(TableSpec spec, IReadOnlyList<RecordPrint> records, DateTime since, CancellationToken cancellationToken)
    {
        var positions = _positions.TryGetValue(spec.Name, out var p)
            ? p
            : throw new InvalidOperationException($"{Location(spec)}: CheckTables must run before the rows are read");
        var file = _scanned.TryGetValue(spec.Name, out var b) ? b : throw new InvalidOperationException($"{Location(spec)}: CurrentPrints must run before RecordsAt");
        var headerWidth = _headerWidths[spec.Name];
        var utf8 = Utf8Validity.OfBytes(file);
        foreach (var print in records)
        {
            var text = Encoding.UTF8.GetString(file, print.Start, print.Length);
            var badData = false;
            using var parser = new CsvParser(new StringReader(text), CsvConfig(() => badData = true));
            if (!parser.Read()) throw new ChangeTrackingException($"{Location(spec)} line {print.Line}: the record scan and the parser disagree");
            var values = parser.Record ?? [];
            if (parser.Read()) throw new ChangeTrackingException($"{Location(spec)} line {print.Line}: the record scan and the parser disagree");
            yield return Record(values, text, print.Line, positions, headerWidth, badData, utf8);
        }
    }

    public void BeginFullRead() =>
        _stamps = CaseSystemContract.AllTables.ToDictionary(t => t.Name, t => Stamp(Path.Combine(Folder, Location(t))), StringComparer.Ordinal);

    /// <summary>The file scanned again after the read; null when its size or write time moved since <see cref="BeginFullRead"/>.</summary>
    public RecordPrint[]? PrintsOfFullRead(TableSpec spec)
    {
        var path = Path.Combine(Folder, Location(spec));
        if (_stamps is null || !_stamps.TryGetValue(spec.Name, out var before)) return null;
        var scan = CsvRecordScan.Scan(File.ReadAllBytes(path));
        return before == Stamp(path) ? scan : null;
    }

    private static (long, DateTime) Stamp(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? (file.Length, file.LastWriteTimeUtc) : (-1, DateTime.MinValue);
    }

    /// <summary>The record's values by contract column; an absent optional column and an empty field read as null.</summary>
    private static string?[] Align(int[] positions, string[] record)
    {
        var fields = new string?[positions.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            var text = positions[i] >= 0 && positions[i] < record.Length ? record[positions[i]] : null;
            fields[i] = string.IsNullOrEmpty(text) ? null : text;
        }
        return fields;
    }

    /// <summary>The physical line a record starts on (RawRow is the line it ends on).</summary>
    private static int StartLine(int endLine, string raw)
    {
        var text = raw.AsSpan().TrimEnd("\r\n");
        var newlines = text.Count('\n');
        return endLine - newlines;
    }
}
