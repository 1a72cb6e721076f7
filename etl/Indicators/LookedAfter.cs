using ChildrensWarehouse.Derivation;

namespace ChildrensWarehouse.Indicators;

/// <summary>Children looked after, health, education and permanence indicators (KPIS.md).</summary>
internal static class LookedAfter
{
    private static readonly HashSet<string> Adopted = ["E11", "E12"];

    /// <summary>K10: distinct children looked after at E (a period of care open at E; short breaks excluded).</summary>
    public static void ChildrenLookedAfterPer10000(ChildFacts f, IndicatorCalculator k)
    {
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            if (ChildDerivation.CurrentPeriod(f, k.MonthEnds[i]) is { } p) k.AddNumerator(i, 1, p.FirstEpisodeId);
        }
    }

    /// <summary>K11: children looked after at E; numerator: 3 or more placement spells overlapping the rolling 12 months.</summary>
    public static void ThreeOrMorePlacements(ChildFacts f, IndicatorCalculator k)
    {
        if (f.PeriodsOfCare.Count == 0) return;
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            var e = k.MonthEnds[i];
            if (ChildDerivation.CurrentPeriod(f, e) is not { } p) continue;
            var start = ReportingPeriods.Rolling12Start(e);
            var spells = f.PlacementSpells.Count(s => s.StartDate <= e && (s.EndDate is null || s.EndDate > start));
            k.Count(i, spells >= 3, p.FirstEpisodeId);
        }
    }

    /// <summary>K12: CLA review obligations reported in the month; numerator: met on time.</summary>
    public static void ReviewsWithinTimescale(ChildFacts f, IndicatorCalculator k) => k.CountReported(f.ClaReviewObligations);

    /// <summary>K13: children looked after at E (less new spells not yet visited); numerator: next visit not overdue.</summary>
    public static void VisitsWithinTimescale(ChildFacts f, IndicatorCalculator k)
    {
        if (f.PeriodsOfCare.Count == 0) return;
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            if (ChildDerivation.ClaVisitStatusAt(f, k.MonthEnds[i], k.Rules) is { } status) k.Count(i, status.OnTime, status.SpellFirstEpisodeId, status.NextDue);
        }
    }

    private static void InitialHealthAssessments(ChildFacts f, IndicatorCalculator k, Func<DateOnly, DateOnly> windowStart)
    {
        foreach (var o in f.IhaObligations)
        {
            if (!o.InScope || !o.DueReached) continue;
            for (var i = 0; i < k.MonthEnds.Count; i++)
            {
                var e = k.MonthEnds[i];
                if (ReportingPeriods.InWindow(o.PeriodStart, windowStart(e), e)) k.Count(i, o.Met, o.FirstEpisodeId, o.DueDate);
            }
        }
    }

    /// <summary>
    /// K14: periods of care started in the year to date whose IHA due date has been reached by as-at and that lasted to
    /// it; numerator: an IHA completed in [start, due].
    /// </summary>
    public static void InitialHealthAssessmentsYtd(ChildFacts f, IndicatorCalculator k) => InitialHealthAssessments(f, k, ReportingPeriods.YearToDateStart);

    /// <summary>K14M: as K14, by month of entry.</summary>
    public static void InitialHealthAssessmentsMonth(ChildFacts f, IndicatorCalculator k) => InitialHealthAssessments(f, k, ReportingPeriods.MonthStart);

    /// <summary>Children looked after at E whose current period started on or before E - 12 months.</summary>
    private static PeriodOfCare? LookedAfterTwelveMonths(ChildFacts f, DateOnly e) =>
        ChildDerivation.CurrentPeriod(f, e) is { } p && p.StartDate <= e.AddMonths(-12) ? p : null;

    /// <summary>K15: looked after 12 months at E; numerator: a health assessment (IHA or RHA) in (E - 12 months, E].</summary>
    public static void AnnualHealthAssessments(ChildFacts f, IndicatorCalculator k)
    {
        if (f.PeriodsOfCare.Count == 0) return;
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            var e = k.MonthEnds[i];
            if (LookedAfterTwelveMonths(f, e) is not { } p) continue;
            var from = e.AddMonths(-12);
            k.Count(i, f.Case.HealthAssessments.Any(h => h.CompletedDate > from && h.CompletedDate <= e), p.FirstEpisodeId);
        }
    }

    /// <summary>K16: K15's children aged 3 to 17 at E; numerator: a dental check in (E - 12 months, E].</summary>
    public static void DentalChecks(ChildFacts f, IndicatorCalculator k)
    {
        if (f.PeriodsOfCare.Count == 0) return;
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            var e = k.MonthEnds[i];
            if (LookedAfterTwelveMonths(f, e) is not { } p || Age.Of(f.Case.Child, e) is not (>= 3 and <= 17)) continue;
            var from = e.AddMonths(-12);
            k.Count(i, f.Case.DentalChecks.Any(d => d.CheckDate > from && d.CheckDate <= e), p.FirstEpisodeId);
        }
    }

    /// <summary>K17: looked after at E, aged 5 to 15, period start + 20 WD reached; numerator: a PEP in (E - 6 months, E].</summary>
    public static void PersonalEducationPlans(ChildFacts f, IndicatorCalculator k)
    {
        if (f.PeriodsOfCare.Count == 0) return;
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            var e = k.MonthEnds[i];
            if (ChildDerivation.CurrentPeriod(f, e) is not { } p || Age.Of(f.Case.Child, e) is not (>= 5 and <= 15)) continue;
            if (k.Calendar.AddWorkingDays(p.StartDate, k.Rules.LookedAfter.PepInitialWorkingDays) > e) continue;
            var from = e.AddMonths(-6);
            k.Count(i, f.Case.Peps.Any(x => x.PepDate > from && x.PepDate <= e), p.FirstEpisodeId);
        }
    }

    private static void PeriodsEnded(ChildFacts f, IndicatorCalculator k, Func<DateOnly, DateOnly> windowStart, Action<int, PeriodOfCare> add)
    {
        foreach (var p in f.PeriodsOfCare)
        {
            if (p.EndDate is not { } end) continue;
            for (var i = 0; i < k.MonthEnds.Count; i++)
            {
                var e = k.MonthEnds[i];
                if (ReportingPeriods.InWindow(end, windowStart(e), e)) add(i, p);
            }
        }
    }

    /// <summary>K18: periods of care ended in the year to date by adoption (E11, E12).</summary>
    public static void AdoptionsYtd(ChildFacts f, IndicatorCalculator k) =>
        PeriodsEnded(f, k, ReportingPeriods.YearToDateStart, (i, p) => { if (Adopted.Contains(p.ReasonCeased ?? "")) k.AddNumerator(i, 1, p.FirstEpisodeId); });

    /// <summary>K18M: as K18, in the month.</summary>
    public static void AdoptionsMonth(ChildFacts f, IndicatorCalculator k) =>
        PeriodsEnded(f, k, ReportingPeriods.MonthStart, (i, p) => { if (Adopted.Contains(p.ReasonCeased ?? "")) k.AddNumerator(i, 1, p.FirstEpisodeId); });

    /// <summary>K33: periods of care ended in the year to date; numerator: ended by a return home (E13).</summary>
    public static void ReturnedHome(ChildFacts f, IndicatorCalculator k) =>
        PeriodsEnded(f, k, ReportingPeriods.YearToDateStart, (i, p) => k.Count(i, p.ReasonCeased == "E13", p.FirstEpisodeId));

    /// <summary>
    /// K26: looked after at E, under 16, current period started on or before E - 30 months; numerator: current spell
    /// started on or before E - 24 months, or the episode open at E is placed for adoption (A3..A6).
    /// </summary>
    public static void LongTermStability(ChildFacts f, IndicatorCalculator k)
    {
        if (f.PeriodsOfCare.Count == 0) return;
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            var e = k.MonthEnds[i];
            if (ChildDerivation.CurrentPeriod(f, e) is not { } p || p.StartDate > e.AddMonths(-30) || Age.Of(f.Case.Child, e) is not < 16) continue;
            var spell = f.PlacementSpells.First(s => s.IsOpenAt(e));
            var episode = p.Episodes.Last(x => x.StartDate <= e);
            k.Count(i, spell.StartDate <= e.AddMonths(-24) || episode.PlacementType is "A3" or "A4" or "A5" or "A6", p.FirstEpisodeId);
        }
    }

    /// <summary>K32: days looked after in the month, summed over children: day d counts when start &lt;= d &lt; end.</summary>
    public static void DaysInCare(ChildFacts f, IndicatorCalculator k)
    {
        foreach (var p in f.PeriodsOfCare)
        {
            for (var i = 0; i < k.MonthEnds.Count; i++)
            {
                var e = k.MonthEnds[i];
                var from = Max(p.StartDate, ReportingPeriods.MonthStart(e));
                var toExclusive = p.EndDate is { } end ? Min(end, e.AddDays(1)) : e.AddDays(1);
                var days = toExclusive.DayNumber - from.DayNumber;
                if (days > 0) k.AddNumerator(i, days, p.FirstEpisodeId);
            }
        }
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static void ProceedingsConcluded(ChildFacts f, IndicatorCalculator k, Action<int, Proceedings> add)
    {
        foreach (var p in f.Case.Proceedings)
        {
            if (p.FinalOrderDate is not { } final) continue;
            for (var i = 0; i < k.MonthEnds.Count; i++)
            {
                var e = k.MonthEnds[i];
                if (ReportingPeriods.InWindow(final, ReportingPeriods.YearToDateStart(e), e)) add(i, p);
            }
        }
    }

    /// <summary>K25: proceedings with a final order in the year to date; numerator: final order &lt;= issued + 181 days (R-CARE-26W).</summary>
    public static void ProceedingsWithin26Weeks(ChildFacts f, IndicatorCalculator k) =>
        ProceedingsConcluded(f, k, (i, p) =>
        {
            var due = p.IssuedDate.AddDays(k.Rules.LookedAfter.ProceedingsLimitDays);
            k.Count(i, p.FinalOrderDate!.Value <= due, p.ProceedingsId, due);
        });

    /// <summary>
    /// K25D: average weeks from issue to final order of proceedings concluded in the year to date (every final_order
    /// value). Each adds its days; the numerator, the sum of days / 7, is divided once (its Indicator entry).
    /// </summary>
    public static void ProceedingsAverageWeeks(ChildFacts f, IndicatorCalculator k) =>
        ProceedingsConcluded(f, k, (i, p) => k.AddToAverage(i, p.FinalOrderDate!.Value.DayNumber - p.IssuedDate.DayNumber, p.ProceedingsId));

    private static readonly HashSet<string> InEducationEmploymentOrTraining = ["F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"];

    /// <summary>Care-leaver rows with birthday_date in the year to date on the 19th, 20th or 21st birthday, except DIED and RHOM.</summary>
    private static void CareLeavers(ChildFacts f, IndicatorCalculator k, Func<CareLeaverContact, bool> numerator)
    {
        if (f.Case.Child.DateOfBirth is not { } dob) return;
        foreach (var c in f.Case.CareLeaverContacts)
        {
            if (c.InTouch is "DIED" or "RHOM") continue;
            if (!(Age.IsBirthday(dob, c.BirthdayDate, 19) || Age.IsBirthday(dob, c.BirthdayDate, 20) || Age.IsBirthday(dob, c.BirthdayDate, 21))) continue;
            for (var i = 0; i < k.MonthEnds.Count; i++)
            {
                var e = k.MonthEnds[i];
                if (ReportingPeriods.InWindow(c.BirthdayDate, ReportingPeriods.YearToDateStart(e), e)) k.Count(i, numerator(c), c.CareLeaverId);
            }
        }
    }

    /// <summary>K30: care leavers 19-21 in suitable accommodation.</summary>
    public static void CareLeaversSuitablyAccommodated(ChildFacts f, IndicatorCalculator k) => CareLeavers(f, k, c => c.AccommodationSuitable == "Y");

    /// <summary>K31: care leavers 19-21 in education, employment or training.</summary>
    public static void CareLeaversInEducationEmploymentOrTraining(ChildFacts f, IndicatorCalculator k) =>
        CareLeavers(f, k, c => c.Activity is { } a && InEducationEmploymentOrTraining.Contains(a));
}
