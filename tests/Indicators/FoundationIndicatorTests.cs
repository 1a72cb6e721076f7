using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Indicators;

/// <summary>K01, K01T, K02, K05, K10 on hand-made timelines; every expected number is worked out in the comments.</summary>
public class FoundationIndicatorTests
{
    private static TestExtract FrontDoorTimeline()
    {
        var x = new TestExtract();
        x.Child("A").Child("B").Child("C").Child("D");
        // Population: mid-year 2014 = 40,000 and 2015 = 50,000 (used from 30 June 2015).
        x.Row("population", ("la_code", "874"), ("mid_year", "2014"), ("age_0_17", "40000"));
        x.Row("population", ("la_code", "874"), ("mid_year", "2015"), ("age_0_17", "50000"));
        // January 2016 contacts of child A (as-at 2016-02-01 06:00).
        x.Row("contacts", ("contact_id", "C1"), ("child_id", "A"), ("received_at", "2016-01-10T09:00:00"), ("source", "1A"),
            ("decision_at", "2016-01-11T08:59:00"), ("outcome", "NFA"));          // 23h59: in time, NFA
        x.Row("contacts", ("contact_id", "C2"), ("child_id", "A"), ("received_at", "2016-01-10T09:00:00"), ("source", "1A"),
            ("decision_at", "2016-01-11T09:01:00"), ("outcome", "NFA"));          // 24h01: late -> derived referral dated 2016-01-11
        x.Row("contacts", ("contact_id", "C3"), ("child_id", "A"), ("received_at", "2016-01-31T07:00:00"), ("source", "1A")); // window ends 02-01 07:00 > as-at: not yet
        x.Row("contacts", ("contact_id", "C4"), ("child_id", "A"), ("received_at", "2016-01-31T05:00:00"), ("source", "1A")); // window ended 02-01 05:00: derived referral dated 2016-02-01
        x.Row("contacts", ("contact_id", "C5"), ("child_id", "A"), ("received_at", "2016-01-20T10:00:00"), ("source", "5A"),
            ("decision_at", "2016-01-20T12:00:00"), ("outcome", "REFERRAL"));     // named by R5
        x.Row("contacts", ("contact_id", "C6"), ("child_id", "A"), ("received_at", "2016-01-15T10:00:00"), ("source", "1A"),
            ("decision_at", "2016-01-16T10:00:00"), ("outcome", "ADVICE"));       // exactly 24h: in time
        x.Row("referrals", ("referral_id", "R5"), ("child_id", "A"), ("contact_id", "C5"), ("referral_date", "2016-01-20"), ("source", "5A"));
        x.Row("referrals", ("referral_id", "R0"), ("child_id", "B"), ("referral_date", "2015-01-31"), ("source", "1A"), ("closure_date", "2015-02-10"));
        x.Row("referrals", ("referral_id", "R6"), ("child_id", "B"), ("referral_date", "2015-02-01"), ("source", "1A"), ("closure_date", "2015-12-01"));
        return x;
    }

    [Test]
    public void K01_counts_late_and_undecided_contacts_as_referrals_only_once_their_window_has_ended()
    {
        using var dir = new TempDir();
        var run = Pipelines.Run(FrontDoorTimeline(), dir);
        // January: 6 contacts received (C1..C6). Progressed: C2 (decided at 24h01), C4 (undecided, window ended before as-at),
        // C5 (outcome REFERRAL, named by R5) = 3. Not: C1 (23h59 NFA), C3 (window still running at as-at), C6 (decided at exactly 24h).
        var jan = run.Kpi("K01", "2016-01-31");
        Assert.That((jan.Numerator, jan.Denominator, jan.Value), Is.EqualTo((3m, (decimal?)6m, (decimal?)50m)));
        Assert.That(run.StoredKpi("K01", "2016-01-31"), Is.EqualTo(jan));
        // February to the as-at date (2016-02-01): no contacts received: 0 of 0, no value.
        var feb = run.Kpi("K01", "2016-02-01");
        Assert.That((feb.Numerator, feb.Denominator, feb.Value), Is.EqualTo((0m, (decimal?)0m, (decimal?)null)));
    }

