using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Indicators;

/// <summary>Front-door and assessment indicators with numerators and denominators worked out by hand.</summary>
public class FrontDoorIndicatorTests
{
    private static (decimal, decimal?, decimal?) Nums(ChildrensWarehouse.Indicators.KpiRow r) => (r.Numerator!.Value, r.Denominator, r.Value);

    [Test]
    public void K03_counts_referrals_with_an_assessment_started_and_never_a_derived_one()
    {
        var x = new TestExtract();
        x.Child("A").Child("B");
        x.Row("referrals", ("referral_id", "R1"), ("child_id", "A"), ("referral_date", "2015-03-01"), ("source", "1A"));
        x.Row("referrals", ("referral_id", "R2"), ("child_id", "B"), ("referral_date", "2015-12-01"), ("source", "1A"));
        x.Row("referrals", ("referral_id", "R3"), ("child_id", "B"), ("referral_date", "2016-01-20"), ("source", "1A"));
        x.Row("assessments", ("assessment_id", "A1"), ("referral_id", "R1"), ("child_id", "A"), ("start_date", "2015-03-05"));
        x.Row("assessments", ("assessment_id", "A3"), ("referral_id", "R3"), ("child_id", "B"), ("start_date", "2016-01-25"));
        x.Row("contacts", ("contact_id", "C1"), ("child_id", "A"), ("received_at", "2015-11-02T09:00"), ("source", "1A"),
            ("decision_at", "2015-11-04T09:00"), ("outcome", "NFA"));   // late: derived referral dated 2015-11-03
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        // R12 to 2016-01-31 = [2015-02-01, 2016-01-31]: R1 (assessed), derived (never), R2 (no), R3 (assessed) = 2 of 4.
        Assert.That(Nums(run.Kpi("K03", "2016-01-31")), Is.EqualTo((2m, (decimal?)4m, (decimal?)50m)));
    }

    [Test]
    public void K04_counts_children_with_early_help_open_at_the_period_end_per_10000()
    {
        var x = new TestExtract { Population = 20000 };
        x.Child("A").Child("B").Child("C");
        x.Row("early_help", ("early_help_id", "H1"), ("child_id", "A"), ("start_date", "2015-12-01"));
        x.Row("early_help", ("early_help_id", "H2"), ("child_id", "A"), ("start_date", "2016-01-01"));   // same child twice: one child
        x.Row("early_help", ("early_help_id", "H3"), ("child_id", "B"), ("start_date", "2015-10-01"), ("end_date", "2016-01-31"));  // ended on E
        x.Row("early_help", ("early_help_id", "H4"), ("child_id", "C"), ("start_date", "2015-10-01"), ("end_date", "2016-02-01"));
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        // At 2016-01-31: A and C = 2 -> 2 / 20,000 x 10,000 = 1.
        Assert.That(Nums(run.Kpi("K04", "2016-01-31")), Is.EqualTo((2m, (decimal?)20000m, (decimal?)1m)));
    }

    [Test]
    public void K05M_K05W_and_K20_count_assessments_authorised_in_their_windows()
    {
        var x = new TestExtract();
        x.Child("A");
        x.Row("referrals", ("referral_id", "R1"), ("child_id", "A"), ("referral_date", "2015-09-01"), ("source", "1A"));
        // A1: 2015-12-16 start; 42 days -> 2016-01-27; 45 WD -> 2016-02-22 (see the calendar test). Authorised 2016-01-28: late by 42 days, in time by 45 WD.
        x.Row("assessments", ("assessment_id", "A1"), ("referral_id", "R1"), ("child_id", "A"), ("start_date", "2015-12-16"), ("authorised_date", "2016-01-28"), ("outcome", "NFA"));
        // A2: 2016-01-04 start, authorised 2016-01-10: in time both ways, CIN_PLAN.
        x.Row("assessments", ("assessment_id", "A2"), ("referral_id", "R1"), ("child_id", "A"), ("start_date", "2016-01-04"), ("authorised_date", "2016-01-10"), ("outcome", "CIN_PLAN"));
        // A3: 2015-09-01 start, authorised 2015-11-30 (90 days, 64 WD): late both ways, NFA. December has nothing.
        x.Row("assessments", ("assessment_id", "A3"), ("referral_id", "R1"), ("child_id", "A"), ("start_date", "2015-09-01"), ("authorised_date", "2015-11-30"), ("outcome", "NFA"));
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        // K05M January: A1 (late), A2 (in time) = 1 of 2. December: none.
        Assert.That(Nums(run.Kpi("K05M", "2016-01-31")), Is.EqualTo((1m, (decimal?)2m, (decimal?)50m)));
        Assert.That(Nums(run.Kpi("K05M", "2015-12-31")), Is.EqualTo((0m, (decimal?)0m, (decimal?)null)));
        // K05W YTD to 2016-01-31: A1 (in time by 45 WD), A2 (in time), A3 (late) = 2 of 3 = 66.6667.
        Assert.That(Nums(run.Kpi("K05W", "2016-01-31")), Is.EqualTo((2m, (decimal?)3m, (decimal?)66.6667m)));
        // K20 YTD: NFA outcomes A1 and A3 = 2 of 3.
        Assert.That(Nums(run.Kpi("K20", "2016-01-31")), Is.EqualTo((2m, (decimal?)3m, (decimal?)66.6667m)));
    }

