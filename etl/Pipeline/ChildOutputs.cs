using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Derivation;
using ChildrensWarehouse.Indicators;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Warehouse;

namespace ChildrensWarehouse.Pipeline;

/// <summary>Everything the warehouse holds for one child, table by table, and a hash of it (lineage left out).</summary>
public sealed record ChildOutput(string ChildId, IReadOnlyList<(string Schema, string Table, IReadOnlyList<object?[]> Rows)> Tables, string Hash)
{
    /// <summary>The child's contributions to the indicator sums (<see cref="Indicators.IndicatorCalculator.LastChildTally"/>).</summary>
    public string Tally { get; init; } = "";

    /// <summary>The hash of the child's rows (<see cref="ChildInputs.InputHashes"/>), made from the rows it was derived from.</summary>
    public string InputHash { get; init; } = "";
}

/// <summary>
/// The per-child rows of every child-keyed table. The one list of them: a full run writes all children, an incremental
/// run rewrites the children whose output hash changed, and both delete from the same tables.
/// </summary>
public sealed class ChildOutputs(string laCode, long runId, RuleSettings rules, WorkingDayCalendar calendar, ReportingPeriods periods,
    IReadOnlyDictionary<string, string> teamOfWorker, IReadOnlyDictionary<string, object?[]> childRows)
{
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
        // Every table's rows but for the lineage run_id (their last value), each table marked, so an unchanged child hashes the same.
        var hash = new RowHash();
        foreach (var (schema, table, rows) in tables)
        {
            hash.Add(schema).Add(table);
            foreach (var row in rows) hash.Add(row, skipLast: 1);
        }
        return new ChildOutput(facts.ChildId, tables, hash.Finish());
    }

    public IEnumerable<object?[]> KpiMemberRows(IEnumerable<KpiMember> members) =>
        members.Select(m => new object?[] { laCode, m.Code, m.PeriodEnd, m.ChildId, m.RecordId, m.InNumerator, m.InDenominator, m.DueDate, m.WorkerId, runId });

    /// <summary>dim.child rows by child_id: the current version of every loaded child.</summary>
    public static IReadOnlyDictionary<string, object?[]> ChildRows(Extract extract, long runId, Pseudonymiser pseudonyms) =>
        FactRows.Children(extract, runId, pseudonyms).ToDictionary(r => (string)r[1]!, StringComparer.Ordinal);
}
