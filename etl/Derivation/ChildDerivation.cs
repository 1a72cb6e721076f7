using ChildrensWarehouse.Rules;

namespace ChildrensWarehouse.Derivation;

/// <summary>What every child's derivation needs besides the child's own records.</summary>
public sealed class DerivationContext
{
    public required RuleSettings Rules { get; init; }
    public required WorkingDayCalendar Calendar { get; init; }
    public required DateTime AsAt { get; init; }
    /// <summary>contact_ids named by any loaded referral row (a referral may name another child's contact).</summary>
    public required IReadOnlySet<string> ContactsNamedByReferrals { get; init; }
    public DateOnly AsAtDate => DateOnly.FromDateTime(AsAt);
}

/// <summary>
/// The per-child derivation (DESIGN.md): all of one child's records on one timeline, every rule evaluated once.
/// Pure: no I/O, so each rule is proved on small hand-made timelines.
/// </summary>
public static partial class ChildDerivation
{
    public static ChildFacts Derive(ChildCase childCase, DerivationContext context)
    {
        var contacts = childCase.Contacts.Select(c => DeriveContact(c, context)).ToList();
        var referrals = childCase.Referrals
            .Select(r => new ReferralFact(r.ReferralId, r.ChildId, r.ContactId, r.ReferralDate, r.ClosureDate, r.Source, IsDerived: false, IsReReferral: false))
            .Concat(contacts.Where(c => c.AutoReferral && !c.NamedByReferral).Select(DerivedReferral))
            .OrderBy(r => r.ReferralDate).ThenBy(r => r.ReferralId, StringComparer.Ordinal)
            .ToList();
        var assessments = childCase.Assessments.Select(a => DeriveAssessment(a, context)).ToList();
        var periods = PeriodsOfCare(childCase.ClaEpisodes);
        return new ChildFacts
        {
            Case = childCase,
            Contacts = contacts,
            Referrals = MarkReReferrals(referrals, context.Rules.ReReferral.Months),
            Assessments = assessments,
            PeriodsOfCare = periods,
            PlacementSpells = PlacementSpells(periods),
            ClaReviewObligations = periods.SelectMany(p => ClaReviewChain(p, childCase.ClaReviews, context)).ToList(),
            IhaObligations = periods.Select(p => IhaFor(p, childCase.HealthAssessments, context)).ToList(),
            S47Enquiries = childCase.S47Enquiries.Select(e => DeriveS47(e, context)).ToList(),
            CpPlans = childCase.CpPlans.Select(p => DeriveCpPlan(p, childCase.CpPlans, context)).ToList(),
        };
    }

    /// <summary>
    /// R-REREF: a referral is a re-referral when the child has another referral (actual or derived) dated in
    /// [date - 12 months, date): exactly 12 months before counts; the same date does not.
    /// </summary>
    public static IReadOnlyList<ReferralFact> MarkReReferrals(IReadOnlyList<ReferralFact> referrals, int months) =>
        referrals.Select(r =>
        {
            var from = r.ReferralDate.AddMonths(-months);
            return r with { IsReReferral = referrals.Any(p => p.ReferralDate >= from && p.ReferralDate < r.ReferralDate) };
        }).ToList();

    /// <summary>R-ICPC-15WD: the clock starts at the strategy discussion (the start date when none is recorded).</summary>
    public static S47Fact DeriveS47(S47Enquiry enquiry, DerivationContext context)
    {
        var start = enquiry.StrategyDate ?? enquiry.StartDate;
        return new S47Fact(enquiry, start, context.Calendar.AddWorkingDays(start, context.Rules.ChildProtection.IcpcWorkingDays));
    }

    /// <summary>R-CPP-REPEAT: subsequent when the child has a CP plan with an earlier start date, however long ago. R-CPREV chain.</summary>
    public static CpPlanFact DeriveCpPlan(CpPlan plan, IReadOnlyList<CpPlan> childPlans, DerivationContext context) => new(
        plan,
        IsSubsequent: childPlans.Any(p => p.StartDate < plan.StartDate),
        ReviewObligations: ReviewChain(plan.CpPlanId, plan.EndDate, plan.Reviews.Select(r => r.ReviewDate).ToList(),
            (k, previous) => k == 1
                ? plan.StartDate.AddMonths(context.Rules.ChildProtection.FirstReviewMonths)
                : previous!.Value.AddMonths(context.Rules.ChildProtection.LaterReviewMonths),
            context.AsAtDate));

    /// <summary>
    /// A review obligation chain (KPIS.md "Review obligations"): reviews in date order, review k meets obligation k.
    /// An obligation exists if its review was held or the plan/period had not ended on or before its due date; it is
    /// reported at its review's date if held, else at its due date once that is on or before as-at; it is met on time
    /// if held on or before its due date. The chain stops at the first obligation not held.
    /// </summary>
    public static IReadOnlyList<ReviewObligation> ReviewChain(
        string ownerId, DateOnly? end, IReadOnlyList<DateOnly> reviewDates, Func<int, DateOnly?, DateOnly> dueOf, DateOnly asAt)
    {
        var obligations = new List<ReviewObligation>();
        DateOnly? previous = null;
        for (var k = 1; ; k++)
        {
            var due = dueOf(k, previous);
            DateOnly? held = k <= reviewDates.Count ? reviewDates[k - 1] : null;
            if (held is null && end is { } e && e <= due)
            {
                break;
            }
            var reported = held ?? (due <= asAt ? due : null);
            obligations.Add(new ReviewObligation(ownerId, k, due, held, reported));
            if (held is null)
            {
                break;
            }
            previous = held;
        }
        return obligations;
    }

