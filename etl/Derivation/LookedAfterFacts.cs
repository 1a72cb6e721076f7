namespace ChildrensWarehouse.Derivation;

/// <summary>
/// A placement spell: the first episode of a period of care starts one; a later episode starts a new one when its
/// reason_new_episode is S, P or B and its placement is not temporary (T0..T4). It ends where the next spell or the
/// period of care ends.
/// </summary>
public sealed record PlacementSpell(string ChildId, int PeriodSequence, int Sequence, DateOnly StartDate, DateOnly? EndDate, IReadOnlyList<ClaEpisode> Episodes)
{
    public bool IsOpenAt(DateOnly d) => StartDate <= d && (EndDate is null || EndDate > d);
    public string FirstEpisodeId => Episodes[0].EpisodeId;
}

/// <summary>The initial health assessment a period of care owes (R-IHA-20WD), only when it lasted to its due date.</summary>
public sealed record IhaObligation(string ChildId, int PeriodSequence, string FirstEpisodeId, DateOnly PeriodStart, DateOnly DueDate, bool InScope, DateOnly? IhaDate, bool DueReached)
{
    /// <summary>Met: an IHA completed in [start, due].</summary>
    public bool Met => IhaDate is { } d && d >= PeriodStart && d <= DueDate;
    public string Status => !InScope ? "Excluded" : Met ? "Timely" : IhaDate is not null ? "Late" : DueReached ? "OverdueOpen" : "NotYetDue";
}

/// <summary>A child's CLA statutory-visit position at a period end (K13).</summary>
public sealed record ClaVisitStatus(string SpellFirstEpisodeId, DateOnly SpellStart, DateOnly? LastQualifyingVisit, DateOnly NextDue, bool OnTime);
