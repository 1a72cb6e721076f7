using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChildrensWarehouse.Seeds;

/// <summary>How a row may be damaged when defects are injected.</summary>
internal enum RowRole
{
    /// <summary>Nothing refers to the row: any defect class may hit it.</summary>
    Leaf,

    /// <summary>Other rows refer to it: only a losing duplicate may be added, so no dependent becomes an orphan.</summary>
    Parent,
}

/// <summary>A CSV file of the contract written with CsvHelper: invariant culture, "\n", UTF-8 without BOM.</summary>
internal sealed class CsvFile : IDisposable
{
    private static readonly CsvConfiguration Config = new(CultureInfo.InvariantCulture) { NewLine = "\n" };

    private readonly StreamWriter _stream;
    private readonly CsvWriter _csv;

    public CsvFile(string path, IReadOnlyList<string> header)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _stream = new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16),
            new UTF8Encoding(false), 1 << 16);
        _csv = new CsvWriter(_stream, Config);
        foreach (var h in header)
        {
            _csv.WriteField(h);
        }
        _csv.NextRecord();
        NextLine = 2;
    }

    /// <summary>The 1-based physical line at which the next record starts (the header is line 1).</summary>
    public long NextLine { get; private set; }

    public long Records { get; private set; }

    /// <summary>Writes one record and returns the physical line it starts on.</summary>
    public long Write(ReadOnlySpan<string?> fields)
    {
        var line = NextLine;
        var breaks = 0;
        foreach (var f in fields)
        {
            _csv.WriteField(f);
            if (f is not null && f.Contains('\n'))
            {
                breaks += f.AsSpan().Count('\n');
            }
        }
        _csv.NextRecord();
        NextLine += 1 + breaks;
        Records++;
        return line;
    }

    public void Dispose()
    {
        _csv.Dispose();
        _stream.Dispose();
    }
}

/// <summary>Where injected defects are listed: defects.csv (table,line,id,defect_class).</summary>
internal sealed class DefectLog(CsvFile file)
{
    public long Count { get; private set; }

    public void Add(string table, long line, string id, string defectClass)
    {
        file.Write([table, Format.Integer(line), id, defectClass]);
        Count++;
    }
}

/// <summary>
/// One table of an extract being written. Callers fill <see cref="Row"/> and call <see cref="Emit"/>;
/// with a defect rate above zero a share of rows is damaged in one of the bad-input classes of
/// CASE_SYSTEM.md and listed in defects.csv with the physical line where the damaged record starts.
/// </summary>
internal sealed class TableWriter : IDisposable
{
    public const string MissingRequired = "missing_required";
    public const string DayMonthYearDate = "date_dd_mm_yyyy";
    public const string ImpossibleDate = "impossible_date";
    public const string CodeOutsideList = "code_outside_list";
    public const string EndBeforeStart = "end_before_start";
    public const string TimestampAfterExtract = "timestamp_after_extract";
    public const string DuplicateId = "duplicate_id";
    public const string OrphanChildId = "orphan_child_id";
    public const string OverlappingEpisode = "overlapping_cla_episode";

    private readonly CsvFile _file;
    private readonly DefectContext? _defects;
    private readonly Random? _rng;
    private readonly string?[] _scratch;
    private readonly List<string> _classes = new(12);

    public TableWriter(TableSpec spec, string path, DefectContext? defects, Random? rng)
    {
        Spec = spec;
        _file = new CsvFile(path, spec.Columns.Select(c => c.Name).ToArray());
        Row = new string?[spec.Columns.Length];
        _scratch = new string?[spec.Columns.Length];
        _defects = defects;
        _rng = rng;
    }

    public TableSpec Spec { get; }

    /// <summary>The record being built; cleared after each <see cref="Emit"/>.</summary>
    public string?[] Row { get; }

    public long Records => _file.Records;

    public void Set(string column, string? value) => Row[Spec[column]] = value;

    public void Emit(RowRole role = RowRole.Leaf)
    {
        if (_defects is { Rate: > 0 } && _rng!.NextDouble() < _defects.Rate)
        {
            EmitWithDefect(role);
        }
        else
        {
            _file.Write(Row);
        }
        Array.Clear(Row);
    }

