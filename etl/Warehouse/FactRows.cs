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
            c.NamedByReferral, c.AutoReferral, c.ProgressedToReferral, runId,
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

    /// <summary>dim.child: the current version of every loaded child (valid from the as-at date).</summary>
    public static IEnumerable<object?[]> Children(Extract extract, DateOnly validFrom, long runId)
    {
        var data = extract["children"];
        int Col(string n) => data.Spec.IndexOf(n);
        int id = Col("child_id"), first = Col("first_name"), last = Col("last_name"), nhs = Col("nhs_number"), dob = Col("date_of_birth"),
            sex = Col("sex"), eth = Col("ethnicity"), dis = Col("disability"), uasc = Col("uasc"), dod = Col("date_of_death");
        return data.Rows.Select(r => new object?[]
        {
            extract.Manifest.LaCode, r.Text(id), r.Text(first), r.Text(last), r.Text(nhs), r.Date(dob), r.Text(sex), r.Text(eth),
            r.Text(dis), r.Text(uasc), r.Date(dod), validFrom, new DateOnly(9999, 12, 31), runId,
        });
    }
}
