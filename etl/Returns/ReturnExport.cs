using System.Globalization;
using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Derivation;
using ChildrensWarehouse.Rules;

namespace ChildrensWarehouse.Returns;

/// <summary>
/// The council's statutory returns for one collection year (named by the 31 March it ends on: 2016 = 1 April 2015 to
/// 31 March 2016), made from the warehouse's staged extract as the case system stood at the end of that year (the same
/// as-at cut and per-child rules as the indicators). What the contract does not hold is left empty (docs/DECISIONS.md).
/// </summary>
public sealed class ReturnExport
{
    private readonly Extract _extract;
    private readonly int _year;
    private readonly DateOnly _start;
    private readonly DateOnly _end;
    private readonly IReadOnlyList<ChildFacts> _children;
    private readonly IReadOnlyDictionary<string, ExtractRow> _childRows;

    public ReturnExport(Extract extract, int year, RuleSettings rules)
    {
        _extract = extract;
        _year = year;
        _start = ReturnDates.YearStart(year);
        _end = ReturnDates.YearEnd(year);
        var asAt = ReturnDates.YearEndMoment(year);
        _children = DerivedCases.At(extract, asAt, rules);
        var spec = extract["children"].Spec;
        _childRows = extract["children"].Rows.ToDictionary(r => r.Text(spec.IndexOf("child_id"))!, StringComparer.Ordinal);
    }

    /// <summary>The latest collection year that ended by the as-at moment (the last complete one).</summary>
    public static int LastCompleteYear(DateTime asAt) => ReturnDates.YearEndMoment(asAt.Year) <= asAt ? asAt.Year : asAt.Year - 1;

    private string? ChildText(string childId, string column) =>
        _childRows.TryGetValue(childId, out var row) ? (string?)row.Values[_extract["children"].Spec.IndexOf(column)] : null;

    private DateOnly? ChildDate(string childId, string column) =>
        _childRows.TryGetValue(childId, out var row) ? (DateOnly?)row.Values[_extract["children"].Spec.IndexOf(column)] : null;

    private static string? F903(DateOnly? d) => d is { } x ? ReturnDates.Format903(x) : null;

    private static string? Iso(DateOnly? d) => d is { } x ? ReturnDates.Iso(x) : null;

    private bool InYear(DateOnly d) => d >= _start && d <= _end;

    private static ReturnRow Row(string table, params (string Column, string? Value)[] values) =>
        new(table, 0, values.ToDictionary(v => v.Column, v => v.Value, StringComparer.Ordinal), "");

