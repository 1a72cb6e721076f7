using ChildrensWarehouse.Derivation;

namespace ChildrensWarehouse.Indicators;

/// <summary>Front door and assessment indicators (KPIS.md).</summary>
internal static class FrontDoor
{
    /// <summary>K01: contacts received in the month; numerator: progressed to referral (outcome, named, or R-CONTACT-AUTOREF).</summary>
    public static void ContactsProgressingToReferral(ChildFacts f, IndicatorCalculator k)
    {
        foreach (var c in f.Contacts)
        {
            var i = k.Periods.MonthIndexOf(DateOnly.FromDateTime(c.Contact.ReceivedAt));
            if (i >= 0) k.Count(i, c.ProgressedToReferral, c.Contact.ContactId, DateOnly.FromDateTime(c.WindowEnd));
        }
    }

    /// <summary>K01T: contacts received in the month that are decided or whose window has ended; numerator: decided in time.</summary>
    public static void ContactsDecidedInTime(ChildFacts f, IndicatorCalculator k)
    {
        foreach (var c in f.Contacts)
        {
            if (c.Contact.DecisionAt is null && !c.WindowEnded) continue;
            var i = k.Periods.MonthIndexOf(DateOnly.FromDateTime(c.Contact.ReceivedAt));
            if (i >= 0) k.Count(i, c.DecidedInTime, c.Contact.ContactId, DateOnly.FromDateTime(c.WindowEnd));
        }
    }

    /// <summary>K02: referrals (actual and derived) dated in the rolling 12 months.</summary>
    public static void ReferralsPer10000(ChildFacts f, IndicatorCalculator k)
    {
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            var e = k.MonthEnds[i];
            var start = ReportingPeriods.Rolling12Start(e);
            foreach (var r in f.Referrals.Where(r => ReportingPeriods.InWindow(r.ReferralDate, start, e))) k.AddNumerator(i, 1, r.ReferralId);
        }
    }

    /// <summary>K03: referrals dated in the rolling 12 months; numerator: with an assessment started on or before as-at.</summary>
    public static void ReferralsProgressingToAssessment(ChildFacts f, IndicatorCalculator k)
    {
        var assessed = f.Case.Assessments.Select(a => a.ReferralId).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            var e = k.MonthEnds[i];
            var start = ReportingPeriods.Rolling12Start(e);
            foreach (var r in f.Referrals.Where(r => ReportingPeriods.InWindow(r.ReferralDate, start, e)))
            {
                k.Count(i, !r.IsDerived && assessed.Contains(r.ReferralId), r.ReferralId);
            }
        }
    }

    private static void AuthorisedInWindow(ChildFacts f, IndicatorCalculator k, Func<DateOnly, DateOnly> windowStart, Func<AssessmentFact, bool> numerator,
        Func<AssessmentFact, DateOnly?> due)
    {
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            var e = k.MonthEnds[i];
            var start = windowStart(e);
            foreach (var a in f.Assessments)
            {
                if (a.Assessment.AuthorisedDate is { } authorised && ReportingPeriods.InWindow(authorised, start, e))
                {
                    k.Count(i, numerator(a), a.Assessment.AssessmentId, due(a));
                }
            }
        }
    }

    /// <summary>K05: assessments authorised in the year to date; numerator: authorised_date &lt;= start_date + 42 days.</summary>
    public static void AssessmentsWithin42DaysYtd(ChildFacts f, IndicatorCalculator k) =>
        AuthorisedInWindow(f, k, ReportingPeriods.YearToDateStart, a => a.WithinCalendarLimit == true, a => a.DueCalendar);

    /// <summary>K05M: as K05, authorised in the month.</summary>
    public static void AssessmentsWithin42DaysMonth(ChildFacts f, IndicatorCalculator k) =>
        AuthorisedInWindow(f, k, ReportingPeriods.MonthStart, a => a.WithinCalendarLimit == true, a => a.DueCalendar);

    /// <summary>K05W: as K05; numerator: authorised within 45 working days.</summary>
    public static void AssessmentsWithin45WorkingDays(ChildFacts f, IndicatorCalculator k) =>
        AuthorisedInWindow(f, k, ReportingPeriods.YearToDateStart, a => a.WithinWorkingDayLimit == true, a => a.DueWorkingDays);

    /// <summary>K20: assessments authorised in the year to date; numerator: outcome NFA.</summary>
    public static void AssessmentsEndingInNfa(ChildFacts f, IndicatorCalculator k) =>
        AuthorisedInWindow(f, k, ReportingPeriods.YearToDateStart, a => a.Assessment.Outcome == "NFA", _ => null);

    /// <summary>K06: referrals dated in the year to date; numerator: the child has another referral dated in [date - 12 months, date).</summary>
    public static void ReReferrals(ChildFacts f, IndicatorCalculator k)
    {
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            var e = k.MonthEnds[i];
            var start = ReportingPeriods.YearToDateStart(e);
            foreach (var r in f.Referrals.Where(r => ReportingPeriods.InWindow(r.ReferralDate, start, e)))
            {
                k.Count(i, r.IsReReferral, r.ReferralId);
            }
        }
    }

    /// <summary>K04: distinct children with an early help episode open at E (assessment_date not used).</summary>
    public static void EarlyHelpPer10000(ChildFacts f, IndicatorCalculator k)
    {
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            if (f.Case.EarlyHelp.FirstOrDefault(h => h.IsOpenAt(k.MonthEnds[i])) is { } h) k.AddNumerator(i, 1, h.EarlyHelpId);
        }
    }

    /// <summary>K21: section 47 enquiries started in the rolling 12 months.</summary>
    public static void S47Per10000(ChildFacts f, IndicatorCalculator k)
    {
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            var e = k.MonthEnds[i];
            var start = ReportingPeriods.Rolling12Start(e);
            foreach (var s in f.S47Enquiries.Where(s => ReportingPeriods.InWindow(s.Enquiry.StartDate, start, e))) k.AddNumerator(i, 1, s.Enquiry.S47Id);
        }
    }

    /// <summary>K29: distinct children with a referral (actual or derived) open at E.</summary>
    public static void ChildrenOpenToSocialCare(ChildFacts f, IndicatorCalculator k)
    {
        for (var i = 0; i < k.MonthEnds.Count; i++)
        {
            if (f.Referrals.FirstOrDefault(r => r.IsOpenAt(k.MonthEnds[i])) is { } r) k.AddNumerator(i, 1, r.ReferralId);
        }
    }
}
