using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Indicators;

/// <summary>Child protection indicators with numerators and denominators worked out by hand.</summary>
public class ChildProtectionIndicatorTests
{
    private static (decimal, decimal?, decimal?) Nums(ChildrensWarehouse.Indicators.KpiRow r) => (r.Numerator!.Value, r.Denominator, r.Value);

    private static TestExtract Plans()
    {
        var x = new TestExtract { Population = 40000 };
        foreach (var c in new[] { "A", "B", "C", "D" }) x.Child(c);
        foreach (var c in new[] { "A", "B", "C", "D" })
        {
            x.Row("referrals", ("referral_id", "R" + c), ("child_id", c), ("referral_date", "2013-01-01"), ("source", "1A"));
        }
        // A: an earlier plan (2013) ended 2013-12-01, then a plan from 2015-11-02 (subsequent). Visits: seen 2015-12-15.
        x.Row("cp_plans", ("cp_plan_id", "PA0"), ("referral_id", "RA"), ("child_id", "A"), ("start_date", "2013-06-01"), ("end_date", "2013-12-01"), ("category", "NEGLECT"));
        x.Row("cp_reviews", ("cp_review_id", "VA0"), ("cp_plan_id", "PA0"), ("review_date", "2013-08-20"));
        x.Row("cp_plans", ("cp_plan_id", "PA1"), ("referral_id", "RA"), ("child_id", "A"), ("start_date", "2015-11-02"), ("category", "NEGLECT"));
        x.Row("visits", ("visit_id", "VA1"), ("child_id", "A"), ("visit_date", "2015-12-15"), ("visit_type", "CP"), ("seen", "Y"));
        // B: plan from 2015-11-02 (first). Seen 2015-12-14; not seen 2015-12-20.
        x.Row("cp_plans", ("cp_plan_id", "PB"), ("referral_id", "RB"), ("child_id", "B"), ("start_date", "2015-11-02"), ("category", "PHYSICAL"));
        x.Row("visits", ("visit_id", "VB1"), ("child_id", "B"), ("visit_date", "2015-12-14"), ("visit_type", "CP"), ("seen", "Y"));
        x.Row("visits", ("visit_id", "VB2"), ("child_id", "B"), ("visit_date", "2015-12-20"), ("visit_type", "CP"), ("seen", "N"));
        // C: plan 2013-05-01 to 2015-05-01 (exactly 24 months): reviews 2013-07-25 (due 2013-08-01, met), 2014-01-30 (due 2014-01-25, late),
        // then chain stops at obligation 3 (due 2014-07-30, not held, reported then).
        x.Row("cp_plans", ("cp_plan_id", "PC"), ("referral_id", "RC"), ("child_id", "C"), ("start_date", "2013-05-01"), ("end_date", "2015-05-01"), ("category", "EMOTIONAL"));
        x.Row("cp_reviews", ("cp_review_id", "VC1"), ("cp_plan_id", "PC"), ("review_date", "2013-07-25"));
        x.Row("cp_reviews", ("cp_review_id", "VC2"), ("cp_plan_id", "PC"), ("review_date", "2014-01-30"));
        // D: plan 2014-06-10 to 2016-01-15 (19 months): reviews 2014-09-10 (due 2014-09-10, met), 2015-03-01 (due 2015-03-10, met),
        // 2015-09-01 (due 2015-09-01, met); obligation 4 due 2016-03-01 but the plan ended before: none.
        x.Row("cp_plans", ("cp_plan_id", "PD"), ("referral_id", "RD"), ("child_id", "D"), ("start_date", "2014-06-10"), ("end_date", "2016-01-15"), ("category", "SEXUAL"));
        x.Row("cp_reviews", ("cp_review_id", "VD1"), ("cp_plan_id", "PD"), ("review_date", "2014-09-10"));
        x.Row("cp_reviews", ("cp_review_id", "VD2"), ("cp_plan_id", "PD"), ("review_date", "2015-03-01"));
        x.Row("cp_reviews", ("cp_review_id", "VD3"), ("cp_plan_id", "PD"), ("review_date", "2015-09-01"));
        return x;
    }

    [Test]
    public void K07_counts_distinct_children_on_a_plan_at_the_period_end_per_10000()
    {
        using var dir = new TempDir();
        var run = Pipelines.Run(Plans(), dir);
        // 2015-12-31: A, B, D = 3 -> 3 / 40,000 x 10,000 = 0.75. 2016-01-31: A, B (D ended 2016-01-15) = 0.5.
        Assert.That(Nums(run.Kpi("K07", "2015-12-31")), Is.EqualTo((3m, (decimal?)40000m, (decimal?)0.75m)));
        Assert.That(Nums(run.Kpi("K07", "2016-01-31")), Is.EqualTo((2m, (decimal?)40000m, (decimal?)0.5m)));
    }

    [Test]
    public void K08_reports_each_review_obligation_in_the_month_of_its_review_or_its_due_date()
    {
        using var dir = new TempDir();
        var run = Pipelines.Run(Plans(), dir);
        // A's plan PA1 from 2015-11-02: due 2016-02-02, after as-at. B likewise. July 2014: C's obligation 3 reported at its due date 2014-07-30, missed.
        Assert.That(Nums(run.Kpi("K08", "2014-07-31")), Is.EqualTo((0m, (decimal?)1m, (decimal?)0m)));
        // September 2014: D's review 1 on its due date: met. March 2015: D review 2 (met). September 2015: D review 3 (met).
        Assert.That(Nums(run.Kpi("K08", "2014-09-30")), Is.EqualTo((1m, (decimal?)1m, (decimal?)100m)));
        Assert.That(Nums(run.Kpi("K08", "2015-09-30")), Is.EqualTo((1m, (decimal?)1m, (decimal?)100m)));
        // February 2016 (to the as-at date 2016-02-01): nothing reported; A's and B's first reviews fall due 2016-02-02.
        Assert.That(Nums(run.Kpi("K08", "2016-02-01")), Is.EqualTo((0m, (decimal?)0m, (decimal?)null)));
    }