    // ---- SSDA903 -------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// The SSDA903 return: every episode open at any time in the year (short breaks included, as the return has them), an
    /// episode ending after 31 March written as open; REC X1 where an episode ended and the period of care went on.
    /// </summary>
    public Ssda903Return Ssda903()
    {
        var ret = new Ssda903Return { Year = _year };
        foreach (var t in new[] { Ssda903Tables.Header, Ssda903Tables.Episodes, Ssda903Tables.Reviews, Ssda903Tables.Uasc, Ssda903Tables.Oc2,
                     Ssda903Tables.Oc3, Ssda903Tables.Ad1, Ssda903Tables.PlacedForAdoption })
        {
            ret.Tables[t.Name] = [];
        }
        foreach (var facts in _children)
        {
            var c = facts.Case;
            var id = c.Child.ChildId;
            var episodes = c.ClaEpisodes.Where(e => e.StartDate <= _end && (e.EndDate is null || e.EndDate >= _start)).ToList();
            var dob = F903(c.Child.DateOfBirth);
            if (episodes.Count > 0)
            {
                ret.Add(Ssda903Tables.Header, Row("header", ("CHILD", id), ("SEX", ReturnCodes.SexTo903(c.Child.Sex, _year)), ("DOB", dob),
                    ("ETHNIC", ChildText(id, "ethnicity")), ("UPN", ChildText(id, "upn")), ("MOTHER", null), ("MC_DOB", null)));
                foreach (var e in episodes)
                {
                    ret.Add(Ssda903Tables.Episodes, Row("episodes", ("CHILD", id), ("DECOM", F903(e.StartDate)), ("RNE", e.ReasonNewEpisode), ("LS", e.LegalStatus),
                        ("CIN", null), ("PLACE", e.PlacementType), ("PLACE_PROVIDER", EpisodeText(e, "placement_provider")), ("DEC", F903(e.EndDate)),
                        ("REC", e.EndDate is null ? null : e.ReasonCeased ?? "X1"), ("REASON_PLACE_CHANGE", null), ("HOME_POST", null),
                        ("PL_POST", EpisodeText(e, "placement_postcode_district")), ("URN", null)));
                }
                if (ChildText(id, "uasc") == "Y")
                {
                    ret.Add(Ssda903Tables.Uasc, Row("uasc", ("CHILD", id), ("SEX", ReturnCodes.SexTo903(c.Child.Sex, _year)), ("DOB", dob),
                        ("DUC", F903(c.Child.DateOfBirth?.AddYears(18)))));
                }
                foreach (var r in c.ClaReviews.Where(r => InYear(r.ReviewDate)))
                {
                    ret.Add(Ssda903Tables.Reviews, Row("reviews", ("CHILD", id), ("DOB", dob), ("REVIEW", F903(r.ReviewDate)), ("REVIEW_CODE", ReviewCode(r))));
                }
                if (Oc2Cohort(facts))
                {
                    var immunisation = c.Immunisations.LastOrDefault(i => i.AsAtDate <= _end);
                    ret.Add(Ssda903Tables.Oc2, Row("oc2", ("CHILD", id), ("DOB", dob), ("SDQ_SCORE", null), ("SDQ_REASON", null), ("CONVICTED", null),
                        ("HEALTH_CHECK", ReturnCodes.FlagOf(c.HealthAssessments.Any(h => InYear(h.CompletedDate)))),
                        ("IMMUNISATIONS", ReturnCodes.FlagOf(immunisation?.UpToDate == "Y")),
                        ("TEETH_CHECK", ReturnCodes.FlagOf(c.DentalChecks.Any(d => InYear(d.CheckDate)))),
                        ("HEALTH_ASSESSMENT", null), ("SUBSTANCE_MISUSE", null), ("INTERVENTION_RECEIVED", null), ("INTERVENTION_OFFERED", null)));
                }
                if (c.Adoption is { AdmDecisionDate: { } decision } adoption && decision <= _end && (adoption.AdoptionOrderDate is null || adoption.AdoptionOrderDate >= _start))
                {
                    ret.Add(Ssda903Tables.PlacedForAdoption, Row("placed_for_adoption", ("CHILD", id), ("DOB", dob), ("DATE_PLACED", F903(decision)),
                        ("DATE_PLACED_CEASED", null), ("REASON_PLACED_CEASED", null)));
                }
                if (c.Adoption is { AdoptionOrderDate: { } order } adopted && InYear(order))
                {
                    ret.Add(Ssda903Tables.Ad1, Row("ad1", ("CHILD", id), ("DOB", dob), ("DATE_INT", F903(adopted.AdmDecisionDate)), ("DATE_MATCH", F903(adopted.MatchedDate)),
                        ("FOSTER_CARE", null), ("NB_ADOPTR", null), ("SEX_ADOPTR", null), ("LS_ADOPTR", null)));
                }
            }
            foreach (var l in c.CareLeaverContacts.Where(l => InYear(l.BirthdayDate)))
            {
                ret.Add(Ssda903Tables.Oc3, Row("oc3", ("CHILD", id), ("DOB", dob), ("IN_TOUCH", l.InTouch), ("ACTIV", l.Activity),
                    ("ACCOM", ReturnCodes.JoinAccommodation(l.Accommodation, l.AccommodationSuitable))));
            }
        }
        return ret;
    }

    private Dictionary<string, ExtractRow>? _episodeRows;
    private Dictionary<string, ExtractRow>? _reviewRows;

    private string? EpisodeText(ClaEpisode e, string column)
    {
        var data = _extract["cla_episodes"];
        _episodeRows ??= data.Rows.ToDictionary(r => r.Text(data.Spec.IndexOf("episode_id"))!, StringComparer.Ordinal);
        return _episodeRows.TryGetValue(e.EpisodeId, out var row) ? row.Text(data.Spec.IndexOf(column)) : null;
    }

    private string? ReviewCode(ClaReview r)
    {
        var data = _extract["cla_reviews"];
        _reviewRows ??= data.Rows.ToDictionary(x => x.Text(data.Spec.IndexOf("cla_review_id"))!, StringComparer.Ordinal);
        return _reviewRows.TryGetValue(r.ClaReviewId, out var row) ? row.Text(data.Spec.IndexOf("participation")) : null;
    }

    /// <summary>R-OC2: looked after at 31 March in a period of care (short breaks removed) that began on or before 1 April of the year.</summary>
    private bool Oc2Cohort(ChildFacts facts) =>
        facts.PeriodsOfCare.Any(p => p.StartDate <= _start && p.IsOpenAt(_end));