    private void EmitWithDefect(RowRole role)
    {
        var ctx = _defects!;
        var rng = _rng!;
        _classes.Clear();
        if (Spec.KeyColumns.Length > 0)
        {
            _classes.Add(DuplicateId);
        }
        if (role == RowRole.Leaf)
        {
            _classes.Add(MissingRequired);
            _classes.Add(TimestampAfterExtract);
            if (FirstFilled(ColumnKind.Date) >= 0)
            {
                _classes.Add(DayMonthYearDate);
                _classes.Add(ImpossibleDate);
            }
            if (FirstFilled(ColumnKind.Code) >= 0)
            {
                _classes.Add(CodeOutsideList);
            }
            if (Spec.EndPairs.Any(p => Row[p.Start] is not null))
            {
                _classes.Add(EndBeforeStart);
            }
            if (Spec.ChildColumn >= 0 && Spec != ExtractSchema.Children)
            {
                _classes.Add(OrphanChildId);
            }
            if (Spec == ExtractSchema.ClaEpisodes && CanOverlap())
            {
                _classes.Add(OverlappingEpisode);
            }
        }
        if (_classes.Count == 0)
        {
            _file.Write(Row);
            return;
        }
        var defect = _classes[rng.Next(_classes.Count)];
        var id = KeyText(Row);
        switch (defect)
        {
            case DuplicateId:
                {
                    _file.Write(Row);
                    Row.CopyTo(_scratch, 0);
                    // The older version of the record: earlier last_modified (it loses) and, where the
                    // record has an end, written before that end was known.
                    var lm = ParseStamp(_scratch[Spec.LastModifiedColumn]!);
                    _scratch[Spec.LastModifiedColumn] = Format.Timestamp(lm.AddMinutes(-rng.Between(60, 20 * 24 * 60)));
                    foreach (var (_, end) in Spec.EndPairs)
                    {
                        if (Spec.Columns[end].Kind == ColumnKind.Date)
                        {
                            _scratch[end] = null;
                        }
                    }
                    var line = _file.Write(_scratch);
                    ctx.Log.Add(Spec.Name, line, id, defect);
                    return;
                }
            case OverlappingEpisode:
                {
                    _file.Write(Row);
                    var start = DateOnly.ParseExact(Row[Spec["start_date"]]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    var endText = Row[Spec["end_date"]];
                    var end = endText is null ? ctx.Horizon : DateOnly.ParseExact(endText, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    var length = start.DaysUntil(end);
                    var s = start.AddDays(rng.Between(1, length - 2));
                    var e = Dates.Min(s.AddDays(rng.Between(1, 14)), end);
                    Row.CopyTo(_scratch, 0);
                    _scratch[Spec["episode_id"]] = Row[Spec["episode_id"]] + "-OV";
                    _scratch[Spec["start_date"]] = Format.Date(s);
                    _scratch[Spec["end_date"]] = Format.Date(e);
                    _scratch[Spec["reason_new_episode"]] = "P";
                    _scratch[Spec["reason_ceased"]] = null;
                    var line = _file.Write(_scratch);
                    ctx.Log.Add(Spec.Name, line, _scratch[Spec["episode_id"]]!, defect);
                    return;
                }
        }
        Row.CopyTo(_scratch, 0);
        switch (defect)
        {
            case MissingRequired:
                {
                    var candidates = Enumerable.Range(0, Spec.Columns.Length)
                        .Where(i => Spec.Columns[i].Required && Spec.Columns[i].Kind is not (ColumnKind.Id or ColumnKind.ChildId) && Row[i] is not null)
                        .ToArray();
                    _scratch[candidates[rng.Next(candidates.Length)]] = null;
                    break;
                }
            case TimestampAfterExtract:
                _scratch[Spec.LastModifiedColumn] = Format.Timestamp(ctx.ExtractedAt.AddMinutes(rng.Between(30, 5 * 24 * 60)));
                break;
            case DayMonthYearDate:
                {
                    var i = PickFilled(ColumnKind.Date, rng);
                    var d = DateOnly.ParseExact(Row[i]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    _scratch[i] = d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
                    break;
                }
            case ImpossibleDate:
                {
                    var i = PickFilled(ColumnKind.Date, rng);
                    var year = Row[i]![..4];
                    _scratch[i] = rng.Chance(0.5) ? year + "-02-30" : year + "-04-31";
                    break;
                }
            case CodeOutsideList:
                {
                    var i = PickFilled(ColumnKind.Code, rng);
                    _scratch[i] = Spec.Columns[i].Invalid;
                    break;
                }
            case EndBeforeStart:
                {
                    var pairs = Spec.EndPairs.Where(p => Row[p.Start] is not null).ToArray();
                    var (s, e) = pairs[rng.Next(pairs.Length)];
                    if (Spec.Columns[s].Kind == ColumnKind.Timestamp)
                    {
                        _scratch[e] = Format.Timestamp(ParseStamp(Row[s]!).AddMinutes(-rng.Between(5, 600)));
                    }
                    else
                    {
                        var start = DateOnly.ParseExact(Row[s]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                        _scratch[e] = Format.Date(start.AddDays(-rng.Between(1, 60)));
                    }
                    break;
                }
            case OrphanChildId:
                _scratch[Spec.ChildColumn] = "X" + Row[Spec.ChildColumn];
                break;
        }
        var at = _file.Write(_scratch);
        ctx.Log.Add(Spec.Name, at, KeyText(_scratch), defect);
    }

    private bool CanOverlap()
    {
        var legal = Row[Spec["legal_status"]];
        if (legal is "V3" or "V4")
        {
            return false;
        }
        var start = DateOnly.ParseExact(Row[Spec["start_date"]]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var endText = Row[Spec["end_date"]];
        var end = endText is null ? _defects!.Horizon : DateOnly.ParseExact(endText, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return start.DaysUntil(end) >= 3;
    }

    private int FirstFilled(ColumnKind kind)
    {
        for (var i = 0; i < Row.Length; i++)
        {
            if (Spec.Columns[i].Kind == kind && Row[i] is not null)
            {
                return i;
            }
        }
        return -1;
    }

    private int PickFilled(ColumnKind kind, Random rng)
    {
        var candidates = Enumerable.Range(0, Row.Length).Where(i => Spec.Columns[i].Kind == kind && Row[i] is not null).ToArray();
        return candidates[rng.Next(candidates.Length)];
    }

    private string KeyText(string?[] row)
    {
        if (Spec.KeyColumns.Length == 0)
        {
            return "";
        }
        return string.Join("|", Spec.KeyColumns.Select(k => row[k] ?? ""));
    }

    private static DateTime ParseStamp(string text) => DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    public void Dispose() => _file.Dispose();
}

/// <summary>Settings shared by the table writers of one extract when defects are injected.</summary>
internal sealed class DefectContext(double rate, DateTime extractedAt, DateOnly horizon, DefectLog log)
{
    public double Rate { get; } = rate;
    public DateTime ExtractedAt { get; } = extractedAt;
    public DateOnly Horizon { get; } = horizon;
    public DefectLog Log { get; } = log;
}
