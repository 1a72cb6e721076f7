namespace ChildrensWarehouse.Seeds;

internal sealed partial class ChildSimulator
{
    private enum Step
    {
        Close,
        CinPlan,
        Enquiry,
        CpPlan,
        Care,
    }

    private readonly List<(DateOnly Date, ServiceArea? Area)> _areas = [];

    /// <summary>
    /// One referral (a CIN episode) from its date to its closure: assessment, then a sequence of
    /// steps (CIN plan, s47 enquiry, CP plan, care) until the case closes. Returns the true closure
    /// date (possibly after the horizon), or null when the case is still running far beyond it.
    /// </summary>
    private DateOnly? RunReferral(ContactEvent contact, DateOnly date, bool forcedCare, DateOnly? careStart = null)
    {
        var rng = _case;
        var child = _child;
        var referral = new ReferralEvent
        {
            Contact = contact,
            Date = date,
            Source = contact.Source,
            Need = child.Uasc ? "N8" : child.Disabled && rng.Chance(0.5) ? "N2" : rng.PickWeighted(Needs),
        };
        child.Referrals.Add(referral);
        child.Touch(Dates.Min(date, ctx.Horizon));
        _areas.Clear();
        _areas.Add((date, ServiceArea.Assessment));

        var farFuture = ctx.Horizon.AddDays(500);
        DateOnly at;
        Step next;
        var closeReason = "RC7";
        var drift = true;

        var assessed = forcedCare || rng.Chance(0.93);
        if (!assessed)
        {
            at = date.AddDays(rng.Between(1, 15));
            next = Step.Close;
        }
        else
        {
            var start = ctx.Calendar.OnOrAfter(date.AddDays(rng.Between(0, 3)));
            var timely = rng.Chance(ctx.Curves.AssessmentIn42Days.At(start.AddDays(35)));
            var days = timely ? Math.Max(5, 42 - (int)rng.Exponential(12)) : rng.Between(43, 100);
            var assessment = new AssessmentEvent
            {
                Referral = referral,
                Start = start,
                Authorised = start.AddDays(days),
                Factors = Factors(rng),
            };
            child.Assessments.Add(assessment);
            assessment.Outcome = forcedCare ? "LOOKED_AFTER" : AssessmentOutcome(start);
            at = assessment.Authorised;
            switch (assessment.Outcome)
            {
                case "NFA":
                    next = Step.Close;
                    closeReason = "RC8";
                    break;
                case "EARLY_HELP":
                    next = Step.Close;
                    closeReason = "RC8";
                    AddEarlyHelp(at.AddDays(rng.Between(0, 14)), rng);
                    break;
                case "CIN_PLAN":
                    next = Step.CinPlan;
                    break;
                case "S47":
                case "CP_CONFERENCE":
                    next = Step.Enquiry;
                    at = start.AddDays(rng.Between(0, Math.Min(7, days)));
                    break;
                default:
                    next = Step.Care;
                    // Emergency removals start during the assessment; planned ones after it.
                    at = careStart ?? (rng.Chance(0.45) ? start.AddDays(rng.Between(0, 3)) : at.AddDays(rng.Between(0, 14)));
                    break;
            }
        }

        var cpConference = child.Assessments.Count > 0 && child.Assessments[^1].Referral == referral && child.Assessments[^1].Outcome == "CP_CONFERENCE";
        for (var guard = 0; guard < 30 && next != Step.Close; guard++)
        {
            if (at > farFuture || child.Death is not null || at >= Adulthood)
            {
                break;
            }
            switch (next)
            {
                case Step.CinPlan:
                    {
                        _areas.Add((at, ServiceArea.FamilySupport));
                        var median = referral.Need == "N2" ? 420 : 170;
                        var days = (int)Math.Clamp(rng.LogNormal(median, 0.65), 30, 1500);
                        var plan = new PlanEvent { Referral = referral, Start = at, End = ClampToAdulthood(at, at.AddDays(days)) };
                        child.CinPlans.Add(plan);
                        if (referral.Need == "N2" && rng.Chance(0.5))
                        {
                            AddShortBreaks(plan.Start.AddDays(30), plan.End);
                        }
                        at = plan.End;
                        var x = rng.NextDouble();
                        var careP = 0.035 * ctx.Curves.CareEntry.At(at);
                        next = x < careP ? Step.Care : x < careP + 0.06 ? Step.Enquiry : Step.Close;
                        if (next == Step.Close && rng.Chance(0.2))
                        {
                            AddEarlyHelp(at.AddDays(rng.Between(0, 10)), rng);
                        }
                        break;
                    }
                case Step.Enquiry:
                    {
                        var s47 = new S47Event { Referral = referral, Start = at };
                        s47.Strategy = at.AddDays(-rng.Between(0, 1));
                        s47.IcpcRequired = cpConference || rng.Chance(0.40);
                        cpConference = false;
                        var enquiryEnd = at.AddDays(rng.Between(5, 30));
                        if (s47.IcpcRequired)
                        {
                            var icpc = ctx.Calendar.AddWorkingDays(s47.Strategy, rng.Chance(0.78) ? rng.Between(6, 15) : rng.Between(16, 28));
                            s47.Icpc = icpc;
                            enquiryEnd = Dates.Min(enquiryEnd, icpc);
                        }
                        s47.End = enquiryEnd;
                        child.S47s.Add(s47);
                        if (s47.IcpcRequired && rng.Chance(0.85))
                        {
                            s47.Outcome = "CP_PLAN";
                            at = s47.Icpc!.Value;
                            next = Step.CpPlan;
                        }
                        else if (rng.Chance(0.45))
                        {
                            s47.Outcome = "CIN_PLAN";
                            at = enquiryEnd;
                            next = Step.CinPlan;
                        }
                        else
                        {
                            s47.Outcome = "NFA";
                            at = enquiryEnd;
                            next = Step.Close;
                        }
                        break;
                    }
                case Step.CpPlan:
                    {
                        _areas.Add((at, ServiceArea.FamilySupport));
                        var (plan, toCare) = RunCpPlan(referral, at);
                        at = plan.End;
                        next = toCare ? Step.Care : rng.Chance(0.55) ? Step.CinPlan : Step.Close;
                        break;
                    }
                case Step.Care:
                    {
                        if (child.InCareAt(at) || (child.CarePeriods.Count > 0 && child.CarePeriods[^1].End > at))
                        {
                            next = Step.Close;
                            break;
                        }
                        _areas.Add((Dates.Max(at, child.Dob), ServiceArea.ChildrenInCare));
                        var period = RunCare(at);
                        var sixteen = Dates.Birthday(child.Dob, 16);
                        if (sixteen > period.Start && sixteen < period.End)
                        {
                            _areas.Add((sixteen, ServiceArea.LeavingCare));
                        }
                        at = period.End;
                        switch (period.Ceased)
                        {
                            case "E11" or "E12":
                                closeReason = "RC1";
                                drift = false;
                                next = Step.Close;
                                break;
                            case "E45" or "E46":
                                closeReason = "RC4";
                                drift = false;
                                next = Step.Close;
                                break;
                            case "E41" or "E47" or "E48":
                                closeReason = "RC3";
                                drift = false;
                                next = Step.Close;
                                break;
                            case "E2":
                                closeReason = "RC2";
                                drift = false;
                                next = Step.Close;
                                break;
                            case "E3":
                                closeReason = "RC5";
                                drift = false;
                                next = Step.Close;
                                break;
                            case "E13" or "E4A" or "E4B" when AgeAt(at) < 17 && rng.Chance(0.5):
                                next = Step.CinPlan;
                                break;
                            default:
                                closeReason = period.End >= Adulthood && rng.Chance(0.3) ? "RC6" : "RC7";
                                drift = period.End < Adulthood;
                                next = Step.Close;
                                break;
                        }
                        break;
                    }
            }
        }

        DateOnly? closure;
        if (next != Step.Close || at > farFuture)
        {
            closure = null;
        }
        else
        {
            if (child.Death is { } died)
            {
                at = died;
                closeReason = "RC2";
                drift = false;
            }
            closure = drift ? Drift(at) : at.AddDays(rng.Between(0, 14));
            if (closure > Adulthood && at <= Adulthood)
            {
                closure = Dates.Max(at, Adulthood);
            }
        }
        referral.Closure = closure;
        referral.ClosureReason = closeReason;
        var end = closure ?? farFuture;
        child.Touch(Dates.Min(end, ctx.Horizon));
        AddIncidentalContacts(date.AddDays(14), child.Death is { } death && death < end ? death : end);
        AddHoldings(end);
        return closure;
    }

