namespace ChildrensWarehouse.Derivation;

// The case system's records as the rules see them: already cut to the as-at moment (KPIS.md "As-at").

public sealed record Child(string ChildId, DateOnly? DateOfBirth, string Sex, DateOnly? DateOfDeath);

public sealed record Contact(string ContactId, string ChildId, DateTime ReceivedAt, string Source, DateTime? DecisionAt, string? Outcome, string? WorkerId);

public sealed record Referral(string ReferralId, string ChildId, string? ContactId, DateOnly ReferralDate, string Source, string? PrimaryNeed, DateOnly? ClosureDate, string? ClosureReason);

public sealed record Assessment(string AssessmentId, string ReferralId, string ChildId, DateOnly StartDate, DateOnly? AuthorisedDate, string? Outcome, string? WorkerId);

public sealed record ClaEpisode(string EpisodeId, string ChildId, DateOnly StartDate, DateOnly? EndDate, string LegalStatus, string ReasonNewEpisode, string PlacementType, string? ReasonCeased, string? CarerId)
{
    /// <summary>V3/V4: a series of short-term placements (short breaks), not "looked after" for any indicator.</summary>
    public bool IsShortBreak => LegalStatus is "V3" or "V4";
}

public sealed record EarlyHelpEpisode(string EarlyHelpId, string ChildId, DateOnly StartDate, DateOnly? EndDate)
{
    public bool IsOpenAt(DateOnly d) => StartDate <= d && (EndDate is null || EndDate > d);
}

public sealed record S47Enquiry(string S47Id, string ReferralId, string ChildId, DateOnly? StrategyDate, DateOnly StartDate, DateOnly? EndDate,
    string? IcpcRequired, DateOnly? IcpcDate, string? Outcome);

public sealed record CinPlan(string CinPlanId, string ReferralId, string ChildId, DateOnly StartDate, DateOnly? EndDate)
{
    public bool IsOpenAt(DateOnly d) => StartDate <= d && (EndDate is null || EndDate > d);
}

public sealed record CpReview(string CpReviewId, string CpPlanId, DateOnly ReviewDate, string? Quorate);

public sealed record CpPlan(string CpPlanId, string ReferralId, string ChildId, DateOnly StartDate, DateOnly? EndDate, string Category, IReadOnlyList<CpReview> Reviews)
{
    public bool IsOpenAt(DateOnly d) => StartDate <= d && (EndDate is null || EndDate > d);
}

public sealed record Visit(string VisitId, string ChildId, DateOnly VisitDate, string VisitType, string Seen, string? SeenAlone, string? Location, string? WorkerId);

/// <summary>All of one child's records, in date order, cut to the as-at moment.</summary>
public sealed class ChildCase
{
    public required Child Child { get; init; }
    public IReadOnlyList<Contact> Contacts { get; init; } = [];
    public IReadOnlyList<Referral> Referrals { get; init; } = [];
    public IReadOnlyList<Assessment> Assessments { get; init; } = [];
    public IReadOnlyList<ClaEpisode> ClaEpisodes { get; init; } = [];
    public IReadOnlyList<EarlyHelpEpisode> EarlyHelp { get; init; } = [];
    public IReadOnlyList<S47Enquiry> S47Enquiries { get; init; } = [];
    public IReadOnlyList<CinPlan> CinPlans { get; init; } = [];
    public IReadOnlyList<CpPlan> CpPlans { get; init; } = [];
    public IReadOnlyList<Visit> Visits { get; init; } = [];
}
