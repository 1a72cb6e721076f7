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

    /// <summary>
    /// A child's episodes in the order they follow one another (<see cref="Contract.EpisodeOrder"/>).
    /// </summary>
    public static IOrderedEnumerable<ClaEpisode> InSequence(IEnumerable<ClaEpisode> episodes) =>
        Contract.EpisodeOrder.InSequence(episodes, e => e.StartDate, e => e.EndDate, e => e.EpisodeId);
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

public sealed record ClaReview(string ClaReviewId, string ChildId, DateOnly ReviewDate);

public sealed record HealthAssessment(string HealthAssessmentId, string ChildId, string AssessmentType, DateOnly CompletedDate);

public sealed record DentalCheck(string DentalCheckId, string ChildId, DateOnly CheckDate);

public sealed record Immunisation(string ChildId, DateOnly AsAtDate, string UpToDate);

public sealed record Pep(string PepId, string ChildId, DateOnly PepDate, string PepType);

public sealed record Proceedings(string ProceedingsId, string ChildId, DateOnly IssuedDate, DateOnly? FinalOrderDate, string? FinalOrder);

public sealed record Adoption(string ChildId, DateOnly? AdmDecisionDate, DateOnly? PlacementOrderDate, DateOnly? MatchedDate, DateOnly? PlacedDate, DateOnly? AdoptionOrderDate);

public sealed record CareLeaverContact(string CareLeaverId, string ChildId, DateOnly BirthdayDate, DateOnly? ContactDate, string InTouch,
    string? Activity, string? Accommodation, string? AccommodationSuitable);

public sealed record Allocation(string AllocationId, string ChildId, string WorkerId, DateOnly StartDate, DateOnly? EndDate)
{
    public bool IsOpenAt(DateOnly d) => StartDate <= d && (EndDate is null || EndDate > d);
}

public sealed record CaseSupervision(string SupervisionId, string ChildId, string WorkerId, DateOnly SupervisionDate);

public sealed record Worker(string WorkerId, string DisplayName, string TeamId, string Role, decimal Fte, DateOnly StartDate, DateOnly? EndDate, string? Agency)
{
    /// <summary>QSW and ASYE count as qualified social workers.</summary>
    public bool IsQualifiedSocialWorker => Role is "QSW" or "ASYE";
    public bool IsEmployedAt(DateOnly d) => StartDate <= d && (EndDate is null || EndDate > d);
}

public sealed record Team(string TeamId, string TeamName, string ServiceArea);

public sealed record FosterCarer(string CarerId, string CarerType, DateOnly ApprovedDate, DateOnly? DeregisteredDate, long Places)
{
    public bool IsApprovedAt(DateOnly d) => ApprovedDate <= d && (DeregisteredDate is null || DeregisteredDate > d);
}

/// <summary>What is not one child's: the workforce and the foster carers.</summary>
public sealed class CouncilRecords
{
    public IReadOnlyList<Worker> Workers { get; init; } = [];
    public IReadOnlyList<Team> Teams { get; init; } = [];
    public IReadOnlyList<FosterCarer> FosterCarers { get; init; } = [];
}

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
    public IReadOnlyList<ClaReview> ClaReviews { get; init; } = [];
    public IReadOnlyList<HealthAssessment> HealthAssessments { get; init; } = [];
    public IReadOnlyList<DentalCheck> DentalChecks { get; init; } = [];
    public IReadOnlyList<Immunisation> Immunisations { get; init; } = [];
    public IReadOnlyList<Pep> Peps { get; init; } = [];
    public IReadOnlyList<Proceedings> Proceedings { get; init; } = [];
    public Adoption? Adoption { get; init; }
    public IReadOnlyList<CareLeaverContact> CareLeaverContacts { get; init; } = [];
    public IReadOnlyList<Allocation> Allocations { get; init; } = [];
    public IReadOnlyList<CaseSupervision> CaseSupervisions { get; init; } = [];
}
