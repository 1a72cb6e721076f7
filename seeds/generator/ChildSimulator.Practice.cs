namespace ChildrensWarehouse.Seeds;

internal sealed partial class ChildSimulator
{
    private static readonly (string, double)[] Participation =
    [
        ("PN1", 0.45), ("PN2", 0.10), ("PN3", 0.15), ("PN4", 0.10), ("PN5", 0.08), ("PN6", 0.07), ("PN7", 0.05),
    ];

    private static readonly (string, double)[] InTouch = [("YES", 0.87), ("NO", 0.07), ("REFU", 0.03), ("NREQ", 0.03)];

    private static readonly (string, double)[] Activities =
    [
        ("F1", 0.06), ("P1", 0.01), ("F2", 0.22), ("P2", 0.03), ("F4", 0.12), ("P4", 0.05), ("F5", 0.02), ("P5", 0.01),
        ("G4", 0.10), ("G5", 0.30), ("G6", 0.08),
    ];

    private static readonly (string, double)[] Accommodation =
    [
        ("B", 0.12), ("C", 0.02), ("D", 0.18), ("E", 0.08), ("G", 0.01), ("K", 0.05), ("R", 0.01), ("S", 0.02), ("T", 0.04),
        ("U", 0.30), ("V", 0.02), ("W", 0.01), ("X", 0.03), ("Y", 0.03), ("Z", 0.08),
    ];

    private static readonly (string, double)[] CpVisitLocations = [("HOME", 0.82), ("SCHOOL", 0.10), ("OFFICE", 0.04), ("OTHER", 0.04)];
    private static readonly (string, double)[] CinVisitLocations = [("HOME", 0.75), ("SCHOOL", 0.20), ("OFFICE", 0.05)];
    private static readonly string[] AwayFromPlacement = ["SCHOOL", "OFFICE", "OTHER", "HOME"];

    /// <summary>Visits, reviews, health, education and leaving-care records that follow from the plans and periods of care.</summary>
    private void AddPractice()
    {
        foreach (var plan in _child.CpPlans)
        {
            AddCpVisits(plan);
        }
        foreach (var plan in _child.CinPlans)
        {
            AddCinVisits(plan);
        }
        foreach (var period in _child.CarePeriods)
        {
            AddClaReviews(period);
            AddHealth(period);
            AddClaVisits(period);
            AddDental(period);
            AddImmunisations(period);
            AddPeps(period);
        }
        AddCareLeaver();
        _child.Visits.Sort((a, b) => a.Date.CompareTo(b.Date));
    }

    private void AddCpVisits(PlanEvent plan)
    {
        var rng = _practice;
        var cal = ctx.Calendar;
        var from = Dates.Max(plan.Start, _child.Dob);
        var v = cal.AddWorkingDays(from, rng.Chance(0.9) ? rng.Between(1, 10) : rng.Between(11, 15));
        while (v < plan.End && v <= ctx.Horizon)
        {
            var seen = rng.Chance(0.96);
            if (v >= ctx.PracticeStart)
            {
                _child.Visits.Add(new VisitEvent
                {
                    Date = v,
                    Type = "CP",
                    Seen = seen,
                    SeenAlone = seen ? AgeAt(v) >= 4 && rng.Chance(0.6) : null,
                    Location = rng.PickWeighted(CpVisitLocations),
                });
            }
            var gap = !seen ? rng.Between(1, 4) : rng.Chance(ctx.Curves.CpVisitOnTime.At(v)) ? rng.Between(4, 10) : rng.Between(11, 18);
            v = cal.AddWorkingDays(v, gap);
        }
    }

    private void AddCinVisits(PlanEvent plan)
    {
        var rng = _practice;
        var v = Dates.Max(plan.Start, _child.Dob).AddDays(rng.Between(5, 20));
        while (v < plan.End && v <= ctx.Horizon)
        {
            if (v >= ctx.PracticeStart)
            {
                var seen = rng.Chance(0.93);
                _child.Visits.Add(new VisitEvent
                {
                    Date = v,
                    Type = "CIN",
                    Seen = seen,
                    SeenAlone = seen ? AgeAt(v) >= 4 && rng.Chance(0.5) : null,
                    Location = rng.PickWeighted(CinVisitLocations),
                });
            }
            v = v.AddDays(rng.Between(18, 50));
        }
    }

