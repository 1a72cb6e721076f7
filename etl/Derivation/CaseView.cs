using ChildrensWarehouse.Contract;

namespace ChildrensWarehouse.Derivation;

/// <summary>
/// Turns the validated extract into per-child cases as the case system stood at the as-at moment (KPIS.md "As-at"):
/// a row whose start or event is after as-at is ignored; an end, decision or authorisation after as-at has not
/// happened yet, and neither has the outcome that goes with it. This is the only place that cut is made.
/// </summary>
public sealed class CaseView
{
    private readonly DateTime _asAt;
    private readonly DateOnly _asAtDate;

    public CaseView(DateTime asAt)
    {
        _asAt = asAt;
        _asAtDate = DateOnly.FromDateTime(asAt);
    }

    private bool Happened(DateOnly d) => d <= _asAtDate;
    private bool Happened(DateTime t) => t <= _asAt;
    private DateOnly? IfHappened(DateOnly? d) => d is { } x && Happened(x) ? x : null;


    private static Func<string, int> Columns(Extract extract, string table)
    {
        var spec = extract[table].Spec;
        var cache = spec.Columns.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i);
        return name => cache[name];
    }

    public IEnumerable<Contact> Contacts(Extract extract)
    {
        var c = Columns(extract, "contacts");
        foreach (var r in extract["contacts"].Rows)
        {
            var received = r.Timestamp(c("received_at"))!.Value;
            if (!Happened(received)) continue;
            var decision = r.Timestamp(c("decision_at"));
            var decided = decision is { } d && Happened(d);
            yield return new Contact(r.Text(c("contact_id"))!, r.Text(c("child_id"))!, received, r.Text(c("source"))!,
                decided ? decision : null, decided ? r.Text(c("outcome")) : null, r.Text(c("worker_id")));
        }
    }

    public IEnumerable<Referral> Referrals(Extract extract)
    {
        var c = Columns(extract, "referrals");
        foreach (var r in extract["referrals"].Rows)
        {
            var date = r.Date(c("referral_date"))!.Value;
            if (!Happened(date)) continue;
            var closure = IfHappened(r.Date(c("closure_date")));
            yield return new Referral(r.Text(c("referral_id"))!, r.Text(c("child_id"))!, r.Text(c("contact_id")), date,
                r.Text(c("source"))!, r.Text(c("primary_need")), closure, closure is null ? null : r.Text(c("closure_reason")));
        }
    }

    public IEnumerable<Assessment> Assessments(Extract extract)
    {
        var c = Columns(extract, "assessments");
        foreach (var r in extract["assessments"].Rows)
        {
            var start = r.Date(c("start_date"))!.Value;
            if (!Happened(start)) continue;
            var authorised = IfHappened(r.Date(c("authorised_date")));
            yield return new Assessment(r.Text(c("assessment_id"))!, r.Text(c("referral_id"))!, r.Text(c("child_id"))!, start,
                authorised, authorised is null ? null : r.Text(c("outcome")), r.Text(c("worker_id")));
        }
    }

    public IEnumerable<ClaEpisode> ClaEpisodes(Extract extract)
    {
        var c = Columns(extract, "cla_episodes");
        foreach (var r in extract["cla_episodes"].Rows)
        {
            var start = r.Date(c("start_date"))!.Value;
            if (!Happened(start)) continue;
            var end = IfHappened(r.Date(c("end_date")));
            yield return new ClaEpisode(r.Text(c("episode_id"))!, r.Text(c("child_id"))!, start, end, r.Text(c("legal_status"))!,
                r.Text(c("reason_new_episode"))!, r.Text(c("placement_type"))!, end is null ? null : r.Text(c("reason_ceased")), r.Text(c("carer_id")));
        }
    }

    public IEnumerable<EarlyHelpEpisode> EarlyHelp(Extract extract)
    {
        var c = Columns(extract, "early_help");
        foreach (var r in extract["early_help"].Rows)
        {
            var start = r.Date(c("start_date"))!.Value;
            if (!Happened(start)) continue;
            yield return new EarlyHelpEpisode(r.Text(c("early_help_id"))!, r.Text(c("child_id"))!, start, IfHappened(r.Date(c("end_date"))));
        }
    }

    public IEnumerable<S47Enquiry> S47Enquiries(Extract extract)
    {
        var c = Columns(extract, "s47_enquiries");
        foreach (var r in extract["s47_enquiries"].Rows)
        {
            var start = r.Date(c("start_date"))!.Value;
            if (!Happened(start)) continue;
            var end = IfHappened(r.Date(c("end_date")));
            yield return new S47Enquiry(r.Text(c("s47_id"))!, r.Text(c("referral_id"))!, r.Text(c("child_id"))!, IfHappened(r.Date(c("strategy_date"))),
                start, end, r.Text(c("icpc_required")), IfHappened(r.Date(c("icpc_date"))), end is null ? null : r.Text(c("outcome")));
        }
    }

    public IEnumerable<CinPlan> CinPlans(Extract extract)
    {
        var c = Columns(extract, "cin_plans");
        foreach (var r in extract["cin_plans"].Rows)
        {
            var start = r.Date(c("start_date"))!.Value;
            if (!Happened(start)) continue;
            yield return new CinPlan(r.Text(c("cin_plan_id"))!, r.Text(c("referral_id"))!, r.Text(c("child_id"))!, start, IfHappened(r.Date(c("end_date"))));
        }
    }

    public IEnumerable<CpPlan> CpPlans(Extract extract)
    {
        var rc = Columns(extract, "cp_reviews");
        var reviews = extract["cp_reviews"].Rows
            .Select(r => new CpReview(r.Text(rc("cp_review_id"))!, r.Text(rc("cp_plan_id"))!, r.Date(rc("review_date"))!.Value, r.Text(rc("quorate"))))
            .Where(r => Happened(r.ReviewDate))
            .ToLookup(r => r.CpPlanId, StringComparer.Ordinal);
        var c = Columns(extract, "cp_plans");
        foreach (var r in extract["cp_plans"].Rows)
        {
            var start = r.Date(c("start_date"))!.Value;
            if (!Happened(start)) continue;
            var id = r.Text(c("cp_plan_id"))!;
            yield return new CpPlan(id, r.Text(c("referral_id"))!, r.Text(c("child_id"))!, start, IfHappened(r.Date(c("end_date"))), r.Text(c("category"))!,
                reviews[id].OrderBy(x => x.ReviewDate).ThenBy(x => x.CpReviewId, StringComparer.Ordinal).ToList());
        }
    }

    public IEnumerable<Visit> Visits(Extract extract)
    {
        var c = Columns(extract, "visits");
        foreach (var r in extract["visits"].Rows)
        {
            var date = r.Date(c("visit_date"))!.Value;
            if (!Happened(date)) continue;
            yield return new Visit(r.Text(c("visit_id"))!, r.Text(c("child_id"))!, date, r.Text(c("visit_type"))!, r.Text(c("seen"))!,
                r.Text(c("seen_alone")), r.Text(c("location")), r.Text(c("worker_id")));
        }
    }

    public IEnumerable<Child> Children(Extract extract)
    {
        var c = Columns(extract, "children");
        foreach (var r in extract["children"].Rows)
        {
            yield return new Child(r.Text(c("child_id"))!, r.Date(c("date_of_birth")), r.Text(c("sex"))!, IfHappened(r.Date(c("date_of_death"))));
        }
    }

    /// <summary>Every child's case, children in child_id order, each record list in date order.</summary>
    public IEnumerable<ChildCase> Cases(Extract extract)
    {
        var contacts = Contacts(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var referrals = Referrals(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var assessments = Assessments(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var episodes = ClaEpisodes(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var earlyHelp = EarlyHelp(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var s47 = S47Enquiries(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var cinPlans = CinPlans(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var cpPlans = CpPlans(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var visits = Visits(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        foreach (var child in Children(extract).OrderBy(c => c.ChildId, StringComparer.Ordinal))
        {
            yield return new ChildCase
            {
                Child = child,
                Contacts = contacts[child.ChildId].OrderBy(x => x.ReceivedAt).ThenBy(x => x.ContactId, StringComparer.Ordinal).ToList(),
                Referrals = referrals[child.ChildId].OrderBy(x => x.ReferralDate).ThenBy(x => x.ReferralId, StringComparer.Ordinal).ToList(),
                Assessments = assessments[child.ChildId].OrderBy(x => x.StartDate).ThenBy(x => x.AssessmentId, StringComparer.Ordinal).ToList(),
                ClaEpisodes = episodes[child.ChildId].OrderBy(x => x.StartDate).ThenBy(x => x.EpisodeId, StringComparer.Ordinal).ToList(),
                EarlyHelp = earlyHelp[child.ChildId].OrderBy(x => x.StartDate).ThenBy(x => x.EarlyHelpId, StringComparer.Ordinal).ToList(),
                S47Enquiries = s47[child.ChildId].OrderBy(x => x.StartDate).ThenBy(x => x.S47Id, StringComparer.Ordinal).ToList(),
                CinPlans = cinPlans[child.ChildId].OrderBy(x => x.StartDate).ThenBy(x => x.CinPlanId, StringComparer.Ordinal).ToList(),
                CpPlans = cpPlans[child.ChildId].OrderBy(x => x.StartDate).ThenBy(x => x.CpPlanId, StringComparer.Ordinal).ToList(),
                Visits = visits[child.ChildId].OrderBy(x => x.VisitDate).ThenBy(x => x.VisitId, StringComparer.Ordinal).ToList(),
            };
        }
    }
}