    [Test]
    public void K01T_leaves_out_contacts_whose_window_is_still_running()
    {
        using var dir = new TempDir();
        var run = Pipelines.Run(FrontDoorTimeline(), dir);
        // Denominator: C1, C2, C4 (window ended), C5, C6 = 5 (C3 left out). Decided in time: C1, C5, C6 = 3 -> 60%.
        var jan = run.Kpi("K01T", "2016-01-31");
        Assert.That((jan.Numerator, jan.Denominator, jan.Value), Is.EqualTo((3m, (decimal?)5m, (decimal?)60m)));
    }

    [Test]
    public void K02_counts_actual_and_derived_referrals_in_rolling_12_months_per_10000_with_the_population_switching_at_30_June()
    {
        using var dir = new TempDir();
        var run = Pipelines.Run(FrontDoorTimeline(), dir);
        // R12 to 2016-01-31 = [2015-02-01, 2016-01-31]: R6 (2015-02-01), derived from C2 (2016-01-11), R5 (2016-01-20) = 3.
        // R0 (2015-01-31) is a day too early; C4's derived referral is dated 2016-02-01. Population at 2016-01-31: mid-2015 = 50,000.
        // 3 / 50,000 x 10,000 = 0.6
        var jan = run.Kpi("K02", "2016-01-31");
        Assert.That((jan.Numerator, jan.Denominator, jan.Value), Is.EqualTo((3m, (decimal?)50000m, (decimal?)0.6m)));
        // 2015-05-31: window [2014-06-01, 2015-05-31] holds R0 and R6 = 2; 30 June 2015 is after E, so mid-2014 = 40,000: 0.5.
        var may = run.Kpi("K02", "2015-05-31");
        Assert.That((may.Numerator, may.Denominator, may.Value), Is.EqualTo((2m, (decimal?)40000m, (decimal?)0.5m)));
        // 2015-06-30: the same 2 referrals; 30 June 2015 is on E, so mid-2015 = 50,000: 0.4.
        var june = run.Kpi("K02", "2015-06-30");
        Assert.That((june.Numerator, june.Denominator, june.Value), Is.EqualTo((2m, (decimal?)50000m, (decimal?)0.4m)));
        // As-at month (E = 2016-02-01): window [2015-03-01, 2016-02-01]: derived C2, R5, derived C4 = 3 (R6 now out).
        Assert.That(run.Kpi("K02", "2016-02-01").Numerator, Is.EqualTo(3m));
    }

