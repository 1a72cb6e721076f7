namespace ChildrensWarehouse.Seeds;

// The simulated history of one child, as it really happened (dates may lie beyond the extract's
// horizon). ExtractWriter-side code decides what the case system shows at the as-at moment.

internal enum ServiceArea
{
    FrontDoor,
    Assessment,
    FamilySupport,
    ChildrenInCare,
    LeavingCare,
    EarlyHelp,
    Adoption,
}

internal sealed class ContactEvent
{
    public DateTime Received;
    public string Source = "";
    public DateTime Decision;
    public string Outcome = "";
    public string? Id;
}

internal sealed class ReferralEvent
{
    public required ContactEvent Contact;
    public DateOnly Date;
    public string Source = "";
    public string Need = "";
    public DateOnly? Closure;
    public string ClosureReason = "";
    public string? Id;
    public bool HasDependents;
}

internal sealed class AssessmentEvent
{
    public required ReferralEvent Referral;
    public DateOnly Start;
    public DateOnly Authorised;
    public string Outcome = "";
    public string Factors = "";
}

internal sealed class S47Event
{
    public required ReferralEvent Referral;
    public DateOnly Strategy;
    public DateOnly Start;
    public DateOnly End;
    public bool IcpcRequired;
    public DateOnly? Icpc;
    public string Outcome = "";
}

internal sealed class PlanEvent
{
    public required ReferralEvent Referral;
    public DateOnly Start;
    public DateOnly End;
    public string Category = "";
    public readonly List<(DateOnly Date, bool Quorate)> Reviews = [];
    public string? Id;
}

internal sealed class VisitEvent
{
    public DateOnly Date;
    public string Type = "";
    public bool Seen;
    public bool? SeenAlone;
    public string Location = "";
}

internal sealed class Placement
{
    public string Type = "";
    public string Provider = "";
    public string? CarerId;
    public ConnectedCarer? Connected;
    public string Postcode = "";

    public Placement With(string type) => new() { Type = type, Provider = Provider, CarerId = CarerId, Connected = Connected, Postcode = Postcode };

    public string? Carer => Connected?.Id ?? CarerId;
}

internal sealed class EpisodeEvent
{
    public DateOnly Start;
    public DateOnly End;
    public string Legal = "";
    public string Reason = "";
    public required Placement Placement;
    public string? Ceased;
}

internal sealed class CarePeriod
{
    public DateOnly Start;
    public DateOnly End;
    public string Ceased = "";
    public readonly List<EpisodeEvent> Episodes = [];
}

internal sealed class ProceedingsEvent
{
    public DateOnly Issued;
    public DateOnly FinalOrderDate;
    public string FinalOrder = "";
}

internal sealed class AdoptionEvent
{
    public DateOnly? Adm;
    public DateOnly? PlacementOrder;
    public DateOnly? Matched;
    public DateOnly? Placed;
    public DateOnly? Order;
}

internal sealed class CareLeaverEvent
{
    public DateOnly Birthday;
    public DateOnly? ContactDate;
    public string InTouch = "";
    public string? Activity;
    public string? Accommodation;
    public bool? Suitable;
}

internal sealed class EarlyHelpEvent
{
    public DateOnly Start;
    public DateOnly End;
    public DateOnly? AssessmentDate;
    public string LeadAgency = "";
}

internal sealed class ConnectedCarer
{
    public string Id = "";
    public DateOnly Approved;
    public DateOnly Deregistered;
    public int Places;
}

/// <summary>A stretch of time in which one service area holds the child's case (one allocation at a time).</summary>
internal readonly record struct Holding(ServiceArea Area, DateOnly Start, DateOnly End);

internal sealed class ChildCase
{
    public long Ordinal;
    public DateOnly Dob;
    public DateOnly? ExpectedDob;
    public char Sex;
    public string Ethnicity = "";
    public bool Disabled;
    public bool Uasc;
    public DateOnly? Death;
    public string FirstName = "";
    public string LastName = "";
    public string? Upn;
    public DateOnly LastActivity;

    public readonly List<ContactEvent> Contacts = [];
    public readonly List<ReferralEvent> Referrals = [];
    public readonly List<AssessmentEvent> Assessments = [];
    public readonly List<S47Event> S47s = [];
    public readonly List<PlanEvent> CinPlans = [];
    public readonly List<PlanEvent> CpPlans = [];
    public readonly List<VisitEvent> Visits = [];
    public readonly List<CarePeriod> CarePeriods = [];
    public readonly List<EpisodeEvent> ShortBreaks = [];
    public readonly List<(DateOnly Date, string Participation)> ClaReviews = [];
    public readonly List<(string Type, DateOnly Date)> HealthAssessments = [];
    public readonly List<DateOnly> DentalChecks = [];
    public readonly List<(DateOnly Date, bool UpToDate)> Immunisations = [];
    public readonly List<(DateOnly Date, string Type)> Peps = [];
    public readonly List<ProceedingsEvent> Proceedings = [];
    public AdoptionEvent? Adoption;
    public readonly List<CareLeaverEvent> CareLeaver = [];
    public readonly List<EarlyHelpEvent> EarlyHelp = [];
    public readonly List<ConnectedCarer> ConnectedCarers = [];
    public readonly List<Holding> Holdings = [];

    public void Touch(DateOnly d)
    {
        if (d > LastActivity)
        {
            LastActivity = d;
        }
    }

    public bool InCareAt(DateOnly d)
    {
        foreach (var p in CarePeriods)
        {
            if (p.Start <= d && p.End > d)
            {
                return true;
            }
        }
        return false;
    }
}
