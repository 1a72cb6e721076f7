using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChildrensWarehouse.Contract;

/// <summary>
/// Reads and validates a CSV extract folder exactly as CASE_SYSTEM.md's "Validation, in this order":
/// file, row alone, duplicates, foreign keys, overlapping CLA episodes. Bad rows are quarantined with a reason.
/// </summary>
public sealed class ExtractReader
{
    /// <summary>The raw text kept for a quarantined row is capped so that a 100 MB field cannot flood the warehouse.</summary>
    public const int MaxRawTextLength = 4000;

    /// <summary>No contract value is anywhere near this long; a longer field is a broken row (docs/DECISIONS.md).</summary>
    public const int MaxFieldLength = 10_000;

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

    /// <summary>Reads the whole extract. Throws <see cref="ExtractUnusableException"/> before anything is read when a file is unusable.</summary>
    public Extract Read(string folder, CancellationToken cancellationToken = default)
    {
        var manifest = ReadManifest(folder);
        var warnings = new List<string>();
        var headers = new Dictionary<string, int[]>();
        foreach (var spec in CaseSystemContract.AllTables)
        {
            headers[spec.Name] = CheckHeader(folder, spec, warnings);
        }

        var quarantine = new List<QuarantinedRow>();
        var tables = new Dictionary<string, TableData>();
        foreach (var spec in CaseSystemContract.AllTables)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (rows, read) = ReadRows(folder, spec, headers[spec.Name], manifest, quarantine);
            var kept = spec.IsReference ? RejectDuplicateReferenceKeys(spec, rows) : Deduplicate(spec, rows, quarantine);
            kept = CheckForeignKeys(spec, kept, tables, quarantine);
            if (spec.Name == "cla_episodes")
            {
                kept = RemoveOverlappingEpisodes(spec, kept, quarantine);
            }
            tables[spec.Name] = new TableData(spec, kept, read);
        }
        return new Extract { Folder = folder, Manifest = manifest, Tables = tables, Quarantine = quarantine, Warnings = warnings };
    }

    private static CsvConfiguration CsvConfig(Action onBadData) => new(CultureInfo.InvariantCulture)
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
    private static int[] CheckHeader(string folder, TableSpec spec, List<string> warnings)
    {
        var path = Path.Combine(folder, spec.RelativePath);
        if (!File.Exists(path))
        {
            throw new ExtractUnusableException($"{path}: file is missing");
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
        var positions = new int[spec.Columns.Count];
        for (var i = 0; i < spec.Columns.Count; i++)
        {
            positions[i] = Array.IndexOf(header, spec.Columns[i].Name);
            if (positions[i] < 0 && spec.Columns[i].Required)
            {
                throw new ExtractUnusableException($"{path}: header lacks required column {spec.Columns[i].Name}");
            }
        }
        var unknown = header.Where(h => spec.Columns.All(c => c.Name != h)).ToList();
        if (unknown.Count > 0)
        {
            warnings.Add($"{spec.RelativePath}: unknown column(s) ignored: {string.Join(", ", unknown)}");
        }
        return positions;
    }

    private static string Clip(string raw)
    {
        var text = raw.TrimEnd('\r', '\n');
        return text.Length <= MaxRawTextLength ? text : text[..MaxRawTextLength] + $"... [{text.Length} characters]";
    }

    private static (List<ExtractRow> Rows, long Read) ReadRows(string folder, TableSpec spec, int[] positions, Manifest manifest, List<QuarantinedRow> quarantine)
    {
        var path = Path.Combine(folder, spec.RelativePath);
        var rows = new List<ExtractRow>();
        long read = 0;
        var badData = false;
        using var reader = OpenText(path);
        using var parser = new CsvParser(reader, CsvConfig(() => badData = true));
        if (!parser.Read())
        {
            return (rows, 0);
        }
        var headerWidth = parser.Count;
        while (true)
        {
            badData = false;
            bool more;
            try
            {
                more = parser.Read();
            }
            catch (CsvHelperException e)
            {
                read++;
                quarantine.Add(new QuarantinedRow(spec.Name, spec.RelativePath, parser.RawRow, null, $"unreadable CSV ({e.GetType().Name})", ""));
                break;
            }
            if (!more)
            {
                break;
            }
            read++;
            var raw = parser.RawRecord;
            var line = StartLine(parser.RawRow, raw);
            var record = parser.Record ?? [];
            string? reason = null;
            if (raw.Contains('\uFFFD'))
            {
                reason = "not valid UTF-8";
            }
            else if (badData)
            {
                reason = "malformed quoting (RFC 4180)";
            }
            else if (record.Length != headerWidth)
            {
                reason = $"has {record.Length} fields, the header has {headerWidth}";
            }
            else if (record.Any(f => f.Length > MaxFieldLength))
            {
                reason = $"a field is longer than {MaxFieldLength:N0} characters";
            }
            if (reason is not null)
            {
                quarantine.Add(new QuarantinedRow(spec.Name, spec.RelativePath, line, null, reason, Clip(raw)) with
                {
                    ChildId = record.Length == headerWidth ? RawField(spec, positions, record, "child_id") : null,
                });
                continue;
            }
            var (values, column, why) = ValidateRow(spec, positions, record, manifest.ExtractedAt);
            if (why is not null)
            {
                quarantine.Add(new QuarantinedRow(spec.Name, spec.RelativePath, line, column, why, Clip(raw)) with
                {
                    ChildId = RawField(spec, positions, record, "child_id"),
                    LastModified = RawField(spec, positions, record, "last_modified") is { } lm && ValueParser.TryParseTimestamp(lm, out var t) ? t : null,
                });
                continue;
            }
            rows.Add(new ExtractRow(line, values!));
        }
        return (rows, read);
    }

    private static string? RawField(TableSpec spec, int[] positions, string[] record, string column)
    {
        var index = spec.Columns.ToList().FindIndex(c => c.Name == column);
        if (index < 0 || positions[index] < 0 || positions[index] >= record.Length) return null;
        var value = record[positions[index]];
        return string.IsNullOrEmpty(value) || value.Length > 200 ? null : value;
    }

    /// <summary>The child and last_modified of a row that passed the row-alone checks.</summary>
    private static QuarantinedRow WithRowContext(QuarantinedRow q, TableSpec spec, ExtractRow row) => q with
    {
        ChildId = spec.Columns.Any(c => c.Name == "child_id") ? row.Text(spec.IndexOf("child_id")) : null,
        LastModified = spec.Columns.Any(c => c.Name == "last_modified") ? row.Timestamp(spec.IndexOf("last_modified")) : null,
    };

    /// <summary>The physical line a record starts on (RawRow is the line it ends on).</summary>
    private static int StartLine(int endLine, string raw)
    {
        var text = raw.AsSpan().TrimEnd("\r\n");
        var newlines = text.Count('\n');
        return endLine - newlines;
    }

    /// <summary>Row-alone checks; the first failing check is the reason: required, formats, codes, future timestamps, end before start.</summary>
    internal static (object?[]? Values, string? Column, string? Reason) ValidateRow(TableSpec spec, int[] positions, string[] record, DateTime extractedAt)
    {
        var texts = new string?[spec.Columns.Count];
        for (var i = 0; i < spec.Columns.Count; i++)
        {
            var text = positions[i] >= 0 ? record[positions[i]] : null;
            texts[i] = string.IsNullOrEmpty(text) ? null : text;
        }
        for (var i = 0; i < spec.Columns.Count; i++)
        {
            if (spec.Columns[i].Required && texts[i] is null)
            {
                return (null, spec.Columns[i].Name, "required value is missing");
            }
        }
        var values = new object?[spec.Columns.Count];
        for (var i = 0; i < spec.Columns.Count; i++)
        {
            var text = texts[i];
            if (text is null)
            {
                continue;
            }
            var column = spec.Columns[i];
            switch (column.Type)
            {
                case ColumnType.Date:
                    if (!ValueParser.TryParseDate(text, out var d)) return (null, column.Name, $"'{text}' is not a date YYYY-MM-DD");
                    values[i] = d;
                    break;
                case ColumnType.Timestamp:
                    if (!ValueParser.TryParseTimestamp(text, out var t)) return (null, column.Name, $"'{text}' is not a timestamp YYYY-MM-DDTHH:MM[:SS]");
                    values[i] = t;
                    break;
                case ColumnType.Integer:
                    if (!ValueParser.TryParseInteger(text, out var n)) return (null, column.Name, $"'{text}' is not an integer");
                    values[i] = n;
                    break;
                case ColumnType.Decimal:
                    if (!ValueParser.TryParseDecimal(text, out var m)) return (null, column.Name, $"'{text}' is not a decimal number");
                    values[i] = m;
                    break;
                default:
                    values[i] = text;
                    break;
            }
        }
        for (var i = 0; i < spec.Columns.Count; i++)
        {
            var column = spec.Columns[i];
            if (column.Codes is not null && texts[i] is { } code && !column.Codes.Contains(code))
            {
                return (null, column.Name, $"code '{Shorten(code)}' is not in the list");
            }
        }
        for (var i = 0; i < spec.Columns.Count; i++)
        {
            if (values[i] is DateTime ts && ts > extractedAt)
            {
                return (null, spec.Columns[i].Name, $"timestamp {ValueParser.FormatTimestamp(ts)} is after extracted_at {ValueParser.FormatTimestamp(extractedAt)}");
            }
        }
        foreach (var pair in spec.EndAfterStart)
        {
            var start = values[spec.IndexOf(pair.Start)];
            var end = values[spec.IndexOf(pair.End)];
            if (start is not null && end is not null && Comparer<object>.Default.Compare(end, start) < 0)
            {
                return (null, pair.End, $"{pair.End} is before {pair.Start}");
            }
        }
        return (values, null, null);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    /// <summary>The row's key (its id, or the composite key joined with U+001F) as text.</summary>
    public static string KeyOf(TableSpec spec, ExtractRow row) =>
        spec.Key.Count == 1
            ? Format(row.Values[spec.IndexOf(spec.Key[0])])
            : string.Join("\u001f", spec.Key.Select(k => Format(row.Values[spec.IndexOf(k)])));

    /// <summary>A value as text, invariantly (dates YYYY-MM-DD, timestamps YYYY-MM-DDTHH:MM:SS).</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        DateOnly d => ValueParser.FormatDate(d),
        DateTime t => ValueParser.FormatTimestamp(t),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Duplicate keys: the later last_modified wins; on a tie the row nearer the end of the file.</summary>
    private static List<ExtractRow> Deduplicate(TableSpec spec, List<ExtractRow> rows, List<QuarantinedRow> quarantine)
    {
        var lastModified = spec.IndexOf("last_modified");
        var winners = new Dictionary<string, ExtractRow>(StringComparer.Ordinal);
        var losers = new List<(ExtractRow Row, ExtractRow Winner)>();
        foreach (var row in rows)
        {
            var key = KeyOf(spec, row);
            if (!winners.TryGetValue(key, out var current))
            {
                winners[key] = row;
                continue;
            }
            if (row.Timestamp(lastModified) >= current.Timestamp(lastModified))
            {
                winners[key] = row;
                losers.Add((current, row));
            }
            else
            {
                losers.Add((row, current));
            }
        }
        if (losers.Count == 0)
        {
            return rows;
        }
        var lost = new HashSet<ExtractRow>(losers.Select(l => l.Row));
        foreach (var (row, winner) in losers.OrderBy(l => l.Row.Line))
        {
            quarantine.Add(WithRowContext(new QuarantinedRow(spec.Name, spec.RelativePath, row.Line, string.Join("+", spec.Key),
                $"duplicate {string.Join("+", spec.Key)} '{KeyOf(spec, row).Replace('\u001f', '+')}': line {winner.Line} has the later last_modified", RawOf(spec, row)), spec, row));
        }
        return rows.Where(r => !lost.Contains(r)).ToList();
    }

    private static List<ExtractRow> RejectDuplicateReferenceKeys(TableSpec spec, List<ExtractRow> rows)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = KeyOf(spec, row);
            if (!seen.TryAdd(key, row.Line))
            {
                throw new ExtractUnusableException(
                    $"{spec.RelativePath}: duplicate {string.Join("+", spec.Key)} '{key.Replace('\u001f', '+')}' on lines {seen[key]} and {row.Line}");
            }
        }
        return rows;
    }

    private static List<ExtractRow> CheckForeignKeys(TableSpec spec, List<ExtractRow> rows, Dictionary<string, TableData> loaded, List<QuarantinedRow> quarantine)
    {
        if (spec.ForeignKeys.Count == 0)
        {
            return rows;
        }
        var checks = spec.ForeignKeys.Select(fk =>
        {
            var parent = loaded[fk.ParentTable];
            var parentKey = parent.Spec.IndexOf(parent.Spec.Key[0]);
            var keys = new HashSet<string>(parent.Rows.Select(r => r.Text(parentKey)!), StringComparer.Ordinal);
            return (fk, index: spec.IndexOf(fk.Column), keys);
        }).ToList();
        var kept = new List<ExtractRow>(rows.Count);
        foreach (var row in rows)
        {
            var orphan = checks.FirstOrDefault(c => row.Text(c.index) is { } value && !c.keys.Contains(value));
            if (orphan.fk is not null)
            {
                quarantine.Add(WithRowContext(new QuarantinedRow(spec.Name, spec.RelativePath, row.Line, orphan.fk.Column,
                    $"orphan: {orphan.fk.Column} '{Shorten(row.Text(orphan.index)!)}' is not a loaded row of {orphan.fk.ParentTable}", RawOf(spec, row)), spec, row));
                continue;
            }
            kept.Add(row);
        }
        return kept;
    }

    /// <summary>Of two overlapping episodes of one child, the one that starts later (then ends later, then the greater episode_id) is quarantined.</summary>
    private static List<ExtractRow> RemoveOverlappingEpisodes(TableSpec spec, List<ExtractRow> rows, List<QuarantinedRow> quarantine)
    {
        int child = spec.IndexOf("child_id"), start = spec.IndexOf("start_date"), end = spec.IndexOf("end_date"), id = spec.IndexOf("episode_id");
        var rejected = new HashSet<ExtractRow>();
        foreach (var group in rows.GroupBy(r => r.Text(child)!, StringComparer.Ordinal))
        {
            var ordered = group
                .OrderBy(r => r.Date(start))
                .ThenBy(r => r.Date(end) ?? DateOnly.MaxValue)
                .ThenBy(r => r.Text(id), StringComparer.Ordinal)
                .ToList();
            var kept = new List<ExtractRow>();
            foreach (var episode in ordered)
            {
                var clash = kept.FirstOrDefault(k =>
                    k.Date(start) < (episode.Date(end) ?? DateOnly.MaxValue) && episode.Date(start) < (k.Date(end) ?? DateOnly.MaxValue));
                if (clash is null)
                {
                    kept.Add(episode);
                    continue;
                }
                rejected.Add(episode);
                quarantine.Add(WithRowContext(new QuarantinedRow(spec.Name, spec.RelativePath, episode.Line, "start_date",
                    $"episode overlaps episode '{clash.Text(id)}' (line {clash.Line}) of the same child", RawOf(spec, episode)), spec, episode));
            }
        }
        return rejected.Count == 0 ? rows : rows.Where(r => !rejected.Contains(r)).ToList();
    }

    /// <summary>Rebuilds a CSV line of the row's values for the quarantine (the raw text is not kept for loaded rows).</summary>
    private static string RawOf(TableSpec spec, ExtractRow row)
    {
        var fields = row.Values.Select(v =>
        {
            var s = Format(v);
            return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        });
        return Clip(string.Join(",", fields));
    }
}