    // ---- CIN census ----------------------------------------------------------------------------------------------------------

    /// <summary>
    /// The CIN census: every child with a referral (a row of referrals: the census has no derived referrals) open at any
    /// time in the year, each such referral a CINdetails with its assessments, CIN plans and CP plans open in the year,
    /// section 47 enquiries started in the year and CP reviews held in it.
    /// </summary>
    public CinCensusReturn CinCensus()
    {
        var children = new List<CinChild>();
        foreach (var facts in _children)
        {
            var c = facts.Case;
            var id = c.Child.ChildId;
            var referrals = c.Referrals.Where(r => r.ReferralDate <= _end && (r.ClosureDate is null || r.ClosureDate >= _start)).ToList();
            if (referrals.Count == 0) continue;
            var details = referrals.Select(r => Details(facts, r)).ToList();
            var (sexElement, sex) = ReturnCodes.SexToCin(c.Child.Sex, _year);
            var disability = ChildText(id, "disability") switch { "Y" => (IReadOnlyList<string>)["DDA"], "N" => ["NONE"], _ => null };
            children.Add(new CinChild("", 0, "", id, ChildText(id, "upn"), null, null, Iso(c.Child.DateOfBirth), Iso(ChildDate(id, "expected_date_of_birth")),
                sex, sexElement, Iso(c.Child.DateOfDeath), ChildText(id, "ethnicity"), disability, details));
        }
        return new CinCensusReturn("", _year, _extract.Manifest.LaCode, _end, children);
    }

    private CinDetails Details(ChildFacts facts, Referral r)
    {
        var c = facts.Case;
        var assessments = c.Assessments.Where(a => a.ReferralId == r.ReferralId && a.StartDate <= _end && (a.AuthorisedDate is null || a.AuthorisedDate >= _start))
            .Select(a => new CinAssessment("", 0, "", Iso(a.StartDate), null, Iso(a.AuthorisedDate), Factors(a.AssessmentId))).ToList();
        var plans = c.CinPlans.Where(p => p.ReferralId == r.ReferralId && p.StartDate <= _end && (p.EndDate is null || p.EndDate >= _start))
            .Select(p => new CinPlanDates("", 0, "", Iso(p.StartDate), Iso(p.EndDate))).ToList();
        var s47 = facts.S47Enquiries.Where(s => s.Enquiry.ReferralId == r.ReferralId && InYear(s.IcpcClockStart))
            .Select(s => new CinSection47("", 0, "", Iso(s.IcpcClockStart), Iso(s.IcpcDue), Iso(s.Enquiry.IcpcDate),
                s.Enquiry.IcpcRequired is null ? null : s.Enquiry.IcpcRequired == "N" ? "1" : "0")).ToList();
        var cp = c.CpPlans.Where(p => p.ReferralId == r.ReferralId && p.StartDate <= _end && (p.EndDate is null || p.EndDate >= _start))
            .Select(p => new CinProtectionPlan("", 0, "", Iso(p.StartDate), Iso(p.EndDate), ReturnCodes.CategoryToCensus(p.Category), ReturnCodes.CategoryToCensus(p.Category),
                c.CpPlans.Count(o => o.StartDate < p.StartDate).ToString(CultureInfo.InvariantCulture),
                p.Reviews.Where(v => InYear(v.ReviewDate)).Select(v => new CinCpReview("", 0, "", Iso(v.ReviewDate))).ToList())).ToList();
        // ReferralNFA: the contract has no such flag; a closed referral with nothing done under it is written as NFA.
        var nothing = assessments.Count == 0 && plans.Count == 0 && s47.Count == 0 && cp.Count == 0
            && !c.Assessments.Any(a => a.ReferralId == r.ReferralId) && !c.S47Enquiries.Any(s => s.ReferralId == r.ReferralId);
        return new CinDetails("", 0, "", Iso(r.ReferralDate), r.Source, r.PrimaryNeed, Iso(r.ClosureDate), r.ClosureReason, null,
            r.ClosureDate is not null && nothing ? "1" : "0", assessments, plans, s47, cp);
    }

    private Dictionary<string, string?>? _factors;

    private IReadOnlyList<string> Factors(string assessmentId)
    {
        var data = _extract["assessments"];
        _factors ??= data.Rows.ToDictionary(r => r.Text(data.Spec.IndexOf("assessment_id"))!, r => r.Text(data.Spec.IndexOf("factors")), StringComparer.Ordinal);
        return _factors.GetValueOrDefault(assessmentId) is { } f ? f.Split(';', StringSplitOptions.RemoveEmptyEntries) : [];
    }
}