    private void AddClaReviews(CarePeriod period)
    {
        var rng = _practice;
        var due = ctx.Calendar.AddWorkingDays(period.Start, 20);
        var last = period.Start.AddDays(2);
        for (var k = 1; ; k++)
        {
            var date = rng.Chance(ctx.Curves.ClaReviewOnTime.At(due)) ? due.AddDays(-rng.Between(0, 10)) : due.AddDays(rng.Between(1, 25));
            if (date <= last)
            {
                date = last.AddDays(1);
            }
            if (date > period.End || date > ctx.Horizon)
            {
                break;
            }
            _child.ClaReviews.Add((date, AgeAt(date) < 4 ? "PN0" : rng.PickWeighted(Participation)));
            last = date;
            due = k == 1 ? date.AddMonths(3) : date.AddMonths(6);
        }
    }

    private void AddHealth(CarePeriod period)
    {
        var rng = _practice;
        var cal = ctx.Calendar;
        DateOnly? iha = rng.Chance(ctx.Curves.IhaIn20WorkingDays.At(period.Start))
            ? cal.AddWorkingDays(period.Start, rng.Between(4, 20))
            : rng.Chance(0.92) ? cal.AddWorkingDays(period.Start, rng.Between(21, 75)) : null;
        DateOnly last;
        if (iha is { } first && first < period.End && first <= ctx.Horizon)
        {
            _child.HealthAssessments.Add(("IHA", first));
            last = first;
        }
        else if (iha is null)
        {
            // No initial assessment was recorded; the review cycle still runs from the start of care.
            last = period.Start;
        }
        else
        {
            return;
        }
        while (true)
        {
            var due = last.AddMonths(AgeAt(last) < 5 ? 6 : 12);
            var date = rng.Chance(ctx.Curves.RhaOnTime.At(due)) ? due.AddDays(-rng.Between(0, 60)) : due.AddDays(rng.Between(20, 150));
            if (date >= period.End || date > ctx.Horizon)
            {
                break;
            }
            _child.HealthAssessments.Add(("RHA", date));
            last = date;
        }
    }

    private void AddClaVisits(CarePeriod period)
    {
        var rng = _practice;
        var episodes = period.Episodes;
        for (var i = 0; i < episodes.Count; i++)
        {
            var ep = episodes[i];
            if (!StartsSpell(ep, i == 0))
            {
                continue;
            }
            var spellEnd = period.End;
            for (var j = i + 1; j < episodes.Count; j++)
            {
                if (StartsSpell(episodes[j], false))
                {
                    spellEnd = episodes[j].Start;
                    break;
                }
            }
            var v = ep.Start.AddDays(rng.Chance(0.88) ? rng.Between(1, 7) : rng.Between(8, 20));
            while (v < spellEnd && v <= ctx.Horizon)
            {
                if (v >= ctx.PracticeStart)
                {
                    var seen = rng.Chance(0.99);
                    var atPlacement = rng.Chance(0.97);
                    _child.Visits.Add(new VisitEvent
                    {
                        Date = v,
                        Type = "CLA",
                        Seen = seen,
                        SeenAlone = seen ? rng.Chance(0.95) : null,
                        Location = atPlacement ? "PLACEMENT" : rng.Pick(AwayFromPlacement),
                    });
                }
                v = v.AddDays(rng.Chance(ctx.Curves.ClaVisitOnTime.At(v)) ? rng.Between(18, 42) : rng.Between(43, 75));
            }
        }
    }

    private static bool StartsSpell(EpisodeEvent ep, bool first)
        => first || (ep.Reason is "S" or "P" or "B" && ep.Placement.Type[0] != 'T');

    private void AddDental(CarePeriod period)
    {
        var rng = _practice;
        var d = period.Start.AddDays(rng.Between(30, 150));
        while (d < period.End && d <= ctx.Horizon)
        {
            if (d >= ctx.PracticeStart && AgeAt(d) >= 1)
            {
                _child.DentalChecks.Add(d);
            }
            d = d.AddDays(rng.Chance(ctx.Curves.DentalOnTime.At(d)) ? rng.Between(180, 365) : rng.Between(370, 650));
        }
    }

