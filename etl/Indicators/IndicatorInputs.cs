using ChildrensWarehouse.Contract;

namespace ChildrensWarehouse.Indicators;

/// <summary>
/// What each indicator is computed from: contract tables ("visits") and columns ("assessments.outcome"). A source that
/// does not fill one of them (the statutory returns hold no contacts, visits or assessment outcomes) cannot support the
/// indicator: it is reported as "not available from this source" with the reason, never as zero.
/// </summary>
public static class IndicatorInputs
{
    public const string NotAvailablePrefix = "not available from this source";

    private static readonly IReadOnlyDictionary<string, string[]> Inputs = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["K01"] = ["contacts.outcome"],
        ["K01T"] = ["contacts.decision_at"],
        ["K02"] = ["referrals", "population"],
        ["K03"] = ["referrals", "assessments"],
        ["K04"] = ["early_help.end_date", "population"],
        ["K05"] = ["assessments.authorised_date"],
        ["K05M"] = ["assessments.authorised_date"],
        ["K05W"] = ["assessments.authorised_date"],
        ["K06"] = ["referrals"],
        ["K07"] = ["cp_plans", "population"],
        ["K08"] = ["cp_plans", "cp_reviews"],
        ["K09"] = ["cp_plans", "visits"],
        ["K10"] = ["cla_episodes", "population"],
        ["K11"] = ["cla_episodes.reason_new_episode"],
        ["K12"] = ["cla_episodes", "cla_reviews"],
        ["K13"] = ["cla_episodes", "visits"],
        ["K14"] = ["cla_episodes", "health_assessments"],
        ["K14M"] = ["cla_episodes", "health_assessments"],
        ["K15"] = ["cla_episodes", "health_assessments"],
        ["K16"] = ["cla_episodes", "dental_checks", "children.date_of_birth"],
        ["K17"] = ["cla_episodes", "peps", "children.date_of_birth"],
        ["K18"] = ["cla_episodes.reason_ceased"],
        ["K18M"] = ["cla_episodes.reason_ceased"],
        ["K19"] = ["cp_plans"],
        ["K20"] = ["assessments.outcome"],
        ["K21"] = ["s47_enquiries", "population"],
        ["K22"] = ["referrals", "assessments.outcome", "cin_plans", "cp_plans", "cla_episodes"],
        ["K23"] = ["cp_plans"],
        ["K24"] = ["allocations", "case_supervisions"],
        ["K25"] = ["proceedings"],
        ["K25D"] = ["proceedings"],
        ["K26"] = ["cla_episodes.reason_new_episode", "children.date_of_birth"],
        ["K27"] = ["foster_carers"],
        ["K28"] = ["workers", "allocations"],
        ["K28X"] = ["workers", "allocations"],
        ["K29"] = ["referrals"],
        ["K30"] = ["care_leavers.accommodation_suitable", "children.date_of_birth"],
        ["K31"] = ["care_leavers.activity", "children.date_of_birth"],
        ["K32"] = ["cla_episodes"],
        ["K33"] = ["cla_episodes.reason_ceased"],
    };

    /// <summary>The inputs of an indicator (every implemented indicator has an entry; a test checks it).</summary>
    public static IReadOnlyList<string> Of(string code) =>
        Inputs.TryGetValue(code, out var inputs) ? inputs : throw new ArgumentException($"indicator {code} has no declared inputs", nameof(code));

    public static IReadOnlyCollection<string> Codes => Inputs.Keys.ToList();

    private static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["population"] = "population estimates (add reference:DIR with population.csv to --source)",
        ["contacts.decision_at"] = "contact decisions",
        ["contacts.outcome"] = "contact outcomes",
        ["early_help.end_date"] = "early help end dates",
        ["cla_episodes.reason_new_episode"] = "placement histories",
        ["assessments.authorised_date"] = "assessment authorisation dates",
        ["assessments.outcome"] = "assessment outcomes",
        ["cla_episodes.reason_ceased"] = "reasons episodes ceased",
        ["children.date_of_birth"] = "dates of birth",
        ["care_leavers.accommodation_suitable"] = "care leavers' accommodation",
        ["care_leavers.activity"] = "care leavers' activity",
        ["s47_enquiries"] = "section 47 enquiries",
        ["cp_plans"] = "child protection plans",
        ["cp_reviews"] = "child protection reviews",
        ["cla_episodes"] = "looked-after episodes",
        ["cla_reviews"] = "looked-after reviews",
        ["health_assessments"] = "health assessments",
        ["dental_checks"] = "dental checks",
        ["peps"] = "personal education plans",
        ["early_help"] = "early help episodes",
        ["cin_plans"] = "CIN plans",
        ["case_supervisions"] = "case supervisions",
        ["foster_carers"] = "foster carers",
    };

    private static string Name(string input) => Names.GetValueOrDefault(input) ?? input.Replace('_', ' ');

    /// <summary>
    /// The indicators a source cannot support, each with its reason ("not available from this source: the SSDA903 return
    /// holds no visits"). Empty for a case-system extract (coverage null: every table and column).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Unavailable(SourceCoverage? coverage)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (coverage is null) return result;
        foreach (var (code, inputs) in Inputs)
        {
            var missing = inputs.Where(i => !coverage.Provides(i)).ToList();
            if (missing.Count > 0)
            {
                var verb = coverage.SourceKind.EndsWith(" returns", StringComparison.Ordinal) || coverage.SourceKind.EndsWith(" lists", StringComparison.Ordinal) ? "hold" : "holds";
                result[code] = $"{NotAvailablePrefix}: {coverage.SourceKind} {verb} no {string.Join(", no ", missing.Select(Name))}";
            }
        }
        return result;
    }
}
