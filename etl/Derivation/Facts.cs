namespace ChildrensWarehouse.Derivation;

// The facts the rules produce for one child: what the warehouse loads and the indicators aggregate.

/// <summary>A contact with its decision window (R-CONTACT-24H) and what became of it.</summary>
public sealed record ContactFact(
    Contact Contact,
    DateTime WindowEnd,
    bool DecidedInTime,
    bool WindowEnded,
    bool NamedByReferral,
    bool AutoReferral)
{
    /// <summary>K01 numerator: outcome REFERRAL, named by a referral, or turned into one by R-CONTACT-AUTOREF.</summary>
    public bool ProgressedToReferral => Contact.Outcome == "REFERRAL" || NamedByReferral || AutoReferral;

    /// <summary>Decided in time with outcome REFERRAL but named by no referral row: a data-quality warning.</summary>
    public bool ReferralOutcomeWithoutReferral => Contact.Outcome == "REFERRAL" && !NamedByReferral && !AutoReferral;
}

/// <summary>A referral: a row of referrals.csv, or one derived from an undecided contact (R-CONTACT-AUTOREF).</summary>
public sealed record ReferralFact(
    string ReferralId,
    string ChildId,
    string? ContactId,
    DateOnly ReferralDate,
    DateOnly? ClosureDate,
    string Source,
    bool IsDerived,
    bool IsReReferral)
{
    public bool IsOpenAt(DateOnly d) => ReferralDate <= d && (ClosureDate is null || ClosureDate > d);
}

/// <summary>A single assessment with its due dates (42 calendar days; 45 working days).</summary>
public sealed record AssessmentFact(
    Assessment Assessment,
    DateOnly DueCalendar,
    DateOnly DueWorkingDays)
{
    public bool? WithinCalendarLimit => Assessment.AuthorisedDate is { } a ? a <= DueCalendar : null;
    public bool? WithinWorkingDayLimit => Assessment.AuthorisedDate is { } a ? a <= DueWorkingDays : null;
}

/// <summary>Consecutive looked-after episodes with no gap (short breaks removed).</summary>
public sealed record PeriodOfCare(
    string ChildId,
    int Sequence,
    DateOnly StartDate,
    DateOnly? EndDate,
    IReadOnlyList<ClaEpisode> Episodes)
{
    public string FirstEpisodeId => Episodes[0].EpisodeId;
    public string? ReasonCeased => EndDate is null ? null : Episodes[^1].ReasonCeased;
    public bool IsOpenAt(DateOnly d) => StartDate <= d && (EndDate is null || EndDate > d);
}

/// <summary>A section 47 enquiry with its ICPC due date (R-ICPC-15WD: 15 working days from the strategy discussion).</summary>
public sealed record S47Fact(S47Enquiry Enquiry, DateOnly IcpcClockStart, DateOnly IcpcDue)
{
    public bool IcpcInScope => Enquiry.IcpcRequired != "N";
    public bool? IcpcTimely => Enquiry.IcpcDate is { } d ? d <= IcpcDue : null;
}

/// <summary>One obligation of a review chain (KPIS.md "Review obligations"): review k meets obligation k.</summary>
public sealed record ReviewObligation(
    string OwnerId,
    int Sequence,
    DateOnly DueDate,
    DateOnly? ReviewDate,
    DateOnly? ReportedOn)
{
    public bool MetOnTime => ReviewDate is { } r && r <= DueDate;
    public string RecordId => $"{OwnerId}#{Sequence}";
    public string Status => ReviewDate is { } r ? (r <= DueDate ? "Timely" : "Late") : ReportedOn is not null ? "OverdueOpen" : "NotYetDue";
}

/// <summary>A child protection plan: first or subsequent (R-CPP-REPEAT) and its review obligations (R-CPREV).</summary>
public sealed record CpPlanFact(CpPlan Plan, bool IsSubsequent, IReadOnlyList<ReviewObligation> ReviewObligations);

/// <summary>Everything derived for one child.</summary>
public sealed class ChildFacts
{
    public required ChildCase Case { get; init; }
    public required IReadOnlyList<ContactFact> Contacts { get; init; }
    public required IReadOnlyList<ReferralFact> Referrals { get; init; }
    public required IReadOnlyList<AssessmentFact> Assessments { get; init; }
    public required IReadOnlyList<PeriodOfCare> PeriodsOfCare { get; init; }
    public required IReadOnlyList<S47Fact> S47Enquiries { get; init; }
    public required IReadOnlyList<CpPlanFact> CpPlans { get; init; }
    public required IReadOnlyList<PlacementSpell> PlacementSpells { get; init; }
    public required IReadOnlyList<ReviewObligation> ClaReviewObligations { get; init; }
    public required IReadOnlyList<IhaObligation> IhaObligations { get; init; }
    public string ChildId => Case.Child.ChildId;
}

/// <summary>A child's CP visit position at a period end (K09).</summary>
public sealed record CpVisitStatus(string CpPlanId, DateOnly? LastSeenVisit, DateOnly NextDue, bool OnTime);
