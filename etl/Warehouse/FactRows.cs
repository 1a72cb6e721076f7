using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Derivation;
using ChildrensWarehouse.Rules;

namespace ChildrensWarehouse.Warehouse;

/// <summary>Maps derived facts to fact-table rows (values in each table's column order; see warehouse-schema/).</summary>
public static class FactRows
{
    public static IEnumerable<object?[]> Contacts(string la, long runId, ChildFacts f) =>
        f.Contacts.Select(c => new object?[]
        {
            la, c.Contact.ContactId, c.Contact.ChildId, c.Contact.ReceivedAt, DateOnly.FromDateTime(c.Contact.ReceivedAt), c.Contact.Source,
            c.Contact.DecisionAt, c.Contact.Outcome, c.Contact.WorkerId, c.WindowEnd, c.DecidedInTime, c.WindowEnded,
            c.NamedByReferral, c.AutoReferral, c.ProgressedToReferral,
            c.ReferralOutcomeWithoutReferral ? "outcome REFERRAL but no referral names this contact" : null, runId,
        });

    public static IEnumerable<object?[]> Referrals(string la, long runId, ChildFacts f) =>
        f.Referrals.Select(r => new object?[]
        {
            la, r.ReferralId, r.ChildId, r.ContactId, r.ReferralDate, r.ClosureDate, r.Source, r.IsDerived, r.IsReReferral, runId,
        });

    public static IEnumerable<object?[]> Assessments(string la, long runId, ChildFacts f, RuleSettings rules) =>
        f.Assessments.Select(a => new object?[]
        {
            la, a.Assessment.AssessmentId, a.Assessment.ReferralId, a.Assessment.ChildId, a.Assessment.StartDate, a.Assessment.AuthorisedDate,
            a.Assessment.Outcome, a.Assessment.WorkerId, a.DueCalendar, a.DueWorkingDays, a.WithinCalendarLimit, a.WithinWorkingDayLimit,
            rules.EditionFor(a.Assessment.StartDate), runId,
        });

    public static IEnumerable<object?[]> ClaEpisodes(string la, long runId, ChildFacts f)
    {
        var periodOf = f.PeriodsOfCare.SelectMany(p => p.Episodes.Select(e => (e.EpisodeId, p.Sequence)))
            .ToDictionary(x => x.EpisodeId, x => x.Sequence, StringComparer.Ordinal);
        return f.Case.ClaEpisodes.Select(e => new object?[]
        {
            la, e.EpisodeId, e.ChildId, e.StartDate, e.EndDate, e.LegalStatus, e.ReasonNewEpisode, e.PlacementType, e.ReasonCeased,
            e.IsShortBreak, periodOf.TryGetValue(e.EpisodeId, out var s) ? s : null, runId,
        });
    }

    public static IEnumerable<object?[]> PeriodsOfCare(string la, long runId, ChildFacts f) =>
        f.PeriodsOfCare.Select(p => new object?[]
        {
            la, p.ChildId, p.Sequence, p.FirstEpisodeId, p.StartDate, p.EndDate, p.ReasonCeased, p.Episodes.Count, runId,
        });

    public static IEnumerable<object?[]> S47(string la, long runId, ChildFacts f, RuleSettings rules) =>
        f.S47Enquiries.Select(s => new object?[]
        {
            la, s.Enquiry.S47Id, s.Enquiry.ReferralId, s.Enquiry.ChildId, s.Enquiry.StrategyDate, s.Enquiry.StartDate, s.Enquiry.EndDate,
            s.Enquiry.Outcome, s.IcpcInScope, s.IcpcClockStart, s.IcpcDue, s.Enquiry.IcpcDate, s.IcpcTimely, rules.EditionFor(s.IcpcClockStart), runId,
        });

    public static IEnumerable<object?[]> CinPlans(string la, long runId, ChildFacts f) =>
        f.Case.CinPlans.Select(p => new object?[] { la, p.CinPlanId, p.ReferralId, p.ChildId, p.StartDate, p.EndDate, runId });

    public static IEnumerable<object?[]> CpPlans(string la, long runId, ChildFacts f, RuleSettings rules) =>
        f.CpPlans.Select(p => new object?[]
        {
            la, p.Plan.CpPlanId, p.Plan.ReferralId, p.Plan.ChildId, p.Plan.StartDate, p.Plan.EndDate, p.Plan.Category, p.IsSubsequent,
            p.Plan.Reviews.Count, rules.EditionFor(p.Plan.StartDate), runId,
        });

    public static IEnumerable<object?[]> CpReviewObligations(string la, long runId, ChildFacts f) =>
        f.CpPlans.SelectMany(p => p.ReviewObligations.Select(o => new object?[]
        {
            la, o.OwnerId, p.Plan.ChildId, o.Sequence, o.DueDate, o.ReviewDate, o.ReportedOn, o.MetOnTime, o.Status, runId,
        }));

    public static IEnumerable<object?[]> Visits(string la, long runId, ChildFacts f, WorkingDayCalendar calendar, int cpVisitInterval) =>
        f.Case.Visits.Select(v =>
        {
            var cp = ChildDerivation.QualifiesAsCpVisit(v);
            return new object?[]
            {
                la, v.VisitId, v.ChildId, v.VisitDate, v.VisitType, v.Seen, v.SeenAlone, v.Location, v.WorkerId,
                cp, ChildDerivation.QualifiesAsClaVisit(v), cp ? calendar.AddWorkingDays(v.VisitDate, cpVisitInterval) : null, runId,
            };
        });