    [Test]
    public void K06_counts_year_to_date_referrals_with_another_referral_in_the_12_months_before()
    {
        var x = new TestExtract();
        x.Child("A").Child("B").Child("C");
        x.Row("referrals", ("referral_id", "A1"), ("child_id", "A"), ("referral_date", "2015-01-15"), ("source", "1A"), ("closure_date", "2015-02-01"));
        x.Row("referrals", ("referral_id", "A2"), ("child_id", "A"), ("referral_date", "2016-01-15"), ("source", "1A"));   // exactly 12 months: re-referral
        x.Row("referrals", ("referral_id", "B1"), ("child_id", "B"), ("referral_date", "2015-01-15"), ("source", "1A"), ("closure_date", "2015-02-01"));
        x.Row("referrals", ("referral_id", "B2"), ("child_id", "B"), ("referral_date", "2016-01-16"), ("source", "1A"));   // a day later: not
        x.Row("referrals", ("referral_id", "C1"), ("child_id", "C"), ("referral_date", "2015-04-01"), ("source", "1A"));   // first day of the year
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        // YTD to 2016-01-31 = [2015-04-01, 2016-01-31]: A2 (re), B2, C1 = 1 of 3 = 33.3333.
        Assert.That(Nums(run.Kpi("K06", "2016-01-31")), Is.EqualTo((1m, (decimal?)3m, (decimal?)33.3333m)));
        // YTD to 2015-03-31 holds A1 and B1 only, neither a re-referral.
        Assert.That(Nums(run.Kpi("K06", "2015-03-31")), Is.EqualTo((0m, (decimal?)2m, (decimal?)0m)));
    }

    [Test]
    public void K21_counts_s47_enquiries_started_in_the_rolling_12_months_and_K29_children_open_at_the_period_end()
    {
        var x = new TestExtract { Population = 10000 };
        x.Child("A").Child("B");
        x.Row("referrals", ("referral_id", "R1"), ("child_id", "A"), ("referral_date", "2015-01-10"), ("source", "1A"));
        x.Row("referrals", ("referral_id", "R2"), ("child_id", "A"), ("referral_date", "2015-06-10"), ("source", "1A"));
        x.Row("referrals", ("referral_id", "R3"), ("child_id", "B"), ("referral_date", "2015-06-10"), ("source", "1A"), ("closure_date", "2016-01-31"));
        x.Row("s47_enquiries", ("s47_id", "S1"), ("referral_id", "R1"), ("child_id", "A"), ("start_date", "2015-01-31"));
        x.Row("s47_enquiries", ("s47_id", "S2"), ("referral_id", "R1"), ("child_id", "A"), ("start_date", "2015-02-01"));
        x.Row("s47_enquiries", ("s47_id", "S3"), ("referral_id", "R3"), ("child_id", "B"), ("start_date", "2016-01-31"));
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        // K21 R12 [2015-02-01, 2016-01-31]: S2, S3 = 2 -> 2 / 10,000 x 10,000 = 2.
        Assert.That(Nums(run.Kpi("K21", "2016-01-31")), Is.EqualTo((2m, (decimal?)10000m, (decimal?)2m)));
        // K29 at 2016-01-31: A (R1, R2 open) = 1 child; B's referral closed on E. Count: no denominator.
        Assert.That(Nums(run.Kpi("K29", "2016-01-31")), Is.EqualTo((1m, (decimal?)null, (decimal?)1m)));
        Assert.That(Nums(run.Kpi("K29", "2015-12-31")), Is.EqualTo((2m, (decimal?)null, (decimal?)2m)));
    }
}
