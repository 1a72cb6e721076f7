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


    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TableSpec, Func<string, int>> ColumnIndexes = new();

    private static Func<string, int> Columns(Extract extract, string table) =>
        ColumnIndexes.GetValue(extract[table].Spec, spec =>
        {
            var cache = spec.Columns.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i);
            return name => cache[name];
        });

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

    public IEnumerable<Referral> Referrals(Extract extract) => Events(extract, "referrals", "referral_date", (r, c) =>
    {
        var closure = IfHappened(r.Date(c("closure_date")));
        return new Referral(r.Text(c("referral_id"))!, r.Text(c("child_id"))!, r.Text(c("contact_id")), r.Date(c("referral_date"))!.Value,
            r.Text(c("source"))!, r.Text(c("primary_need")), closure, closure is null ? null : r.Text(c("closure_reason")));
    });

    /// <summary>
    /// The contacts named by the referrals that have happened (a contact so named is no automatic referral). Reads only
    /// a referral's contact_id and referral_date, so the table may hold those columns alone.
    /// </summary>
    public HashSet<string> ContactsNamedByReferrals(Extract extract) =>
        Events(extract, "referrals", "referral_date", (r, c) => r.Text(c("contact_id"))).OfType<string>().ToHashSet(StringComparer.Ordinal);

    public IEnumerable<Assessment> Assessments(Extract extract) => Events(extract, "assessments", "start_date", (r, c) =>
    {
        var authorised = IfHappened(r.Date(c("authorised_date")));
        return new Assessment(r.Text(c("assessment_id"))!, r.Text(c("referral_id"))!, r.Text(c("child_id"))!, r.Date(c("start_date"))!.Value,
            authorised, authorised is null ? null : r.Text(c("outcome")), r.Text(c("worker_id")));
    });

    public IEnumerable<ClaEpisode> ClaEpisodes(Extract extract) => Events(extract, "cla_episodes", "start_date", (r, c) =>
    {
        var end = IfHappened(r.Date(c("end_date")));
        return new ClaEpisode(r.Text(c("episode_id"))!, r.Text(c("child_id"))!, r.Date(c("start_date"))!.Value, end, r.Text(c("legal_status"))!,
            r.Text(c("reason_new_episode"))!, r.Text(c("placement_type"))!, end is null ? null : r.Text(c("reason_ceased")), r.Text(c("carer_id")));
    });

    public IEnumerable<EarlyHelpEpisode> EarlyHelp(Extract extract) => Events(extract, "early_help", "start_date",
        (r, c) => new EarlyHelpEpisode(r.Text(c("early_help_id"))!, r.Text(c("child_id"))!, r.Date(c("start_date"))!.Value, IfHappened(r.Date(c("end_date")))));

    public IEnumerable<S47Enquiry> S47Enquiries(Extract extract) => Events(extract, "s47_enquiries", "start_date", (r, c) =>
    {
        var end = IfHappened(r.Date(c("end_date")));
        return new S47Enquiry(r.Text(c("s47_id"))!, r.Text(c("referral_id"))!, r.Text(c("child_id"))!, IfHappened(r.Date(c("strategy_date"))),
            r.Date(c("start_date"))!.Value, end, r.Text(c("icpc_required")), IfHappened(r.Date(c("icpc_date"))), end is null ? null : r.Text(c("outcome")));
    });

    public IEnumerable<CinPlan> CinPlans(Extract extract) => Events(extract, "cin_plans", "start_date",
        (r, c) => new CinPlan(r.Text(c("cin_plan_id"))!, r.Text(c("referral_id"))!, r.Text(c("child_id"))!, r.Date(c("start_date"))!.Value, IfHappened(r.Date(c("end_date")))));

    public IEnumerable<CpPlan> CpPlans(Extract extract)
    {
        var reviews = Events(extract, "cp_reviews", "review_date",
                (r, c) => new CpReview(r.Text(c("cp_review_id"))!, r.Text(c("cp_plan_id"))!, r.Date(c("review_date"))!.Value, r.Text(c("quorate"))))
            .ToLookup(r => r.CpPlanId, StringComparer.Ordinal);
        return Events(extract, "cp_plans", "start_date", (r, c) =>
        {
            var id = r.Text(c("cp_plan_id"))!;
            return new CpPlan(id, r.Text(c("referral_id"))!, r.Text(c("child_id"))!, r.Date(c("start_date"))!.Value, IfHappened(r.Date(c("end_date"))),
                r.Text(c("category"))!, reviews[id].OrderBy(x => x.ReviewDate).ThenBy(x => x.CpReviewId, StringComparer.Ordinal).ToList());
        });
    }

    public IEnumerable<Visit> Visits(Extract extract) => Events(extract, "visits", "visit_date",
        (r, c) => new Visit(r.Text(c("visit_id"))!, r.Text(c("child_id"))!, r.Date(c("visit_date"))!.Value, r.Text(c("visit_type"))!, r.Text(c("seen"))!,
            r.Text(c("seen_alone")), r.Text(c("location")), r.Text(c("worker_id"))));

    /// <summary>Rows of a table whose event date has happened, mapped by <paramref name="map"/>.</summary>
    private IEnumerable<T> Events<T>(Extract extract, string table, string eventColumn, Func<ExtractRow, Func<string, int>, T> map)
    {
        var c = Columns(extract, table);
        var eventIndex = c(eventColumn);
        foreach (var r in extract[table].Rows)
        {
            if (Happened(r.Date(eventIndex)!.Value)) yield return map(r, c);
        }
    }

    public IEnumerable<ClaReview> ClaReviews(Extract extract) => Events(extract, "cla_reviews", "review_date",
        (r, c) => new ClaReview(r.Text(c("cla_review_id"))!, r.Text(c("child_id"))!, r.Date(c("review_date"))!.Value));

    public IEnumerable<HealthAssessment> HealthAssessments(Extract extract) => Events(extract, "health_assessments", "completed_date",
        (r, c) => new HealthAssessment(r.Text(c("health_assessment_id"))!, r.Text(c("child_id"))!, r.Text(c("assessment_type"))!, r.Date(c("completed_date"))!.Value));

    public IEnumerable<DentalCheck> DentalChecks(Extract extract) => Events(extract, "dental_checks", "check_date",
        (r, c) => new DentalCheck(r.Text(c("dental_check_id"))!, r.Text(c("child_id"))!, r.Date(c("check_date"))!.Value));

    public IEnumerable<Immunisation> Immunisations(Extract extract) => Events(extract, "immunisations", "as_at_date",
        (r, c) => new Immunisation(r.Text(c("child_id"))!, r.Date(c("as_at_date"))!.Value, r.Text(c("up_to_date"))!));

    public IEnumerable<Pep> Peps(Extract extract) => Events(extract, "peps", "pep_date",
        (r, c) => new Pep(r.Text(c("pep_id"))!, r.Text(c("child_id"))!, r.Date(c("pep_date"))!.Value, r.Text(c("pep_type"))!));

    public IEnumerable<Proceedings> Proceedings(Extract extract) => Events(extract, "proceedings", "issued_date", (r, c) =>
    {
        var final = IfHappened(r.Date(c("final_order_date")));
        return new Proceedings(r.Text(c("proceedings_id"))!, r.Text(c("child_id"))!, r.Date(c("issued_date"))!.Value, final, final is null ? null : r.Text(c("final_order")));
    });

    public IEnumerable<Adoption> Adoptions(Extract extract)
    {
        var c = Columns(extract, "adoptions");
        return extract["adoptions"].Rows.Select(r => new Adoption(r.Text(c("child_id"))!, IfHappened(r.Date(c("adm_decision_date"))),
            IfHappened(r.Date(c("placement_order_date"))), IfHappened(r.Date(c("matched_date"))), IfHappened(r.Date(c("placed_date"))),
            IfHappened(r.Date(c("adoption_order_date")))));
    }

    /// <summary>
    /// A care-leaver row records the contact about a birthday: one whose contact_date is after as-at had not happened, so
    /// the row was not yet in the case system (its outcomes with it), as a row whose birthday is after as-at.
    /// </summary>
    public IEnumerable<CareLeaverContact> CareLeaverContacts(Extract extract) => Events(extract, "care_leavers", "birthday_date",
        (r, c) => r.Date(c("contact_date")) is { } contact && !Happened(contact) ? null
            : new CareLeaverContact(r.Text(c("care_leaver_id"))!, r.Text(c("child_id"))!, r.Date(c("birthday_date"))!.Value,
                r.Date(c("contact_date")), r.Text(c("in_touch"))!, r.Text(c("activity")), r.Text(c("accommodation")), r.Text(c("accommodation_suitable"))))
        .OfType<CareLeaverContact>();

    public IEnumerable<Allocation> Allocations(Extract extract) => Events(extract, "allocations", "start_date",
        (r, c) => new Allocation(r.Text(c("allocation_id"))!, r.Text(c("child_id"))!, r.Text(c("worker_id"))!, r.Date(c("start_date"))!.Value, IfHappened(r.Date(c("end_date")))));

    public IEnumerable<CaseSupervision> CaseSupervisions(Extract extract) => Events(extract, "case_supervisions", "supervision_date",
        (r, c) => new CaseSupervision(r.Text(c("supervision_id"))!, r.Text(c("child_id"))!, r.Text(c("worker_id"))!, r.Date(c("supervision_date"))!.Value));

    /// <summary>The workforce and foster carers, as they stood at as-at.</summary>
    public CouncilRecords Council(Extract extract) => new()
    {
        Workers = Events(extract, "workers", "start_date", (r, c) => new Worker(r.Text(c("worker_id"))!, r.Text(c("display_name"))!, r.Text(c("team_id"))!,
            r.Text(c("role"))!, r.Decimal(c("fte"))!.Value, r.Date(c("start_date"))!.Value, IfHappened(r.Date(c("end_date"))), r.Text(c("agency")))).ToList(),
        Teams = extract["teams"].Rows.Select(r =>
        {
            var c = Columns(extract, "teams");
            return new Team(r.Text(c("team_id"))!, r.Text(c("team_name"))!, r.Text(c("service_area"))!);
        }).ToList(),
        FosterCarers = Events(extract, "foster_carers", "approved_date", (r, c) => new FosterCarer(r.Text(c("carer_id"))!, r.Text(c("carer_type"))!,
            r.Date(c("approved_date"))!.Value, IfHappened(r.Date(c("deregistered_date"))), r.Integer(c("places"))!.Value)).ToList(),
    };

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
        var claReviews = ClaReviews(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var health = HealthAssessments(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var dental = DentalChecks(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var immunisations = Immunisations(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var peps = Peps(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var proceedings = Proceedings(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var adoptions = Adoptions(extract).ToDictionary(x => x.ChildId, StringComparer.Ordinal);
        var careLeavers = CareLeaverContacts(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var allocations = Allocations(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        var supervisions = CaseSupervisions(extract).ToLookup(x => x.ChildId, StringComparer.Ordinal);
        foreach (var child in Children(extract).OrderBy(c => c.ChildId, StringComparer.Ordinal))
        {
            yield return new ChildCase
            {
                Child = child,
                Contacts = contacts[child.ChildId].OrderBy(x => x.ReceivedAt).ThenBy(x => x.ContactId, StringComparer.Ordinal).ToList(),
                Referrals = referrals[child.ChildId].OrderBy(x => x.ReferralDate).ThenBy(x => x.ReferralId, StringComparer.Ordinal).ToList(),
                Assessments = assessments[child.ChildId].OrderBy(x => x.StartDate).ThenBy(x => x.AssessmentId, StringComparer.Ordinal).ToList(),
                ClaEpisodes = ClaEpisode.InSequence(episodes[child.ChildId]).ToList(),
                EarlyHelp = earlyHelp[child.ChildId].OrderBy(x => x.StartDate).ThenBy(x => x.EarlyHelpId, StringComparer.Ordinal).ToList(),
                S47Enquiries = s47[child.ChildId].OrderBy(x => x.StartDate).ThenBy(x => x.S47Id, StringComparer.Ordinal).ToList(),
                CinPlans = cinPlans[child.ChildId].OrderBy(x => x.StartDate).ThenBy(x => x.CinPlanId, StringComparer.Ordinal).ToList(),
                CpPlans = cpPlans[child.ChildId].OrderBy(x => x.StartDate).ThenBy(x => x.CpPlanId, StringComparer.Ordinal).ToList(),
                Visits = visits[child.ChildId].OrderBy(x => x.VisitDate).ThenBy(x => x.VisitId, StringComparer.Ordinal).ToList(),
                ClaReviews = claReviews[child.ChildId].OrderBy(x => x.ReviewDate).ThenBy(x => x.ClaReviewId, StringComparer.Ordinal).ToList(),
                HealthAssessments = health[child.ChildId].OrderBy(x => x.CompletedDate).ThenBy(x => x.HealthAssessmentId, StringComparer.Ordinal).ToList(),
                DentalChecks = dental[child.ChildId].OrderBy(x => x.CheckDate).ThenBy(x => x.DentalCheckId, StringComparer.Ordinal).ToList(),
                Immunisations = immunisations[child.ChildId].OrderBy(x => x.AsAtDate).ToList(),
                Peps = peps[child.ChildId].OrderBy(x => x.PepDate).ThenBy(x => x.PepId, StringComparer.Ordinal).ToList(),
                Proceedings = proceedings[child.ChildId].OrderBy(x => x.IssuedDate).ThenBy(x => x.ProceedingsId, StringComparer.Ordinal).ToList(),
                Adoption = adoptions.GetValueOrDefault(child.ChildId),
                CareLeaverContacts = careLeavers[child.ChildId].OrderBy(x => x.BirthdayDate).ThenBy(x => x.CareLeaverId, StringComparer.Ordinal).ToList(),
                Allocations = allocations[child.ChildId].OrderBy(x => x.StartDate).ThenBy(x => x.AllocationId, StringComparer.Ordinal).ToList(),
                CaseSupervisions = supervisions[child.ChildId].OrderBy(x => x.SupervisionDate).ThenBy(x => x.SupervisionId, StringComparer.Ordinal).ToList(),
            };
        }
    }
}
