using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Derivation;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Warehouse;

namespace ChildrensWarehouse.Pipeline;

/// <summary>
/// What a child's derived rows depend on, so an incremental run re-derives only the children they may have changed
/// for (docs/DECISIONS.md "Incremental runs"). A child's rows are a function of:
/// <list type="number">
/// <item>its own rows: every row with its child_id, and the CP reviews of its plans (<see cref="InputHashes"/>);</item>
/// <item>which of its contacts a referral names (the one fact read across children), hashed with its rows;</item>
/// <item>the context: the program's build, the rules, the months, the as-at date, the council's tables (workers, teams,
/// carers, bank holidays, reference lists...) and the pseudonym salt (<see cref="ContextHash"/>): when any of these
/// differs from the last run's, every child is re-derived;</item>
/// <item>the as-at moment within the day: only through the contact times that CaseView and the contact rule compare
/// with it, received_at, decision_at and the decision window's end (<see cref="ContactTimesPassed"/>).</item>
/// </list>
/// </summary>
public static class ChildInputs
{
    /// <summary>
    /// For a table of children's rows, the child each row belongs to (its child_id; for a CP review, its plan's child;
    /// null when that plan is not loaded); null for the council's own tables (workers, teams, reference lists...).
    /// </summary>
    internal static Func<ExtractRow, string?>? OwnerOf(TableSpec spec, IReadOnlyDictionary<string, string> planOwners)
    {
        if (spec.Name == "cp_reviews")
        {
            var plan = spec.IndexOf("cp_plan_id");
            return r => planOwners.GetValueOrDefault(r.Text(plan)!);
        }
        if (!IsChildTable(spec)) return null;
        var child = spec.IndexOf("child_id");
        return r => r.Text(child);
    }

    /// <summary>A table of children's rows (with a child_id, or a CP review through its plan) rather than of the council's.</summary>
    public static bool IsChildTable(TableSpec spec) => spec.Name == "cp_reviews" || spec.Columns.Any(c => c.Name == "child_id");

    private static Dictionary<string, string> PlanOwners(Extract extract)
    {
        var plans = extract["cp_plans"];
        int planId = plans.Spec.IndexOf("cp_plan_id"), planChild = plans.Spec.IndexOf("child_id");
        return plans.Rows.ToDictionary(r => r.Text(planId)!, r => r.Text(planChild)!, StringComparer.Ordinal);
    }