    [Test]
    public void K05_counts_an_assessment_authorised_on_day_42_as_in_time_and_on_day_43_as_late()
    {
        var x = new TestExtract();
        x.Child("A");
        x.Row("referrals", ("referral_id", "R1"), ("child_id", "A"), ("referral_date", "2015-02-20"), ("source", "1A"));
        // 2015-10-01 + 42 days = 2015-11-12.
        x.Row("assessments", ("assessment_id", "A1"), ("referral_id", "R1"), ("child_id", "A"), ("start_date", "2015-10-01"), ("authorised_date", "2015-11-12"), ("outcome", "NFA"));
        x.Row("assessments", ("assessment_id", "A2"), ("referral_id", "R1"), ("child_id", "A"), ("start_date", "2015-10-01"), ("authorised_date", "2015-11-13"), ("outcome", "CIN_PLAN"));
        x.Row("assessments", ("assessment_id", "A3"), ("referral_id", "R1"), ("child_id", "A"), ("start_date", "2015-03-01"), ("authorised_date", "2015-03-31"), ("outcome", "NFA"));
        x.Row("assessments", ("assessment_id", "A4"), ("referral_id", "R1"), ("child_id", "A"), ("start_date", "2016-01-05"));
        // Authorised after the as-at date: not yet happened.
        x.Row("assessments", ("assessment_id", "A5"), ("referral_id", "R1"), ("child_id", "A"), ("start_date", "2016-01-05"), ("authorised_date", "2016-01-20"));
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir, asAt: "2016-01-15T12:00:00");
        // YTD to 2015-12-31 (FY from 2015-04-01): A1 (in time) and A2 (43 days) = 1 of 2 -> 50%.
        var dec = run.Kpi("K05", "2015-12-31");
        Assert.That((dec.Numerator, dec.Denominator, dec.Value), Is.EqualTo((1m, (decimal?)2m, (decimal?)50m)));
        // As-at month: E = 2016-01-15; A5's authorisation (2016-01-20) is after as-at, so still 1 of 2.
        Assert.That(run.Kpi("K05", "2016-01-15").Denominator, Is.EqualTo(2m));
        // 2015-03-31 closes FY 2014-15: A3 only (30 days) = 1 of 1.
        var mar = run.Kpi("K05", "2015-03-31");
        Assert.That((mar.Numerator, mar.Denominator, mar.Value), Is.EqualTo((1m, (decimal?)1m, (decimal?)100m)));
        // 2015-04-30: a new financial year, nothing authorised yet: 0 of 0, no value.
        var apr = run.Kpi("K05", "2015-04-30");
        Assert.That((apr.Numerator, apr.Denominator, apr.Value), Is.EqualTo((0m, (decimal?)0m, (decimal?)null)));
    }

    [Test]
    public void K10_does_not_count_a_child_who_ceased_on_31_March_nor_short_breaks_at_that_date()
    {
        var x = new TestExtract();
        x.Child("B").Child("C").Child("D");
        x.Row("population", ("la_code", "874"), ("mid_year", "2014"), ("age_0_17", "40000"));
        x.Row("population", ("la_code", "874"), ("mid_year", "2015"), ("age_0_17", "50000"));
        x.Row("population", ("la_code", "999"), ("mid_year", "2015"), ("age_0_17", "1"));     // another council's row: ignored
        x.Row("cla_episodes", ("episode_id", "E1"), ("child_id", "B"), ("start_date", "2015-01-10"), ("end_date", "2015-03-31"),
            ("legal_status", "C2"), ("reason_new_episode", "S"), ("placement_type", "U1"), ("reason_ceased", "E13"));
        x.Row("cla_episodes", ("episode_id", "E2"), ("child_id", "C"), ("start_date", "2015-03-01"),
            ("legal_status", "V3"), ("reason_new_episode", "S"), ("placement_type", "U1"));
        x.Row("cla_episodes", ("episode_id", "E3"), ("child_id", "D"), ("start_date", "2015-03-15"), ("end_date", "2015-06-01"),
            ("legal_status", "C2"), ("reason_new_episode", "S"), ("placement_type", "U1"), ("reason_ceased", "E8"));
        x.Row("cla_episodes", ("episode_id", "E4"), ("child_id", "D"), ("start_date", "2015-06-01"),
            ("legal_status", "C2"), ("reason_new_episode", "P"), ("placement_type", "U3"));
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        // 2015-02-28: B only -> 1 / 40,000 x 10,000 = 0.25 (C is a short break; D not yet in care).
        Assert.That(run.Kpi("K10", "2015-02-28").Value, Is.EqualTo(0.25m));
        Assert.That(run.Kpi("K10", "2015-02-28").Numerator, Is.EqualTo(1m));
        // 2015-03-31: B ceased that day, so only D: 1 child.
        Assert.That(run.Kpi("K10", "2015-03-31").Numerator, Is.EqualTo(1m));
        // 2015-06-30: D (one period: E3 then E4 from the day E3 ended) -> 1 / 50,000 x 10,000 = 0.2.
        var june = run.Kpi("K10", "2015-06-30");
        Assert.That((june.Numerator, june.Denominator, june.Value), Is.EqualTo((1m, (decimal?)50000m, (decimal?)0.2m)));
    }

    [Test]
    public void Rates_have_denominator_0_and_no_value_when_the_council_has_no_population()
    {
        var x = new TestExtract { LaCode = "123" };
        x.Row("population", ("la_code", "874"), ("mid_year", "2015"), ("age_0_17", "50000"));
        x.Child("A");
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        var row = run.Kpi("K10", "2016-01-31");
        Assert.That((row.Numerator, row.Denominator, row.Value), Is.EqualTo((0m, (decimal?)0m, (decimal?)null)));
    }
}
