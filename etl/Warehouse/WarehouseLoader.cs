using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Indicators;
using ChildrensWarehouse.Rules;

namespace ChildrensWarehouse.Warehouse;

/// <summary>The rows of the shared tables (staging, quarantine, dimensions, KPIs), the same for every engine.</summary>
public static class WarehouseLoader
{
    /// <summary>The staging row of an extract row: council, source line, row key and row hash, then the values.</summary>
    private static object?[] StagingRow(string la, TableSpec spec, ExtractRow r, string hash)
    {
        var values = new object?[r.Values.Length + 4];
        values[0] = la;
        values[1] = r.Line;
        values[2] = ExtractReader.KeyOf(spec, r);
        values[3] = hash;
        Array.Copy(r.Values, 0, values, 4, r.Values.Length);
        return values;
    }

    /// <summary>Each row's hash (its source line and values), worked out on every core, in the extract's order.</summary>
    private static string[] RowHashes(IReadOnlyList<ExtractRow> rows) =>
        rows.AsParallel().AsOrdered().Select(r => RowHash.OfRow(r.Line, r.Values)).ToArray();

    /// <summary>Stages every row of a table (hashed on the other cores while they are written, in the extract's order).</summary>
    public static long Stage(this IWarehouse warehouse, Extract extract, TableSpec spec) =>
        warehouse.Stage(extract.Manifest.LaCode, spec, extract[spec.Name].Rows, hashOnEveryCore: true);

    /// <summary>Stages these rows of a table (a whole table's hashed on the other cores while they are written; an incremental read's few changed rows on this one).</summary>
    public static long Stage(this IWarehouse warehouse, string la, TableSpec spec, IReadOnlyList<ExtractRow> rows, bool hashOnEveryCore = false) =>
        warehouse.Append("stg", spec.Name, hashOnEveryCore
            ? rows.AsParallel().AsOrdered().Select(r => StagingRow(la, spec, r, RowHash.OfRow(r.Line, r.Values)))
            : rows.Select(r => StagingRow(la, spec, r, RowHash.OfRow(r.Line, r.Values))));

    /// <summary>
    /// Stages only what changed since the last run: a row whose hash (of its line and values) the staged rows lack is
    /// new or changed, and a staged row whose hash the extract lacks is deleted (changed or gone).
    /// </summary>
    public static long StageChanges(this IWarehouse warehouse, Extract extract, TableSpec spec)
    {
        var la = extract.Manifest.LaCode;
        var rows = extract[spec.Name].Rows;
        var hashes = RowHashes(rows);
        var stored = warehouse.StagedRowHashes(la, spec.Name);
        var current = new HashSet<string>(hashes, StringComparer.Ordinal);
        var removed = stored.Where(h => !current.Contains(h)).ToList();
        var added = Enumerable.Range(0, rows.Count).Where(i => !stored.Contains(hashes[i])).ToList();
        warehouse.DeleteStagedRows(la, spec.Name, removed);
        warehouse.Append("stg", spec.Name, added.Select(i => StagingRow(la, spec, rows[i], hashes[i])));
        return added.Count + removed.Count;
    }

    public static void WriteQuarantine(this IWarehouse warehouse, long runId, string laCode, IEnumerable<QuarantinedRow> rows) =>
        warehouse.Append("audit", "etl_quarantine", rows.Select(q => new object?[]
        {
            runId, laCode, q.Table, q.File, q.Line, q.Column, q.Reason, q.RawText, q.ChildId, q.LastModified,
        }));

    /// <summary>The date dimension over the bank-holiday list's years, with working-day numbering and the financial year.</summary>
    public static void LoadDateDimension(this IWarehouse warehouse, WorkingDayCalendar calendar) =>
        warehouse.ReplaceAll("dim", "date", DateRows(calendar));

    private static IEnumerable<object?[]> DateRows(WorkingDayCalendar calendar)
    {
        for (var d = calendar.ListedFirstDate; d <= calendar.ListedLastDate; d = d.AddDays(1))
        {
            var fyStart = d.Month >= 4 ? d.Year : d.Year - 1;
            var holiday = calendar.BankHolidayName(d);
            yield return
            [
                d.Year * 10000 + d.Month * 100 + d.Day, d, d.Year, d.Month, d.Day, d.DayOfWeek.ToString(),
                new DateOnly(d.Year, d.Month, 1).AddMonths(1).AddDays(-1), $"{fyStart}-{(fyStart + 1) % 100:00}",
                holiday is not null, holiday, calendar.IsWorkingDay(d), calendar.WorkingDayNumber(d),
            ];
        }
    }

    public static void LoadIndicatorDimension(this IWarehouse warehouse, IEnumerable<IndicatorDefinition> definitions) =>
        warehouse.ReplaceAll("dim", "indicator", definitions.OrderBy(d => d.Code, StringComparer.Ordinal).Select(d => new object?[]
        {
            d.Code, d.Chart, d.Title, d.Window, d.Unit.ToString().ToLowerInvariant(), d.Polarity, d.Definition,
        }));

    /// <summary>
    /// The computed rows into fact.kpi_month; an indicator the source cannot support gets no rows there (no numbers, never
    /// zeros) but one row in fact.kpi_availability with the reason.
    /// </summary>
    public static void WriteKpis(this IWarehouse warehouse, string laCode, DateTime asAt, long runId, IReadOnlyList<KpiRow> rows)
    {
        warehouse.Append("fact", "kpi_month", rows.Where(k => k.Availability is null).Select(k => new object?[]
        {
            laCode, k.IndicatorCode, k.PeriodEnd, k.Numerator, k.Denominator, k.Value, k.Target, k.AmberTolerance, k.TargetUpper, k.Rag, k.StatNeighbour, asAt, runId,
        }));
        warehouse.Append("fact", "kpi_availability", rows.Where(k => k.Availability is not null)
            .GroupBy(k => k.IndicatorCode).Select(g => new object?[] { laCode, g.Key, g.First().Availability, asAt, runId }));
    }

    public static void WriteKpiMembers(this IWarehouse warehouse, string laCode, long runId, IEnumerable<KpiMember> members) =>
        warehouse.Append("fact", "kpi_member", members.Select(m => new object?[]
        {
            laCode, m.Code, m.PeriodEnd, m.ChildId, m.RecordId, m.InNumerator, m.InDenominator, m.DueDate, m.WorkerId, runId,
        }));
}
