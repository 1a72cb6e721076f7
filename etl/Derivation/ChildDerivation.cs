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
public static class ChildDerivation
{
    public static ChildFacts Derive(ChildCase childCase, DerivationContext context)
    {
        var contacts = childCase.Contacts.Select(c => DeriveContact(c, context)).ToList();
        var referrals = childCase.Referrals
            .Select(r => new ReferralFact(r.ReferralId, r.ChildId, r.ContactId, r.ReferralDate, r.ClosureDate, r.Source, IsDerived: false))
            .Concat(contacts.Where(c => c.AutoReferral && !c.NamedByReferral).Select(DerivedReferral))
            .OrderBy(r => r.ReferralDate).ThenBy(r => r.ReferralId, StringComparer.Ordinal)
            .ToList();
        var assessments = childCase.Assessments.Select(a => DeriveAssessment(a, context)).ToList();
        return new ChildFacts
        {
            Case = childCase,
            Contacts = contacts,
            Referrals = referrals,
            Assessments = assessments,
            PeriodsOfCare = PeriodsOfCare(childCase.ClaEpisodes),
        };
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
        IsDerived: true);

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
        foreach (var episode in episodes.Where(e => !e.IsShortBreak).OrderBy(e => e.StartDate).ThenBy(e => e.EpisodeId, StringComparer.Ordinal))
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