    public static IEnumerable<object?[]> PlacementSpells(string la, long runId, ChildFacts f) =>
        f.PlacementSpells.Select(s => new object?[]
        {
            la, s.ChildId, s.PeriodSequence, s.Sequence, s.FirstEpisodeId, s.StartDate, s.EndDate, s.Episodes[0].PlacementType, s.Episodes[0].CarerId,
            s.Episodes.Count, runId,
        });

    public static IEnumerable<object?[]> ClaReviewObligations(string la, long runId, ChildFacts f) =>
        f.ClaReviewObligations.Select(o => new object?[]
        {
            la, f.ChildId, o.OwnerId, o.Sequence, o.DueDate, o.ReviewDate, o.ReportedOn, o.MetOnTime, o.Status, runId,
        });

    public static IEnumerable<object?[]> HealthAssessmentObligations(string la, long runId, ChildFacts f) =>
        f.IhaObligations.Select(o => new object?[]
        {
            la, o.ChildId, o.PeriodSequence, o.FirstEpisodeId, o.PeriodStart, o.DueDate, o.InScope, o.IhaDate, o.Met, o.Status, runId,
        });

    public static IEnumerable<object?[]> Peps(string la, long runId, ChildFacts f) =>
        f.Case.Peps.Select(p => new object?[] { la, p.PepId, p.ChildId, p.PepDate, p.PepType, runId });

    public static IEnumerable<object?[]> Adoptions(string la, long runId, ChildFacts f) =>
        f.Case.Adoption is { } a
            ? [[la, a.ChildId, a.AdmDecisionDate, a.PlacementOrderDate, a.MatchedDate, a.PlacedDate, a.AdoptionOrderDate, runId]]
            : [];

    public static IEnumerable<object?[]> Proceedings(string la, long runId, ChildFacts f, RuleSettings rules) =>
        f.Case.Proceedings.Select(p =>
        {
            var due = p.IssuedDate.AddDays(rules.LookedAfter.ProceedingsLimitDays);
            return new object?[]
            {
                la, p.ProceedingsId, p.ChildId, p.IssuedDate, due, p.FinalOrderDate, p.FinalOrder,
                p.FinalOrderDate is { } d ? d.DayNumber - p.IssuedDate.DayNumber : null, p.FinalOrderDate is { } d2 ? d2 <= due : null, runId,
            };
        });

    public static IEnumerable<object?[]> CareLeavers(string la, long runId, ChildFacts f) =>
        f.Case.CareLeaverContacts.Select(c =>
        {
            int? age = f.Case.Child.DateOfBirth is { } dob && Enumerable.Range(16, 7).FirstOrDefault(n => Age.IsBirthday(dob, c.BirthdayDate, n)) is var n and > 0 ? n : null;
            return new object?[]
            {
                la, c.CareLeaverId, c.ChildId, c.BirthdayDate, age, c.ContactDate, c.InTouch, c.Activity, c.Accommodation, c.AccommodationSuitable, runId,
            };
        });

    public static IEnumerable<object?[]> AllocationSnapshots(string la, long runId, ChildFacts f, IReadOnlyList<DateOnly> monthEnds, IReadOnlyDictionary<string, string> teamOfWorker) =>
        monthEnds.SelectMany(e => f.Case.Allocations.Where(a => a.IsOpenAt(e)).Select(a => new object?[]
        {
            la, e, a.AllocationId, a.ChildId, a.WorkerId, teamOfWorker.GetValueOrDefault(a.WorkerId), runId,
        }));

    public static IEnumerable<object?[]> Supervisions(string la, long runId, ChildFacts f) =>
        f.Case.CaseSupervisions.Select(s => new object?[] { la, s.SupervisionId, s.ChildId, s.WorkerId, s.SupervisionDate, runId });

    /// <summary>dim.child: the current version of every loaded child, valid from the day its row was last modified.</summary>
    public static IEnumerable<object?[]> Children(Extract extract, long runId, Pseudonymiser pseudonyms)
    {
        var data = extract["children"];
        int Col(string n) => data.Spec.IndexOf(n);
        int id = Col("child_id"), first = Col("first_name"), last = Col("last_name"), nhs = Col("nhs_number"), dob = Col("date_of_birth"),
            sex = Col("sex"), eth = Col("ethnicity"), dis = Col("disability"), uasc = Col("uasc"), dod = Col("date_of_death"), modified = Col("last_modified");
        return data.Rows.Select(r => new object?[]
        {
            extract.Manifest.LaCode, r.Text(id), pseudonyms.Of(extract.Manifest.LaCode, r.Text(id)!), r.Text(first), r.Text(last), r.Text(nhs), r.Date(dob), r.Text(sex), r.Text(eth),
            r.Text(dis), r.Text(uasc), r.Date(dod), DateOnly.FromDateTime(r.Timestamp(modified)!.Value), new DateOnly(9999, 12, 31), runId,
        });
    }
}
