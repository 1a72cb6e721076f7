using ChildrensWarehouse.Rules;

namespace ChildrensWarehouse.Derivation;

public static partial class ChildDerivation
{
    private static bool IsTemporaryPlacement(string placementType) => placementType is "T0" or "T1" or "T2" or "T3" or "T4";

    /// <summary>Placement spells of every period of care (KPIS.md "Placement spell").</summary>
    public static IReadOnlyList<PlacementSpell> PlacementSpells(IReadOnlyList<PeriodOfCare> periods)
    {
        var spells = new List<PlacementSpell>();
        foreach (var period in periods)
        {
            var groups = new List<List<ClaEpisode>>();
            foreach (var episode in period.Episodes)
            {
                var startsSpell = groups.Count == 0
                    || (episode.ReasonNewEpisode is "S" or "P" or "B" && !IsTemporaryPlacement(episode.PlacementType));
                if (startsSpell) groups.Add([]);
                groups[^1].Add(episode);
            }
            for (var i = 0; i < groups.Count; i++)
            {
                var end = i + 1 < groups.Count ? groups[i + 1][0].StartDate : period.EndDate;
                spells.Add(new PlacementSpell(period.ChildId, period.Sequence, i + 1, groups[i][0].StartDate, end, groups[i]));
            }
        }
        return spells;
    }

    /// <summary>
    /// R-CLAREV (KPIS.md "Review obligations", K12): due1 = AddWorkingDays(start, 20), due2 = review 1 + 3 months, then
    /// review k + 6 months. A review is any review of the child dated within the period (start &lt;= date &lt;= end).
    /// </summary>
    public static IReadOnlyList<ReviewObligation> ClaReviewChain(PeriodOfCare period, IReadOnlyList<ClaReview> reviews, DerivationContext context)
    {
        var within = reviews
            .Where(r => r.ReviewDate >= period.StartDate && (period.EndDate is null || r.ReviewDate <= period.EndDate))
            .Select(r => r.ReviewDate).Order().ToList();
        var rules = context.Rules.LookedAfter;
        return ReviewChain(period.FirstEpisodeId, period.EndDate, within, (k, previous) => k switch
        {
            1 => context.Calendar.AddWorkingDays(period.StartDate, rules.FirstReviewWorkingDays),
            2 => previous!.Value.AddMonths(rules.SecondReviewMonths),
            _ => previous!.Value.AddMonths(rules.LaterReviewMonths),
        }, context.AsAtDate);
    }

    /// <summary>
    /// R-IHA-20WD: due = AddWorkingDays(period start, 20); in scope only when the period lasted to the due date (end null
    /// or end &gt;= due): a child in care for a few days owes no IHA. The IHA is the first one completed on or after the start.
    /// </summary>
    public static IhaObligation IhaFor(PeriodOfCare period, IReadOnlyList<HealthAssessment> assessments, DerivationContext context)
    {
        var due = context.Calendar.AddWorkingDays(period.StartDate, context.Rules.LookedAfter.IhaWorkingDays);
        var inScope = period.EndDate is null || period.EndDate >= due;
        var iha = assessments
            .Where(a => a.AssessmentType == "IHA" && a.CompletedDate >= period.StartDate && (period.EndDate is null || a.CompletedDate <= period.EndDate))
            .Select(a => (DateOnly?)a.CompletedDate).Min();
        return new IhaObligation(period.ChildId, period.Sequence, period.FirstEpisodeId, period.StartDate, due, inScope, iha, due <= context.AsAtDate);
    }

    /// <summary>
    /// R-CLAVISIT at E (K13): null when not looked after at E, or when the current spell began less than 7 days before E
    /// with no qualifying visit in it. Due = last qualifying visit in the spell (to E) + 42 days, or spell start + 7 days.
    /// </summary>
    public static ClaVisitStatus? ClaVisitStatusAt(ChildFacts facts, DateOnly e, RuleSettings rules)
    {
        var spell = facts.PlacementSpells.FirstOrDefault(s => s.IsOpenAt(e));
        if (spell is null) return null;
        var last = facts.Case.Visits
            .Where(v => QualifiesAsClaVisit(v) && v.VisitDate >= spell.StartDate && v.VisitDate <= e)
            .Select(v => (DateOnly?)v.VisitDate).Max();
        var first = rules.LookedAfter.FirstVisitDays;
        if (last is null && e.DayNumber - spell.StartDate.DayNumber < first) return null;
        var due = last is { } v ? v.AddDays(rules.LookedAfter.VisitIntervalDays) : spell.StartDate.AddDays(first);
        return new ClaVisitStatus(spell.FirstEpisodeId, spell.StartDate, last, due, due >= e);
    }

    /// <summary>The period of care open at E, if any.</summary>
    public static PeriodOfCare? CurrentPeriod(ChildFacts facts, DateOnly e) => facts.PeriodsOfCare.FirstOrDefault(p => p.IsOpenAt(e));
}
