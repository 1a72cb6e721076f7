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

/// <summary>All of one child's records, in date order, cut to the as-at moment.</summary>
public sealed class ChildCase
{
    public required Child Child { get; init; }
    public IReadOnlyList<Contact> Contacts { get; init; } = [];
    public IReadOnlyList<Referral> Referrals { get; init; } = [];
    public IReadOnlyList<Assessment> Assessments { get; init; } = [];
    public IReadOnlyList<ClaEpisode> ClaEpisodes { get; init; } = [];
}
