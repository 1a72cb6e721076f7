using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Derivation;
using ChildrensWarehouse.Rules;

namespace ChildrensWarehouse.Returns;

/// <summary>One Annex A list: its number, title, the template's headings and one row per record (text, dates, numbers).</summary>
public sealed record AnnexAList(int Number, string Title, IReadOnlyList<string> Headings, IReadOnlyList<object?[]> Rows);

/// <summary>
/// Ofsted's Annex A child-level lists for an inspection, from the warehouse's staged extract as the case system stood at the
/// end of the given day (the same as-at cut and per-child rules as the indicators). Look-back: lists 1-8 hold what happened
/// in, or was open at any time in, the six months to that day ([date - 6 months, date]); lists 9 and 10 the twelve months.
/// Counts that look further back ("number of previous CP plans") use the whole history. Columns the case-system contract
/// does not hold are left empty (docs/DECISIONS.md lists them).
/// </summary>
public sealed class AnnexA
{
    private readonly Extract _extract;
    private readonly DateOnly _date;
    private readonly DateOnly _from6;
    private readonly DateOnly _from12;
    private readonly IReadOnlyList<ChildFacts> _children;
    private readonly Dictionary<string, ExtractRow> _childRows;
    private readonly Dictionary<string, (string Name, string? Team)> _workers;

    public AnnexA(Extract extract, DateTime asAt, RuleSettings rules)
    {
        _extract = extract;
        _date = DateOnly.FromDateTime(asAt);
        _from6 = _date.AddMonths(-6);
        _from12 = _date.AddMonths(-12);
        _children = DerivedCases.At(extract, asAt, rules);
        _childRows = Rows("children", "child_id");
        var teams = Rows("teams", "team_id").ToDictionary(t => t.Key, t => Text("teams", t.Value, "team_name"));
        _workers = Rows("workers", "worker_id").ToDictionary(w => w.Key,
            w => (Text("workers", w.Value, "display_name") ?? w.Key, Text("workers", w.Value, "team_id") is { } t ? teams.GetValueOrDefault(t) : null));
    }

