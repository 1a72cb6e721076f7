using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Derivation;
using ChildrensWarehouse.Indicators;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Warehouse;

namespace ChildrensWarehouse.Pipeline;

/// <summary>
/// Everything the warehouse holds for one child, table by table, and its hash: a hash of each table's rows (lineage
/// left out) in the tables' order, empty for a table without rows (<see cref="ChildOutputs.TablesToRewrite"/>).
/// </summary>
public sealed record ChildOutput(string ChildId, IReadOnlyList<(string Schema, string Table, IReadOnlyList<object?[]> Rows)> Tables, string Hash)
{
    /// <summary>The child's contributions to the indicator sums (<see cref="Indicators.IndicatorCalculator.LastChildTally"/>).</summary>
    public string Tally { get; init; } = "";

    /// <summary>The hash of the child's rows (<see cref="ChildInputs.InputHashes"/>), made from the rows it was derived from.</summary>
    public string InputHash { get; init; } = "";
}

/// <summary>
/// The per-child rows of every child-keyed table. The one list of them: a full run writes all children, an incremental
/// run rewrites, of the children whose output hash changed, the tables whose rows changed (and those naming them), and
/// both delete from the same tables.
/// </summary>
public sealed class ChildOutputs(string laCode, long runId, RuleSettings rules, WorkingDayCalendar calendar, ReportingPeriods periods,
    IReadOnlyDictionary<string, string> teamOfWorker, IReadOnlyDictionary<string, object?[]> childRows,
    IReadOnlyList<(string Table, string Parent)> relationships)
{
    /// <summary>Hex digits kept of each table's hash (64 bits): every table's together fit audit.child_state.output_hash.</summary>
    public const int TableHashLength = 16;

    private delegate IEnumerable<object?[]> Rows(ChildFacts f);

    private IEnumerable<(string Schema, string Table, Rows Rows)> Tables()
    {
        var la = laCode;
        yield return ("dim", "child", f => childRows.TryGetValue(f.ChildId, out var row) ? [row] : []);
        yield return ("fact", "contact", f => FactRows.Contacts(la, runId, f));
        yield return ("fact", "referral", f => FactRows.Referrals(la, runId, f));
        yield return ("fact", "assessment", f => FactRows.Assessments(la, runId, f, rules));
        yield return ("fact", "cla_episode", f => FactRows.ClaEpisodes(la, runId, f));
        yield return ("fact", "period_of_care", f => FactRows.PeriodsOfCare(la, runId, f));
        yield return ("fact", "s47", f => FactRows.S47(la, runId, f, rules));
        yield return ("fact", "cin_plan", f => FactRows.CinPlans(la, runId, f));
        yield return ("fact", "cp_plan", f => FactRows.CpPlans(la, runId, f, rules));
        yield return ("fact", "cp_review_obligation", f => FactRows.CpReviewObligations(la, runId, f));
        yield return ("fact", "visit", f => FactRows.Visits(la, runId, f, calendar, rules.ChildProtection.VisitIntervalWorkingDays));
        yield return ("fact", "placement_spell", f => FactRows.PlacementSpells(la, runId, f));
        yield return ("fact", "cla_review_obligation", f => FactRows.ClaReviewObligations(la, runId, f));
        yield return ("fact", "health_assessment_obligation", f => FactRows.HealthAssessmentObligations(la, runId, f));
        yield return ("fact", "pep", f => FactRows.Peps(la, runId, f));
        yield return ("fact", "adoption", f => FactRows.Adoptions(la, runId, f));
        yield return ("fact", "proceedings", f => FactRows.Proceedings(la, runId, f, rules));
        yield return ("fact", "care_leaver", f => FactRows.CareLeavers(la, runId, f));
        yield return ("fact", "allocation_snapshot", f => FactRows.AllocationSnapshots(la, runId, f, periods.MonthEnds, teamOfWorker));
        yield return ("fact", "supervision", f => FactRows.Supervisions(la, runId, f));
    }

    /// <summary>Every child-keyed table, including the drill-through (fact.kpi_member).</summary>
    public IReadOnlyList<(string Schema, string Table)> TableNames =>
        Tables().Select(t => (t.Schema, t.Table)).Append(("fact", "kpi_member")).ToList();

    public ChildOutput For(ChildFacts facts, IReadOnlyList<KpiMember> members)
    {
        var tables = Tables().Select(t => (t.Schema, t.Table, (IReadOnlyList<object?[]>)t.Rows(facts).ToList()))
            .Append(("fact", "kpi_member", KpiMemberRows(members).ToList()))
            .ToList();
        // Each table's rows but for the lineage run_id (their last value), the table marked, so an unchanged table hashes the same.
        var hashes = tables.Select(t =>
        {
            if (t.Item3.Count == 0) return "";
            var hash = new RowHash().Add(t.Schema).Add(t.Table);
            foreach (var row in t.Item3) hash.Add(row, skipLast: 1);
            return hash.Finish()[..TableHashLength];
        });
        return new ChildOutput(facts.ChildId, tables, string.Join(HashSeparator, hashes.Prepend(Layout)));
    }

    private const char HashSeparator = '.';
    private const int LayoutLength = 8;

    /// <summary>
    /// The tables' names and order, hashed: the first part of every output hash, so that a hash written for another list
    /// of tables (another build of the program) is never compared table by table.
    /// </summary>
    private string Layout => _layout ??= new RowHash().Add(string.Join(",", TableNames.Select(t => $"{t.Schema}.{t.Table}"))).Finish()[..LayoutLength];
    private string? _layout;

    /// <summary>The longest output hash: the layout and every table's hash.</summary>
    public int MaxHashLength => LayoutLength + TableNames.Count * (TableHashLength + 1);

    /// <summary>
    /// For each table, the tables whose rows name it, directly or through others (the declared relationships,
    /// warehouse-schema/data-tests.csv), itself included.
    /// </summary>
    private IReadOnlyList<int[]> NamedByTables => _namedBy ??= NamedBy(TableNames.Select(t => $"{t.Schema}.{t.Table}").ToList(), relationships);
    private IReadOnlyList<int[]>? _namedBy;

    private static IReadOnlyList<int[]> NamedBy(IReadOnlyList<string> names, IReadOnlyList<(string Table, string Parent)> relationships)
    {
        var index = names.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        // Relationships between two of these tables (a relationship to a shared dimension names no child's rows).
        var links = relationships.Where(r => index.ContainsKey(r.Table) && index.ContainsKey(r.Parent))
            .Select(r => (Table: index[r.Table], Parent: index[r.Parent])).ToList();
        var sets = names.Select((_, i) => new HashSet<int> { i }).ToList();
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (table, parent) in links)
            {
                foreach (var set in sets.Where(s => s.Contains(parent))) grew |= set.Add(table);
            }
        }
        return sets.Select(s => s.Order().ToArray()).ToList();
    }

    /// <summary>
    /// The indexes of the tables in which a child's rows are written again, given its hash as stored (null: the child
    /// has no rows yet) and as derived now: each table whose rows changed, with every table whose rows name it (so that a
    /// run that tests only the rows it wrote still tests each row of the child that names a rewritten one), of those
    /// that held or hold rows of the child. Every table when the stored hash is of another layout (another program's,
    /// or "" when the child's rows are not known table by table).
    /// </summary>
    public IReadOnlyList<int> TablesToRewrite(string? before, string after)
    {
        var now = after.Split(HashSeparator)[1..];
        var stored = before?.Split(HashSeparator);
        if (stored is not null && (stored.Length != now.Length + 1 || stored[0] != Layout)) return Enumerable.Range(0, now.Length).ToList();
        var then = stored?[1..];
        var rewrite = new bool[now.Length];
        for (var i = 0; i < now.Length; i++)
        {
            if (then is null ? now[i].Length == 0 : then[i] == now[i]) continue;
            foreach (var j in NamedByTables[i]) rewrite[j] = true;
        }
        return Enumerable.Range(0, now.Length).Where(i => rewrite[i] && (now[i].Length > 0 || (then is not null && then[i].Length > 0))).ToList();
    }

    public IEnumerable<object?[]> KpiMemberRows(IEnumerable<KpiMember> members) =>
        members.Select(m => new object?[] { laCode, m.Code, m.PeriodEnd, m.ChildId, m.RecordId, m.InNumerator, m.InDenominator, m.DueDate, m.WorkerId, runId });

    /// <summary>dim.child rows by child_id: the current version of every loaded child.</summary>
    public static IReadOnlyDictionary<string, object?[]> ChildRows(Extract extract, long runId, Pseudonymiser pseudonyms) =>
        FactRows.Children(extract, runId, pseudonyms).ToDictionary(r => (string)r[1]!, StringComparer.Ordinal);
}