    private string AssessmentOutcome(DateOnly start)
    {
        var rng = _case;
        var age = AgeAt(start);
        var careP = 0.06 * ctx.Curves.CareEntry.At(start) * (age < 1 ? 1.8 : age >= 16 ? 0.8 : 1.0);
        if (start < _child.Dob)
        {
            return rng.PickWeighted(new[] { ("NFA", 0.25), ("CIN_PLAN", 0.30), ("S47", 0.23), ("CP_CONFERENCE", 0.14), ("LOOKED_AFTER", careP * 1.3) });
        }
        var x = rng.NextDouble();
        if (x < careP)
        {
            return "LOOKED_AFTER";
        }
        x -= careP;
        return x < 0.12 ? "EARLY_HELP" : x < 0.39 ? "CIN_PLAN" : x < 0.54 ? "S47" : x < 0.57 ? "CP_CONFERENCE" : "NFA";
    }

    private static string Factors(Random rng)
    {
        var n = rng.Between(1, 4);
        var picked = new SortedSet<int>();
        while (picked.Count < n)
        {
            picked.Add(rng.Next(FactorCodes.Length));
        }
        return string.Join(";", picked.Select(i => FactorCodes[i]));
    }

    /// <summary>A finished case drifts open until the closure practice of the day catches up with it.</summary>
    private DateOnly Drift(DateOnly end)
    {
        var rng = _case;
        var f = rng.Uniform(0.2, 1.8);
        var x = end.AddDays(rng.Between(0, 4));
        while (x.DayNumber - end.DayNumber < ctx.Curves.ClosureDriftDays.At(x) * f)
        {
            x = x.AddDays(3);
        }
        return x;
    }