    private void AddImmunisations(CarePeriod period)
    {
        var rng = _practice;
        var upToDate = rng.Chance(0.86);
        var first = period.Start.AddDays(rng.Between(20, 60));
        if (first < period.End && first <= ctx.Horizon && first >= ctx.PracticeStart)
        {
            AddImmunisation(first, rng.Chance(0.9) ? upToDate : !upToDate);
        }
        for (var year = period.Start.Year; ; year++)
        {
            var census = new DateOnly(year, 3, 31);
            if (census >= period.End || census > ctx.Horizon)
            {
                break;
            }
            if (census > first && census >= ctx.PracticeStart)
            {
                AddImmunisation(census, rng.Chance(0.9) ? upToDate : !upToDate);
            }
        }
    }

    private void AddImmunisation(DateOnly date, bool upToDate)
    {
        foreach (var (d, _) in _child.Immunisations)
        {
            if (d == date)
            {
                return;
            }
        }
        _child.Immunisations.Add((date, upToDate));
    }

    private void AddPeps(CarePeriod period)
    {
        var rng = _practice;
        var cal = ctx.Calendar;
        var schoolFrom = Dates.Birthday(_child.Dob, 4);
        var schoolTo = Dates.Birthday(_child.Dob, 16);
        var until = Dates.Min(period.End, schoolTo);
        if (Dates.Max(period.Start, schoolFrom) >= until)
        {
            return;
        }
        var date = period.Start >= schoolFrom
            ? (rng.Chance(ctx.Curves.PepOnTime.At(period.Start)) ? cal.AddWorkingDays(period.Start, rng.Between(3, 20)) : cal.AddWorkingDays(period.Start, rng.Between(21, 60)))
            : schoolFrom.AddDays(rng.Between(0, 60));
        var type = "INITIAL";
        while (date < until && date <= ctx.Horizon)
        {
            if (date >= ctx.PracticeStart)
            {
                _child.Peps.Add((date, type));
            }
            type = "REVIEW";
            date = date.AddDays(rng.Chance(ctx.Curves.PepOnTime.At(date)) ? rng.Between(60, 125) : rng.Between(190, 260));
        }
    }

    /// <summary>Rows for the 17th to 21st birthdays after a young person left care at 16 or over.</summary>
    private void AddCareLeaver()
    {
        var rng = _practice;
        if (_child.CarePeriods.Count == 0)
        {
            return;
        }
        // Only the latest period of care can make a care leaver.
        var last = _child.CarePeriods[^1];
        var qualifying = AgeAt(last.End) >= 16 && last.Start.DaysUntil(last.End) >= 91
            && last.Ceased is not ("E11" or "E12" or "E2" or "E3" or "E15" or "E16") ? last : null;
        if (qualifying is null || _child.Death is not null)
        {
            return;
        }
        var home = qualifying.Ceased is "E13" or "E4A" or "E4B" or "E41" or "E45" or "E46" or "E47" or "E48";
        for (var n = 17; n <= 21; n++)
        {
            var birthday = Dates.Birthday(_child.Dob, n);
            if (birthday <= qualifying.End)
            {
                continue;
            }
            if (birthday > ctx.Horizon)
            {
                break;
            }
            var row = new CareLeaverEvent { Birthday = birthday };
            row.InTouch = home && rng.Chance(0.6) ? "RHOM" : rng.PickWeighted(InTouch);
            if (row.InTouch == "YES")
            {
                var earliest = Dates.Max(birthday.AddDays(-85), qualifying.End.AddDays(1));
                var latest = Dates.Min(birthday.AddDays(30), ctx.Horizon);
                row.ContactDate = earliest <= latest ? earliest.AddDays(rng.Between(0, earliest.DaysUntil(latest))) : birthday;
                row.Activity = rng.PickWeighted(Activities);
                row.Accommodation = rng.PickWeighted(Accommodation);
                row.Suitable = row.Accommodation is not ("S" or "V" or "W" or "X" or "R") && rng.Chance(0.9);
            }
            _child.CareLeaver.Add(row);
            _child.Touch(row.ContactDate is { } cd && cd > birthday ? cd : birthday);
        }
    }
}