    /// <summary>A CP visit counts when the child was seen (seen alone and location not required).</summary>
    public static bool QualifiesAsCpVisit(Visit v) => v.VisitType == "CP" && v.Seen == "Y";

    /// <summary>A CLA statutory visit counts when the child was seen, seen alone, in the placement.</summary>
    public static bool QualifiesAsClaVisit(Visit v) => v.VisitType == "CLA" && v.Seen == "Y" && v.SeenAlone == "Y" && v.Location == "PLACEMENT";

    /// <summary>
    /// R-CPVISIT at E for K09: a child on a CP plan at E (the earliest open plan) is due a visit once
    /// AddWorkingDays(plan start, 10) &lt;= E; the visit is on time when the latest seen CP visit v with
    /// plan start &lt;= v &lt;= E has AddWorkingDays(v, 10) &gt;= E.
    /// </summary>
    public static CpVisitStatus? CpVisitStatusAt(ChildFacts facts, DateOnly e, WorkingDayCalendar calendar, int intervalWorkingDays = 10)
    {
        var plan = facts.CpPlans.Select(p => p.Plan).Where(p => p.IsOpenAt(e)).OrderBy(p => p.StartDate).FirstOrDefault();
        if (plan is null || calendar.AddWorkingDays(plan.StartDate, intervalWorkingDays) > e)
        {
            return null;
        }
        var last = facts.Case.Visits
            .Where(v => QualifiesAsCpVisit(v) && v.VisitDate >= plan.StartDate && v.VisitDate <= e)
            .Select(v => (DateOnly?)v.VisitDate)
            .Max();
        var due = calendar.AddWorkingDays(last ?? plan.StartDate, intervalWorkingDays);
        return new CpVisitStatus(plan.CpPlanId, last, due, last is not null && due >= e);
    }

    /// <summary>R-CONTACT-24H window end: received_at + 24 h on the wall clock, or the end of the next working day (R-CONTACT-1WD).</summary>
    public static DateTime ContactWindowEnd(DateTime receivedAt, DecisionClock clock, WorkingDayCalendar calendar) => clock switch
    {
        DecisionClock.Hours24 => receivedAt.AddHours(24),
        DecisionClock.WorkingDay1 => calendar.AddWorkingDays(DateOnly.FromDateTime(receivedAt), 1).ToDateTime(new TimeOnly(23, 59, 59)),
        _ => throw new ArgumentOutOfRangeException(nameof(clock), clock, null),
    };

    /// <summary>
    /// A decision exactly at the window end is in time. R-CONTACT-AUTOREF: undecided when the window has ended by
    /// the as-at moment, or decided after the window end, makes the contact a referral (whatever its outcome).
    /// </summary>
    public static ContactFact DeriveContact(Contact contact, DerivationContext context)
    {
        var windowEnd = ContactWindowEnd(contact.ReceivedAt, context.Rules.Contact.DecisionClock, context.Calendar);
        var decidedInTime = contact.DecisionAt is { } d && d <= windowEnd;
        var late = contact.DecisionAt is { } late1 ? late1 > windowEnd : context.AsAt >= windowEnd;
        return new ContactFact(
            contact,
            windowEnd,
            decidedInTime,
            WindowEnded: context.AsAt >= windowEnd,
            NamedByReferral: context.ContactsNamedByReferrals.Contains(contact.ContactId),
            AutoReferral: context.Rules.Contact.AutoReferral && late);
    }

    /// <summary>A derived referral is dated on the date of the window end and closes on the date of the decision.</summary>
    private static ReferralFact DerivedReferral(ContactFact contact) => new(
        ReferralId: "DERIVED-" + contact.Contact.ContactId,
        ChildId: contact.Contact.ChildId,
        ContactId: contact.Contact.ContactId,
        ReferralDate: DateOnly.FromDateTime(contact.WindowEnd),
        ClosureDate: contact.Contact.DecisionAt is { } d ? DateOnly.FromDateTime(d) : null,
        Source: contact.Contact.Source,
        IsDerived: true,
        IsReReferral: false);

    public static AssessmentFact DeriveAssessment(Assessment assessment, DerivationContext context) => new(
        assessment,
        DueCalendar: assessment.StartDate.AddDays(context.Rules.Assessment.LimitCalendarDays),
        DueWorkingDays: context.Calendar.AddWorkingDays(assessment.StartDate, context.Rules.Assessment.LimitWorkingDays));

    /// <summary>
    /// Periods of care: short breaks (V3/V4) removed first; then episodes where each starts on the day the previous
    /// ended form one period; a gap of a day or more starts a new one.
    /// </summary>
    public static IReadOnlyList<PeriodOfCare> PeriodsOfCare(IReadOnlyList<ClaEpisode> episodes)
    {
        var periods = new List<PeriodOfCare>();
        var current = new List<ClaEpisode>();
        foreach (var episode in ClaEpisode.InSequence(episodes.Where(e => !e.IsShortBreak)))
        {
            if (current.Count > 0 && current[^1].EndDate != episode.StartDate)
            {
                periods.Add(Period(current, periods.Count + 1));
                current = [];
            }
            current.Add(episode);
        }
        if (current.Count > 0)
        {
            periods.Add(Period(current, periods.Count + 1));
        }
        return periods;
    }

    private static PeriodOfCare Period(List<ClaEpisode> episodes, int sequence) =>
        new(episodes[0].ChildId, sequence, episodes[0].StartDate, episodes[^1].EndDate, episodes);
}