    private (PlanEvent Plan, bool ToCare) RunCpPlan(ReferralEvent referral, DateOnly start)
    {
        var rng = _case;
        var plan = new PlanEvent { Referral = referral, Start = start, Category = rng.PickWeighted(CpCategories) };
        _child.CpPlans.Add(plan);
        var intended = start.AddDays((int)Math.Clamp(rng.LogNormal(260, 0.6), 60, 1300));
        var toCare = rng.Chance(0.12 * ctx.Curves.CareEntry.At(start));
        var careDate = toCare ? start.AddDays(rng.Between(14, Math.Max(15, start.DaysUntil(intended)))) : DateOnly.MaxValue;
        var due = start.AddMonths(3);
        var last = start;
        var limit = ctx.Horizon.AddDays(500);
        while (true)
        {
            DateOnly review;
            if (rng.Chance(ctx.Curves.CpReviewOnTime.At(due)))
            {
                review = due.AddDays(-rng.Between(0, 21));
            }
            else
            {
                review = due.AddDays(rng.Between(1, 30));
            }
            if (review <= last)
            {
                review = last.AddDays(1);
            }
            if (review >= careDate)
            {
                plan.End = careDate;
                return (plan, true);
            }
            plan.Reviews.Add((review, rng.Chance(0.92)));
            if (review >= intended || review > limit || review >= Adulthood)
            {
                plan.End = ClampToAdulthood(start, review);
                return (plan, false);
            }
            last = review;
            due = review.AddMonths(6);
        }
    }

    private DateOnly ClampToAdulthood(DateOnly start, DateOnly end)
    {
        var adult = Adulthood;
        if (end <= adult)
        {
            return end;
        }
        return adult > start ? adult : start.AddDays(1);
    }

    private void AddHoldings(DateOnly end)
    {
        var child = _child;
        _areas.Sort((a, b) => a.Date.CompareTo(b.Date));
        for (var i = 0; i < _areas.Count; i++)
        {
            var (from, area) = _areas[i];
            var to = i + 1 < _areas.Count ? _areas[i + 1].Date : end;
            if (to > end)
            {
                to = end;
            }
            if (area is not { } a || to <= from)
            {
                continue;
            }
            if (child.Holdings.Count > 0 && child.Holdings[^1].Area == a && child.Holdings[^1].End == from)
            {
                child.Holdings[^1] = child.Holdings[^1] with { End = to };
            }
            else
            {
                child.Holdings.Add(new Holding(a, from, to));
            }
        }
        // After a period of care the case returns to family support until closure.
        _areas.Clear();
    }

    private void AddShortBreaks(DateOnly from, DateOnly to)
    {
        var rng = _care;
        var last = to < Adulthood ? to : Adulthood;
        var legal = rng.Chance(0.85) ? "V4" : "V3";
        var placement = new Placement
        {
            Type = rng.PickWeighted(new[] { ("K2", 0.5), ("U6", 0.3), ("U4", 0.2) }),
            Provider = "PR1",
            Postcode = rng.Pick(ctx.Council.LocalDistricts),
        };
        var d = from;
        while (d < last && d <= ctx.Horizon)
        {
            var nights = rng.Between(1, 3);
            var end = d.AddDays(nights);
            if (end > last)
            {
                break;
            }
            _child.ShortBreaks.Add(new EpisodeEvent { Start = d, End = end, Legal = legal, Reason = "S", Placement = placement, Ceased = "E13" });
            d = end.AddDays(rng.Between(18, 45));
        }
    }
}