    [Test]
    public void K09_counts_children_whose_latest_seen_visit_is_within_10_working_days_of_the_period_end()
    {
        using var dir = new TempDir();
        var run = Pipelines.Run(Plans(), dir);
        // 2015-12-31: A (plan 2015-11-02, first visit due 2015-11-16 <= E) seen 2015-12-15 -> due 2015-12-31: on time;
        // B seen 2015-12-14 -> due 2015-12-30: late (the 12-20 visit did not see the child); D on a plan since 2014, no visits: late.
        Assert.That(Nums(run.Kpi("K09", "2015-12-31")), Is.EqualTo((1m, (decimal?)3m, (decimal?)33.3333m)));
        // 2016-01-31: A and B, both last seen in December: 0 of 2 (D's plan ended).
        Assert.That(Nums(run.Kpi("K09", "2016-01-31")), Is.EqualTo((0m, (decimal?)2m, (decimal?)0m)));
    }

    [Test]
    public void K19_counts_plans_started_this_year_for_children_with_an_earlier_plan_at_any_time()
    {
        using var dir = new TempDir();
        var run = Pipelines.Run(Plans(), dir);
        // YTD to 2016-01-31 (from 2015-04-01): PA1 (A had PA0 in 2013: subsequent) and PB (first) = 1 of 2.
        Assert.That(Nums(run.Kpi("K19", "2016-01-31")), Is.EqualTo((1m, (decimal?)2m, (decimal?)50m)));
    }

    [Test]
    public void K23_counts_plans_ended_this_year_that_lasted_24_months_or_more()
    {
        using var dir = new TempDir();
        var run = Pipelines.Run(Plans(), dir);
        // YTD to 2016-01-31: PC ended 2015-05-01 after exactly 24 months (counts); PD ended 2016-01-15 after 19 months = 1 of 2.
        Assert.That(Nums(run.Kpi("K23", "2016-01-31")), Is.EqualTo((1m, (decimal?)2m, (decimal?)50m)));
        // YTD to 2015-04-30: nothing ended.
        Assert.That(Nums(run.Kpi("K23", "2015-04-30")), Is.EqualTo((0m, (decimal?)0m, (decimal?)null)));
    }

    [Test]
    public void K22_takes_the_latest_assessment_and_leaves_out_children_on_a_CP_plan_or_looked_after()
    {
        var x = new TestExtract();
        foreach (var c in new[] { "A", "B", "C", "D", "E" })
        {
            x.Child(c);
            x.Row("referrals", ("referral_id", "R" + c), ("child_id", c), ("referral_date", "2015-06-01"), ("source", "1A"));
        }
        (string, string?)[] Assess(string id, string child, string start, string authorised, string outcome) =>
            [("assessment_id", id), ("referral_id", "R" + child), ("child_id", child), ("start_date", start), ("authorised_date", authorised), ("outcome", outcome)];
        // A: latest CIN_PLAN, with a CIN plan open: in both.
        x.Row("assessments", Assess("A1", "A", "2015-06-02", "2015-07-01", "CIN_PLAN"));
        x.Row("cin_plans", ("cin_plan_id", "CA"), ("referral_id", "RA"), ("child_id", "A"), ("start_date", "2015-07-05"));
        // B: earlier CIN_PLAN, later NFA: out.
        x.Row("assessments", Assess("B1", "B", "2015-06-02", "2015-07-01", "CIN_PLAN"));
        x.Row("assessments", Assess("B2", "B", "2015-08-01", "2015-09-01", "NFA"));
        // C: two authorised the same day; tie broken by the later start (C2: CIN_PLAN). No CIN plan: denominator only.
        x.Row("assessments", Assess("C1", "C", "2015-06-02", "2015-09-01", "NFA"));
        x.Row("assessments", Assess("C2", "C", "2015-06-03", "2015-09-01", "CIN_PLAN"));
        // D: CIN_PLAN but on a CP plan at E: out.
        x.Row("assessments", Assess("D1", "D", "2015-06-02", "2015-07-01", "CIN_PLAN"));
        x.Row("cp_plans", ("cp_plan_id", "PD"), ("referral_id", "RD"), ("child_id", "D"), ("start_date", "2015-08-01"), ("category", "NEGLECT"));
        // E: CIN_PLAN but looked after at E: out.
        x.Row("assessments", Assess("E1", "E", "2015-06-02", "2015-07-01", "CIN_PLAN"));
        x.Row("cla_episodes", ("episode_id", "EE"), ("child_id", "E"), ("start_date", "2015-10-01"), ("legal_status", "C2"), ("reason_new_episode", "S"), ("placement_type", "U1"));
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        // 2016-01-31: A and C in the denominator; A has a CIN plan open = 1 of 2.
        Assert.That(Nums(run.Kpi("K22", "2016-01-31")), Is.EqualTo((1m, (decimal?)2m, (decimal?)50m)));
        // 2015-07-31: A, B, D, E have CIN_PLAN as latest (C's authorised later): D's plan and E's care had not started;
        // CIN plan open only for A = 1 of 4.
        Assert.That(Nums(run.Kpi("K22", "2015-07-31")), Is.EqualTo((1m, (decimal?)4m, (decimal?)25m)));
    }
}
