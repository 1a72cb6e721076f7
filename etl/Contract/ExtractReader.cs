using System.Globalization;

namespace ChildrensWarehouse.Contract;

/// <summary>
/// Reads and validates an extract exactly as CASE_SYSTEM.md's "Validation, in this order": file, row alone,
/// duplicates, foreign keys, overlapping CLA episodes. Bad rows are quarantined with a reason. The rows come from a
/// <see cref="IExtractRowSource"/> (a CSV folder or SQL views); each rule is here once, whatever the source.
/// </summary>
public sealed class ExtractReader
{
    /// <summary>The raw text kept for a quarantined row is capped so that a 100 MB field cannot flood the warehouse.</summary>
    public const int MaxRawTextLength = 4000;

    /// <summary>No contract value is anywhere near this long; a longer field is a broken row (docs/DECISIONS.md).</summary>
    public const int MaxFieldLength = 10_000;

    public static Manifest ReadManifest(string folder) => CsvExtractSource.ReadManifest(folder);

    /// <summary>
    /// Reads the whole extract from a CSV folder, or from the case system's SQL views when <paramref name="source"/> is
    /// <c>sql:</c> followed by a connection string (or <c>duckdb:</c> and a DuckDB file), or from statutory returns. Throws <see cref="ExtractUnusableException"/> before anything is read when a table is unusable.
    /// </summary>
    public Extract Read(string source, CancellationToken cancellationToken = default)
    {
        var opened = ExtractSources.Open(source);
        try
        {
            return Read(opened, cancellationToken);
        }
        finally
        {
            (opened as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// Reads and validates an extract from any row source: every rule below is the same whatever the rows came from.
    /// <paramref name="tableDone"/>, when given, is handed each table once its rows are final, in contract order (a
    /// full run stages it there and then); when it answers false the table's rows are let go (the extract keeps its
    /// counts, and the keys later tables' foreign keys need), and the tables are parsed in that order, one ahead of the
    /// checks, so that memory holds about two tables' rows rather than the extract's.
    /// </summary>
    public Extract Read(IExtractRowSource source, CancellationToken cancellationToken = default, Func<TableData, bool>? tableDone = null)
    {
        var manifest = source.ReadManifest();
        var warnings = new List<string>();
        var specs = CaseSystemContract.AllTables.ToList();
        source.CheckTables(specs, warnings);

        var quarantine = new List<QuarantinedRow>();
        var tables = new Dictionary<string, TableData>();
        // Parsing and the per-row checks of each table are independent: a source that allows it reads its tables on
        // every core. The checks across rows and tables (duplicates, parents, overlaps) then run in contract order,
        // so the quarantine comes out in the same order either way.
        var parsed = new (List<ExtractRow> Rows, long Read, List<QuarantinedRow> Quarantine)[specs.Count];
        // The loaded keys of each parent table, made once (a parent is final before the tables that reference it).
        var parentKeys = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Parse(int i)
        {
            var rowQuarantine = new List<QuarantinedRow>();
            var (rows, read) = ReadRows(source, specs[i], manifest, rowQuarantine, cancellationToken);
            parsed[i] = (rows, read, rowQuarantine);
        }
        var ahead = new Task?[specs.Count];   // a table parsed while the one before it is checked and handed over
        void ParseAhead(int i)
        {
            if (i < specs.Count && ahead[i] is null) ahead[i] = Task.Run(() => Parse(i), cancellationToken);
        }
        if (source.ReadsInParallel && tableDone is not null)
        {
            ParseAhead(0);
        }
        else if (source.ReadsInParallel)
        {
            // Largest files first, so the cores finish together.
            var order = Enumerable.Range(0, specs.Count).OrderByDescending(i => source.SizeHint(specs[i])).ToArray();
            try
            {
                Parallel.ForEach(order, new ParallelOptions { CancellationToken = cancellationToken }, Parse);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
        }
        try
        {
            for (var i = 0; i < specs.Count; i++)
            {
                var spec = specs[i];
                cancellationToken.ThrowIfCancellationRequested();
                if (ahead[i] is { } parsing)
                {
                    parsing.GetAwaiter().GetResult();
                    ParseAhead(i + 1);
                }
                else if (!source.ReadsInParallel)
                {
                    Parse(i);
                }
                var (rows, read, rowQuarantine) = parsed[i];
                parsed[i] = default;
                quarantine.AddRange(rowQuarantine);
                var kept = spec.IsReference ? RejectDuplicateReferenceKeys(spec, rows, source.Location(spec)) : Deduplicate(spec, rows, quarantine, source.Location(spec));
                kept = CheckForeignKeys(spec, kept, tables, parentKeys, quarantine, source.Location(spec));
                if (spec.Name == "cla_episodes")
                {
                    kept = RemoveOverlappingEpisodes(spec, kept, quarantine, source.Location(spec));
                }
                var data = new TableData(spec, kept, read);
                tables[spec.Name] = data;
                if (tableDone is not null && !tableDone(data))
                {
                    // The keys a later table's foreign keys look up are made before the rows go.
                    if (specs.Skip(i + 1).Any(s => s.ForeignKeys.Any(fk => fk.ParentTable == spec.Name))) parentKeys.TryAdd(spec.Name, KeysOf(data));
                    tables[spec.Name] = new TableData(spec, [], read, kept.Count);
                }
            }
        }
        finally
        {
            // A table parsed ahead is not left reading a source the caller is about to close.
            foreach (var parsing in ahead.OfType<Task>())
            {
                try
                {
                    parsing.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                }
            }
        }
        var extract = new Extract { Folder = source.Name, Manifest = manifest, Tables = tables, Quarantine = quarantine, Warnings = warnings, Coverage = source.Coverage };
        return source.Account(extract) is { } accounting ? new Extract
        {
            Folder = extract.Folder,
            Manifest = manifest,
            Tables = tables,
            Quarantine = quarantine,
            Warnings = warnings,
            Coverage = extract.Coverage,
            SourceAccounting = accounting,
        } : extract;
    }

    private static string Clip(string raw)
    {
        var text = raw.TrimEnd('\r', '\n');
        return text.Length <= MaxRawTextLength ? text : text[..MaxRawTextLength] + $"... [{text.Length} characters]";
    }

    private static (List<ExtractRow> Rows, long Read) ReadRows(IExtractRowSource source, TableSpec spec, Manifest manifest, List<QuarantinedRow> quarantine,
        CancellationToken cancellationToken)
    {
        var tableFile = source.Location(spec);
        var rows = new List<ExtractRow>();
        var interner = new ValueInterner(spec);
        long read = 0;
        foreach (var record in source.Records(spec, cancellationToken))
        {
            read++;
            if (CheckRecord(spec, record, tableFile, manifest.ExtractedAt, quarantine, interner) is { } row) rows.Add(row);
        }
        return (rows, read);
    }

    /// <summary>
    /// Validation step 2 for one record (the checks of the row alone): the row, or null with the record quarantined with
    /// its reason. Whether the row is then kept depends on the other rows (duplicates, parents, overlaps).
    /// </summary>
    internal static ExtractRow? CheckRecord(TableSpec spec, SourceRecord record, string tableFile, DateTime extractedAt, List<QuarantinedRow> quarantine,
        ValueInterner? interner = null)
    {
        var file = record.File ?? tableFile;
        if (record.Problem is not null)
        {
            quarantine.Add(new QuarantinedRow(spec.Name, file, record.Line, null, record.Problem, Clip(record.RawText)) with
            {
                ChildId = record.Fields is null ? null : RawField(spec, record.Fields, "child_id"),
                Origin = record.Origin,
            });
            return null;
        }
        var fields = record.Fields ?? throw new InvalidOperationException($"{file}: record {record.Line} has neither values nor a problem");
        if (fields.Any(f => f is { Length: > MaxFieldLength }))
        {
            quarantine.Add(new QuarantinedRow(spec.Name, file, record.Line, null, $"a field is longer than {MaxFieldLength:N0} characters", Clip(record.RawText)) { Origin = record.Origin });
            return null;
        }
        var (values, column, why) = ValidateRow(spec, fields, extractedAt, interner);
        if (why is not null)
        {
            quarantine.Add(new QuarantinedRow(spec.Name, file, record.Line, column, why, Clip(record.RawText)) with
            {
                ChildId = RawField(spec, fields, "child_id"),
                LastModified = RawField(spec, fields, "last_modified") is { } lm && ValueParser.TryParseTimestamp(lm, out var t) ? t : null,
                Origin = record.Origin,
            });
            return null;
        }
        return new ExtractRow(record.Line, values!) { File = record.File, Origin = record.Origin };
    }

    private static string? RawField(TableSpec spec, string?[] fields, string column)
    {
        var index = spec.Columns.ToList().FindIndex(c => c.Name == column);
        if (index < 0) return null;
        var value = fields[index];
        return string.IsNullOrEmpty(value) || value.Length > 200 ? null : value;
    }

    /// <summary>The child and last_modified of a row that passed the row-alone checks.</summary>
    private static QuarantinedRow WithRowContext(QuarantinedRow q, TableSpec spec, ExtractRow row) => q with
    {
        ChildId = spec.Columns.Any(c => c.Name == "child_id") ? row.Text(spec.IndexOf("child_id")) : null,
        LastModified = spec.Columns.Any(c => c.Name == "last_modified") ? row.Timestamp(spec.IndexOf("last_modified")) : null,
        File = row.File ?? q.File,
        Origin = row.Origin,
    };

    /// <summary>Row-alone checks; the first failing check is the reason: required, formats, codes, future timestamps, end before start.</summary>
    internal static (object?[]? Values, string? Column, string? Reason) ValidateRow(TableSpec spec, string?[] fields, DateTime extractedAt,
        ValueInterner? interner = null)
    {
        var texts = fields.Select(f => string.IsNullOrEmpty(f) ? null : f).ToArray();
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
                    // Reasons name the column, never the value (a date of birth, an id): they reach the pseudonymised
                    // data-quality lists; the raw row stays in audit.etl_quarantine.
                    if (!ValueParser.TryParseDate(text, out var d)) return (null, column.Name, "not a date YYYY-MM-DD");
                    if (!ValueParser.IsPlausibleYear(d.Year)) return (null, column.Name, ValueParser.ImplausibleYearReason);
                    values[i] = ValueInterner.Date(d);
                    break;
                case ColumnType.Timestamp:
                    if (!ValueParser.TryParseTimestamp(text, out var t)) return (null, column.Name, "not a timestamp YYYY-MM-DDTHH:MM[:SS]");
                    if (!ValueParser.IsPlausibleYear(t.Year)) return (null, column.Name, ValueParser.ImplausibleYearReason);
                    values[i] = t;
                    break;
                case ColumnType.Integer:
                    if (!ValueParser.TryParseInteger(text, out var n)) return (null, column.Name, "not an integer");
                    values[i] = n;
                    break;
                case ColumnType.Decimal:
                    if (!ValueParser.TryParseDecimal(text, out var m)) return (null, column.Name, "not a decimal number");
                    values[i] = m;
                    break;
                default:
                    values[i] = interner is null ? text : interner.Text(i, text);
                    break;
            }
        }
        for (var i = 0; i < spec.Columns.Count; i++)
        {
            var column = spec.Columns[i];
            if (column.Codes is not null && texts[i] is { } code && !column.Codes.Contains(code))
            {
                return (null, column.Name, "code not in the list");
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
    private static List<ExtractRow> Deduplicate(TableSpec spec, List<ExtractRow> rows, List<QuarantinedRow> quarantine, string file)
    {
        var lastModified = spec.IndexOf("last_modified");
        var winners = new Dictionary<string, ExtractRow>(rows.Count, StringComparer.Ordinal);
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
            quarantine.Add(WithRowContext(new QuarantinedRow(spec.Name, file, row.Line, string.Join("+", spec.Key),
                $"duplicate {string.Join("+", spec.Key)}: {Place(winner, file)} has the later last_modified", RawOf(spec, row)), spec, row));
        }
        return rows.Where(r => !lost.Contains(r)).ToList();
    }

    private static List<ExtractRow> RejectDuplicateReferenceKeys(TableSpec spec, List<ExtractRow> rows, string file)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = KeyOf(spec, row);
            if (!seen.TryAdd(key, row.Line))
            {
                throw new ExtractUnusableException(
                    $"{file}: duplicate {string.Join("+", spec.Key)} '{key.Replace('\u001f', '+')}' on lines {seen[key]} and {row.Line}");
            }
        }
        return rows;
    }

    private static List<ExtractRow> CheckForeignKeys(TableSpec spec, List<ExtractRow> rows, Dictionary<string, TableData> loaded,
        Dictionary<string, HashSet<string>> parentKeys, List<QuarantinedRow> quarantine, string file)
    {
        if (spec.ForeignKeys.Count == 0)
        {
            return rows;
        }
        var checks = spec.ForeignKeys.Select(fk =>
        {
            if (!parentKeys.TryGetValue(fk.ParentTable, out var keys))
            {
                parentKeys[fk.ParentTable] = keys = KeysOf(loaded[fk.ParentTable]);
            }
            return (fk, index: spec.IndexOf(fk.Column), keys);
        }).ToArray();
        var kept = new List<ExtractRow>(rows.Count);
        foreach (var row in rows)
        {
            var orphan = -1;
            for (var c = 0; c < checks.Length && orphan < 0; c++)
            {
                if (row.Text(checks[c].index) is { } value && !checks[c].keys.Contains(value)) orphan = c;
            }
            if (orphan >= 0)
            {
                var (fk, index, _) = checks[orphan];
                quarantine.Add(WithRowContext(new QuarantinedRow(spec.Name, file, row.Line, fk.Column,
                    $"orphan: {fk.Column} is not a loaded row of {fk.ParentTable}", RawOf(spec, row)), spec, row));
                continue;
            }
            kept.Add(row);
        }
        return kept;
    }

    /// <summary>The loaded keys of a table that other tables' foreign keys name.</summary>
    private static HashSet<string> KeysOf(TableData parent)
    {
        var parentKey = parent.Spec.IndexOf(parent.Spec.Key[0]);
        return new HashSet<string>(parent.Rows.Select(r => r.Text(parentKey)!), StringComparer.Ordinal);
    }

    /// <summary>Of two overlapping episodes of one child, the one that starts later (then ends later, then the greater episode_id) is quarantined.</summary>
    internal static List<ExtractRow> RemoveOverlappingEpisodes(TableSpec spec, List<ExtractRow> rows, List<QuarantinedRow> quarantine, string file)
    {
        int child = spec.IndexOf("child_id"), start = spec.IndexOf("start_date"), end = spec.IndexOf("end_date"), id = spec.IndexOf("episode_id");
        var rejected = new HashSet<ExtractRow>();
        foreach (var group in rows.GroupBy(r => r.Text(child)!, StringComparer.Ordinal))
        {
            var ordered = EpisodeOrder.InSequence(group, r => r.Date(start), r => r.Date(end), r => r.Text(id)).ToList();
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
                quarantine.Add(WithRowContext(new QuarantinedRow(spec.Name, file, episode.Line, "start_date",
                    $"episode overlaps another episode of the same child ({Place(clash, file)})", RawOf(spec, episode)), spec, episode));
            }
        }
        return rejected.Count == 0 ? rows : rows.Where(r => !rejected.Contains(r)).ToList();
    }

    /// <summary>"line N" of the table's file, or "file line N" when the table's rows come from several files.</summary>
    private static string Place(ExtractRow row, string tableFile) => row.File is { } f && f != tableFile ? $"{f} line {row.Line}" : $"line {row.Line}";

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