    /// <summary>child_id -> hash of the child's rows and named contacts (each child of the children table has one).</summary>
    public static Dictionary<string, string> InputHashes(Extract extract, IReadOnlySet<string> contactsNamedByReferrals)
    {
        var hashes = new Dictionary<string, RowHash>(StringComparer.Ordinal);
        var planOwners = PlanOwners(extract);
        foreach (var spec in CaseSystemContract.AllTables)
        {
            if (OwnerOf(spec, planOwners) is not { } owner) continue;
            var contactId = spec.Name == "contacts" ? spec.IndexOf("contact_id") : -1;
            foreach (var r in extract[spec.Name].Rows)
            {
                if (owner(r) is not { } childId) continue;
                if (!hashes.TryGetValue(childId, out var h)) hashes[childId] = h = new RowHash();
                h.Add(spec.Name).Add(r.Values);
                if (contactId >= 0) h.Add(contactsNamedByReferrals.Contains(r.Text(contactId)!));
            }
        }
        return hashes.ToDictionary(x => x.Key, x => x.Value.Finish(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The extract's rows grouped by child once (<see cref="ChildExtracts"/>), so that a child's typed records are made
    /// only while it is derived rather than every child's at once.
    /// </summary>
    public static ChildExtracts ByChild(Extract extract) => new(extract, PlanOwners(extract));

    /// <summary>The extract with only these children's rows in the child tables (the council's tables whole): to derive just them.</summary>
    public static Extract Restrict(Extract extract, IReadOnlySet<string> children)
    {
        var planOwners = PlanOwners(extract);
        var tables = new Dictionary<string, TableData>();
        foreach (var (name, data) in extract.Tables)
        {
            tables[name] = OwnerOf(data.Spec, planOwners) is { } owner
                ? new TableData(data.Spec, data.Rows.Where(r => owner(r) is { } child && children.Contains(child)).ToList(), data.Read)
                : data;
        }
        return new Extract
        {
            Folder = extract.Folder, Manifest = extract.Manifest, Tables = tables, Quarantine = extract.Quarantine, Warnings = extract.Warnings,
            Coverage = extract.Coverage, SourceAccounting = extract.SourceAccounting,
        };
    }

    /// <summary>Everything beyond a child's own rows that its derivation depends on, but the as-at time of day.</summary>
    public static string ContextHash(Extract extract, RuleSettings rules, int months, DateTime asAt, Pseudonymiser pseudonyms,
        IEnumerable<string> unavailableIndicators)
    {
        var hash = new RowHash()
            .Add(string.Join(",", unavailableIndicators.Order(StringComparer.Ordinal)))
            .Add(typeof(ChildDerivation).Assembly.ManifestModule.ModuleVersionId.ToString())
            .Add(rules.ToJson())
            .Add(months)
            .Add(DateOnly.FromDateTime(asAt))
            .Add(extract.Manifest.LaCode)
            .Add(pseudonyms.Of(extract.Manifest.LaCode, "salt check"));
        foreach (var spec in CaseSystemContract.AllTables.Where(t => !IsChildTable(t)))
        {
            hash.Add(spec.Name);
            foreach (var r in extract[spec.Name].Rows) hash.Add(r.Values);
        }
        return hash.Finish();
    }

    /// <summary>
    /// The children with a contact whose received_at, decision_at or decision window end lies between two as-at moments
    /// of the same day (after the earlier, up to and including the later): the only times compared with the as-at
    /// moment rather than its date.
    /// </summary>
    public static HashSet<string> ContactTimesPassed(Extract extract, DateTime from, DateTime to, RuleSettings rules, WorkingDayCalendar calendar)
    {
        var (lo, hi) = from <= to ? (from, to) : (to, from);
        bool Between(DateTime t) => t > lo && t <= hi;
        var contacts = extract["contacts"];
        int child = contacts.Spec.IndexOf("child_id"), received = contacts.Spec.IndexOf("received_at"), decision = contacts.Spec.IndexOf("decision_at");
        var passed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in contacts.Rows)
        {
            var receivedAt = r.Timestamp(received)!.Value;
            if (receivedAt > hi) continue;   // after both moments: not there in either run
            if (Between(receivedAt) || (r.Timestamp(decision) is { } d && Between(d))
                || Between(ChildDerivation.ContactWindowEnd(receivedAt, rules.Contact.DecisionClock, calendar)))
            {
                passed.Add(r.Text(child)!);
            }
        }
        return passed;
    }

    /// <summary>
    /// A condition on the staged contacts that keeps every contact <see cref="ContactTimesPassed"/> could find between the
    /// two moments (and some more, which it then leaves out): received by the later moment, and received less than 31
    /// days before the earlier one or decided between them. Null when a decision window can be longer than that.
    /// </summary>
    public static (string Condition, IReadOnlyDictionary<string, object> Parameters)? ContactsPassedFromStaging(DateTime from, DateTime to, RuleSettings rules,
        WorkingDayCalendar calendar)
    {
        var (lo, hi) = from <= to ? (from, to) : (to, from);
        var earliest = lo.AddDays(-31);
        // The window's end never comes before a later receipt's: received before `earliest`, it ended by `lo`.
        if (earliest < new DateTime(WorkingDayCalendar.EarliestYear, 1, 1) || ChildDerivation.ContactWindowEnd(earliest, rules.Contact.DecisionClock, calendar) > lo) return null;
        return ("received_at <= $hi AND (received_at > $earliest OR (decision_at > $lo AND decision_at <= $hi))",
            new Dictionary<string, object> { ["hi"] = hi, ["lo"] = lo, ["earliest"] = earliest });
    }
}

/// <summary>
/// One extract split by child: <see cref="For"/> gives the extract of the i-th child in child_id order (the order in
/// which <see cref="CaseView.Cases"/> derives children): its own rows of every child table (a CP review through its
/// plan), the council's tables whole. The rows are shared with the whole extract, not copied.
/// </summary>
public sealed class ChildExtracts
{
    private readonly Extract _extract;
    private readonly ExtractRow[] _children;
    private readonly List<(string Table, ILookup<string, ExtractRow> Rows)> _byChild = [];
    private readonly int _childId;

    internal ChildExtracts(Extract extract, IReadOnlyDictionary<string, string> planOwners)
    {
        _extract = extract;
        var children = extract["children"];
        _childId = children.Spec.IndexOf("child_id");
        _children = children.Rows.OrderBy(r => r.Text(_childId)!, StringComparer.Ordinal).ToArray();
        foreach (var (name, data) in extract.Tables)
        {
            if (name == "children" || ChildInputs.OwnerOf(data.Spec, planOwners) is not { } owner) continue;
            _byChild.Add((name, data.Rows.Where(r => owner(r) is not null).ToLookup(r => owner(r)!, StringComparer.Ordinal)));
        }
    }

    public int Count => _children.Length;

    /// <summary>Every child's extract, in order.</summary>
    public IEnumerable<Extract> All()
    {
        for (var i = 0; i < Count; i++) yield return For(i);
    }

    public Extract For(int i)
    {
        var id = _children[i].Text(_childId)!;
        var tables = new Dictionary<string, TableData>(_extract.Tables)
        {
            ["children"] = new(_extract["children"].Spec, [_children[i]], 1),
        };
        foreach (var (name, rows) in _byChild) tables[name] = new TableData(_extract[name].Spec, rows[id].ToArray(), 0);
        return new Extract { Folder = _extract.Folder, Manifest = _extract.Manifest, Tables = tables, Quarantine = [], Warnings = [], Coverage = _extract.Coverage };
    }
}