    private Dictionary<string, ExtractRow> Rows(string table, string key)
    {
        var data = _extract[table];
        var k = data.Spec.IndexOf(key);
        return data.Rows.GroupBy(r => r.Text(k)!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
    }

    private string? Text(string table, ExtractRow row, string column) => row.Text(_extract[table].Spec.IndexOf(column));

    private DateOnly? Date(string table, ExtractRow row, string column) => row.Date(_extract[table].Spec.IndexOf(column));

    private string? ChildText(string childId, string column) => _childRows.TryGetValue(childId, out var r) ? Text("children", r, column) : null;

    private bool InLast6(DateOnly d) => d >= _from6 && d <= _date;

    private bool InLast12(DateOnly d) => d >= _from12 && d <= _date;

    private bool OpenInLast6(DateOnly start, DateOnly? end) => start <= _date && (end is null || end >= _from6);

    /// <summary>Child Unique ID, Gender, Ethnicity, Date of Birth, Age of Child (Years: completed years at the inspection date).</summary>
    private object?[] Common(ChildCase c) =>
    [
        c.Child.ChildId, AnnexACodes.Gender(c.Child.Sex), AnnexACodes.Ethnicity(ChildText(c.Child.ChildId, "ethnicity")), c.Child.DateOfBirth,
        c.Child.DateOfBirth is { } dob ? (object)Age.InYears(dob, _date) : null,
    ];

    private string Disability(ChildCase c) => AnnexACodes.YesNo(ChildText(c.Child.ChildId, "disability"));

    /// <summary>The worker and team holding the case at the inspection date (the latest allocation open then).</summary>
    private (string? Team, string? Worker) Allocated(ChildCase c)
    {
        var holder = c.Allocations.Where(a => a.IsOpenAt(_date)).MaxBy(a => a.StartDate);
        if (holder is null || !_workers.TryGetValue(holder.WorkerId, out var w)) return (null, null);
        return (w.Team, w.Name);
    }

    private static object?[] Row(params object?[][] parts) => parts.SelectMany(p => p).ToArray();

    public IReadOnlyList<AnnexAList> Lists() =>
    [
        List(1, Contacts()), List(2, EarlyHelp()), List(3, Referrals()), List(4, Assessments()), List(5, Section47()), List(6, ChildrenInNeed()),
        List(7, ChildProtection()), List(8, LookedAfter()), List(9, CareLeavers()), List(10, Adoption()), List(11, []),
    ];

    private static AnnexAList List(int number, IEnumerable<object?[]> rows) =>
        new(number, AnnexACodes.Lists[number].Title, AnnexACodes.Lists[number].Headings, rows.ToList());

    private IEnumerable<object?[]> Contacts() =>
        from f in _children
        from x in f.Case.Contacts
        where InLast6(DateOnly.FromDateTime(x.ReceivedAt))
        orderby f.ChildId, x.ReceivedAt
        select Row(Common(f.Case), [DateOnly.FromDateTime(x.ReceivedAt), AnnexACodes.Source(x.Source)]);

    private IEnumerable<object?[]> EarlyHelp()
    {
        var rows = Rows("early_help", "early_help_id");
        return from f in _children
               from e in f.Case.EarlyHelp
               where OpenInLast6(e.StartDate, e.EndDate)
               let row = rows[e.EarlyHelpId]
               orderby f.ChildId, e.StartDate
               select Row(Common(f.Case), [e.StartDate, Date("early_help", row, "assessment_date") is { } a && a <= _date ? a : null, Text("early_help", row, "lead_agency")]);
    }

    /// <summary>Referrals: the rows of referrals (as the CIN census counts them), with the child's referrals in the 12 months before each.</summary>
    private IEnumerable<object?[]> Referrals() =>
        from f in _children
        from r in f.Case.Referrals
        where InLast6(r.ReferralDate)
        orderby f.ChildId, r.ReferralDate
        let team = Allocated(f.Case)
        select Row(Common(f.Case),
        [
            r.ReferralDate, AnnexACodes.Source(r.Source), AnnexACodes.YesNo(Nfa(f.Case, r)),
            f.Case.Referrals.Count(p => p.ReferralDate >= r.ReferralDate.AddMonths(-12) && p.ReferralDate < r.ReferralDate), team.Team, team.Worker,
        ]);

    /// <summary>NFA: the referral closed with no assessment or section 47 enquiry under it (the contract has no NFA flag).</summary>
    private static bool Nfa(ChildCase c, Referral r) =>
        r.ClosureDate is not null && !c.Assessments.Any(a => a.ReferralId == r.ReferralId) && !c.S47Enquiries.Any(s => s.ReferralId == r.ReferralId);

    private IEnumerable<object?[]> Assessments() =>
        from f in _children
        from a in f.Case.Assessments
        where OpenInLast6(a.StartDate, a.AuthorisedDate)
        orderby f.ChildId, a.StartDate
        let team = Allocated(f.Case)
        let seen = f.Case.Visits.Any(v => v.Seen == "Y" && v.VisitDate >= a.StartDate && v.VisitDate <= (a.AuthorisedDate ?? _date))
        select Row(Common(f.Case),
        [
            Disability(f.Case), a.StartDate, AnnexACodes.YesNo(seen), a.AuthorisedDate,
            a.Outcome switch { null => "", "NFA" or "EARLY_HELP" => AnnexACodes.YesNo(false), _ => AnnexACodes.YesNo(true) }, team.Team, team.Worker,
        ]);

    private IEnumerable<object?[]> Section47() =>
        from f in _children
        from s in f.S47Enquiries
        where InLast6(s.IcpcClockStart)
        orderby f.ChildId, s.IcpcClockStart
        let team = Allocated(f.Case)
        let plan = s.Enquiry.IcpcDate is { } icpc ? f.Case.CpPlans.Any(p => p.StartDate == icpc) || s.Enquiry.Outcome == "CP_PLAN" : (bool?)null
        select Row(Common(f.Case),
        [
            Disability(f.Case), s.IcpcClockStart, AnnexACodes.YesNo(s.Enquiry.IcpcRequired switch { "N" => true, "Y" => false, _ => (bool?)null }),
            s.Enquiry.IcpcDate, AnnexACodes.YesNo(plan),
            f.S47Enquiries.Count(o => InLast12From(o.IcpcClockStart)),
            f.S47Enquiries.Count(o => o.Enquiry.IcpcDate is { } d && InLast12From(d)),
            team.Team, team.Worker,
        ]);

    private bool InLast12From(DateOnly d) => d > _from12 && d <= _date;

    private IEnumerable<object?[]> ChildrenInNeed() =>
        from f in _children
        from r in f.Case.Referrals
        where OpenInLast6(r.ReferralDate, r.ClosureDate)
        orderby f.ChildId, r.ReferralDate
        let team = Allocated(f.Case)
        let lastSeen = f.Case.Visits.Where(v => v.Seen == "Y" && v.VisitDate <= _date).Select(v => (DateOnly?)v.VisitDate).Max()
        select Row(Common(f.Case),
        [
            Disability(f.Case), r.ReferralDate, AnnexACodes.PrimaryNeed(r.PrimaryNeed), lastSeen, r.ClosureDate, r.ClosureReason, CaseStatus(f, r), team.Team, team.Worker,
        ]);

    private string CaseStatus(ChildFacts f, Referral r)
    {
        if (r.ClosureDate is { } closed && closed <= _date) return "e) Closed episode";
        if (f.PeriodsOfCare.Any(p => p.IsOpenAt(_date))) return "a) Looked after child";
        if (f.Case.CpPlans.Any(p => p.IsOpenAt(_date))) return "b) Child Protection plan";
        if (f.Case.CinPlans.Any(p => p.IsOpenAt(_date))) return "c) Child in need plan";
        if (f.Case.Assessments.Any(a => a.ReferralId == r.ReferralId && a.AuthorisedDate is null)) return "d) Open assessment";
        return "c) Child in need plan";
    }

    private IEnumerable<object?[]> ChildProtection() =>
        from f in _children
        from p in f.Case.CpPlans
        where OpenInLast6(p.StartDate, p.EndDate)
        orderby f.ChildId, p.StartDate
        let team = Allocated(f.Case)
        let visit = f.Case.Visits.Where(v => ChildDerivation.QualifiesAsCpVisit(v) && v.VisitDate >= p.StartDate && v.VisitDate <= (p.EndDate ?? _date)).MaxBy(v => v.VisitDate)
        select Row(Common(f.Case),
        [
            Disability(f.Case), p.StartDate, AnnexACodes.Category(p.Category), AnnexACodes.Category(p.Category), visit?.VisitDate,
            visit is null ? "" : AnnexACodes.YesNo(visit.SeenAlone), p.Reviews.Where(v => v.ReviewDate <= _date).Select(v => (DateOnly?)v.ReviewDate).Max(),
            p.EndDate, "", f.Case.CpPlans.Count(o => o.StartDate < p.StartDate), team.Team, team.Worker,
        ]);

    private IEnumerable<object?[]> LookedAfter()
    {
        var episodes = Rows("cla_episodes", "episode_id");
        foreach (var f in _children)
        {
            foreach (var period in f.PeriodsOfCare.Where(p => OpenInLast6(p.StartDate, p.EndDate)))
            {
                var c = f.Case;
                var last = period.Episodes[^1];
                var lastRow = episodes.GetValueOrDefault(last.EpisodeId);
                var legalFrom = period.Episodes.Reverse().TakeWhile(e => e.LegalStatus == last.LegalStatus).Last().StartDate;
                var spells = f.PlacementSpells.Where(s => s.PeriodSequence == period.Sequence).ToList();
                var placements = f.PlacementSpells.Count(s => s.StartDate <= _date && (s.EndDate is null || s.EndDate > _from12));
                var previous = f.PeriodsOfCare.Any(p => p.Sequence < period.Sequence && p.EndDate is { } e && e >= period.StartDate.AddMonths(-12));
                var team = Allocated(c);
                yield return Row(Common(c),
                [
                    AnnexACodes.YesNo(ChildText(f.ChildId, "uasc")), Disability(c), period.StartDate, "", AnnexACodes.YesNo(previous), legalFrom,
                    AnnexACodes.LegalStatus(last.LegalStatus), c.ClaReviews.Where(r => r.ReviewDate <= _date).Select(r => (DateOnly?)r.ReviewDate).Max(),
                    c.Visits.Where(v => v.VisitType == "CLA" && v.Seen == "Y" && v.VisitDate <= _date).Select(v => (DateOnly?)v.VisitDate).Max(), "", null,
                    c.HealthAssessments.Where(h => h.CompletedDate <= _date).Select(h => (DateOnly?)h.CompletedDate).Max(),
                    c.DentalChecks.Where(d => d.CheckDate <= _date).Select(d => (DateOnly?)d.CheckDate).Max(),
                    placements, period.EndDate, AnnexACodes.ReasonCeased(period.ReasonCeased), spells.Count > 0 ? spells[^1].StartDate : last.StartDate,
                    AnnexACodes.PlacementType(last.PlacementType),
                    AnnexACodes.Provider(lastRow is null ? null : Text("cla_episodes", lastRow, "placement_provider")),
                    lastRow is null ? null : Text("cla_episodes", lastRow, "placement_postcode_district"), "", "", "", null, null, "", "", team.Team, team.Worker,
                ]);
            }
        }
    }

    private IEnumerable<object?[]> CareLeavers() =>
        from f in _children
        let l = f.Case.CareLeaverContacts.Where(x => InLast12(x.BirthdayDate)).MaxBy(x => x.BirthdayDate)
        where l is not null
        let team = Allocated(f.Case)
        orderby f.ChildId
        select Row(Common(f.Case),
        [
            AnnexACodes.YesNo(ChildText(f.ChildId, "uasc")), Disability(f.Case), team.Team, team.Worker, "", "", null, AnnexACodes.InTouch(l.InTouch), l.ContactDate,
            AnnexACodes.Accommodation(l.Accommodation), AnnexACodes.Suitability(l.AccommodationSuitable), AnnexACodes.Activity(l.Activity),
        ]);

    private IEnumerable<object?[]> Adoption() =>
        from f in _children
        let a = f.Case.Adoption
        where a is not null
        let dates = new[] { a.AdmDecisionDate, a.PlacementOrderDate, a.MatchedDate, a.PlacedDate, a.AdoptionOrderDate }
        where dates.Any(d => d is { } x && InLast12(x)) || (a.AdmDecisionDate is not null && a.AdoptionOrderDate is null)
        orderby f.ChildId
        let c = Common(f.Case)
        select Row([c[0], ""], c[1..],
        [
            Disability(f.Case), f.PeriodsOfCare.Where(p => p.StartDate <= _date).Select(p => (DateOnly?)p.StartDate).Max(), a.AdmDecisionDate, a.PlacementOrderDate,
            a.MatchedDate, a.PlacedDate, a.AdoptionOrderDate, null, "", null,
        ]);
}
