using ChildrensWarehouse.Derivation;
using ChildrensWarehouse.Indicators;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Indicators;

/// <summary>Looked-after, health, education and permanence indicators; every expected number worked out by hand.</summary>
public class LookedAfterIndicatorTests
{
    private static (decimal, decimal?, decimal?) Nums(KpiRow r) => (r.Numerator!.Value, r.Denominator, r.Value);

    private static void Episode(TestExtract x, string id, string child, string start, string? end, string rne = "S", string placement = "U1",
        string? ceased = null, string legal = "C2") =>
        x.Row("cla_episodes", ("episode_id", id), ("child_id", child), ("start_date", start), ("end_date", end), ("legal_status", legal),
            ("reason_new_episode", rne), ("placement_type", placement), ("reason_ceased", end is null ? null : ceased ?? "E8"));

    [Test]
    public void K14_needs_no_IHA_from_children_who_left_care_before_the_due_date_and_counts_the_due_date_as_in_time()
    {
        var x = new TestExtract();
        foreach (var c in new[] { "A", "B", "C", "D", "E" }) x.Child(c);
        // All start Mon 2015-12-14. 20 working days across Christmas (25 and 28 Dec, 1 Jan closed): due 2016-01-14.
        Episode(x, "EA", "A", "2015-12-14", "2015-12-21");   // in care 5 working days: no IHA due
        Episode(x, "EB", "B", "2015-12-14", "2016-01-13");   // left after 19 working days: none due
        Episode(x, "EC", "C", "2015-12-14", "2016-01-14");   // left on the due date (20 WD): due, none held -> missed
        Episode(x, "ED", "D", "2015-12-14", null);
        Episode(x, "EE", "E", "2015-12-14", null);
        x.Row("health_assessments", ("health_assessment_id", "HD"), ("child_id", "D"), ("assessment_type", "IHA"), ("completed_date", "2016-01-14"));  // on the due date
        x.Row("health_assessments", ("health_assessment_id", "HE"), ("child_id", "E"), ("assessment_type", "IHA"), ("completed_date", "2016-01-15"));  // a day late
        x.Row("health_assessments", ("health_assessment_id", "HB"), ("child_id", "B"), ("assessment_type", "RHA"), ("completed_date", "2016-01-05"));
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        // Denominator C, D, E (A and B left before the due date); numerator D = 1 of 3. (The old bug would give 1 of 5.)
        Assert.That(Nums(run.Kpi("K14", "2016-01-31")), Is.EqualTo((1m, (decimal?)3m, (decimal?)33.3333m)));
        Assert.That(Nums(run.Kpi("K14M", "2015-12-31")), Is.EqualTo((1m, (decimal?)3m, (decimal?)33.3333m)), "by month of entry: December");
        Assert.That(Nums(run.Kpi("K14M", "2016-01-31")), Is.EqualTo((0m, (decimal?)0m, (decimal?)null)));
        // The due date is compared with as-at: at an as-at before 2016-01-14 nobody is due yet.
        using var dir2 = new TempDir();
        Assert.That(Nums(Pipelines.Run(x, dir2, asAt: "2016-01-13T23:00:00").Kpi("K14", "2016-01-13")), Is.EqualTo((0m, (decimal?)0m, (decimal?)null)));
    }

    [Test]
    public void History_before_the_bank_holiday_list_is_counted_with_the_standard_rules_not_a_stopped_run()
    {
        // The list covers 2010-2030; a child in care since 2008 and a 2009 assessment are ordinary history.
        var x = new TestExtract();
        x.Child("A", "2005-03-01");
        x.Child("B");
        Episode(x, "EA", "A", "2008-03-03", null);
        x.Row("referrals", ("referral_id", "R1"), ("child_id", "B"), ("referral_date", "2009-06-01"), ("source", "1A"), ("closure_date", "2009-09-01"), ("closure_reason", "RC8"));
        x.Row("assessments", ("assessment_id", "AS1"), ("referral_id", "R1"), ("child_id", "B"), ("start_date", "2009-06-02"), ("authorised_date", "2009-07-20"));
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        // From Mon 2008-03-03, Easter 2008 (Good Friday 21 and Easter Monday 24 March) closed: 4-7 (4), 10-14 (9),
        // 17-20 (13), 25-28 (17), 31 March (18), 1 and 2 April (20): the IHA was due on 2008-04-02, and none was held.
        Assert.That(WarehouseContents.Scalar(run.WarehousePath,
            "SELECT count(*) FROM fact.health_assessment_obligation WHERE child_id = 'A' AND due_date = DATE '2008-04-02' AND NOT met"), Is.EqualTo(1));
        // A is looked after at the period end (1 child per 40,000: 0.25 per 10,000), in care over 12 months with no health
        // assessment in them (K15: 0 of 1); neither the 2008 entry nor the 2009 assessment is in a window.
        Assert.That(Nums(run.Kpi("K10", "2016-01-31")), Is.EqualTo((1m, (decimal?)40000m, (decimal?)0.25m)));
        Assert.That(Nums(run.Kpi("K15", "2016-01-31")), Is.EqualTo((0m, (decimal?)1m, (decimal?)0m)));
        Assert.That(Nums(run.Kpi("K14", "2016-01-31")), Is.EqualTo((0m, (decimal?)0m, (decimal?)null)));
        Assert.That(Nums(run.Kpi("K05", "2016-01-31")), Is.EqualTo((0m, (decimal?)0m, (decimal?)null)));
    }

    [Test]
    public void IHA_due_dates_use_the_moved_May_2020_bank_holiday()
    {
        var context = new DerivationContext
        {
            Rules = new RuleSettings(), Calendar = new WorkingDayCalendar(BankHolidaysFromRules.Named), AsAt = new DateTime(2020, 7, 1),
            ContactsNamedByReferrals = new HashSet<string>(),
        };
        // From Mon 2020-04-06: Easter (10 and 13 Apr) and VE day (8 May, not 4 May) closed: the 20th working day is 2020-05-06.
        var period = new PeriodOfCare("A", 1, new DateOnly(2020, 4, 6), null, [new ClaEpisode("E1", "A", new DateOnly(2020, 4, 6), null, "C2", "S", "U1", null, null)]);
        HealthAssessment Iha(int day) => new("H", "A", "IHA", new DateOnly(2020, 5, day));
        Assert.That(ChildDerivation.IhaFor(period, [Iha(6)], context).DueDate, Is.EqualTo(new DateOnly(2020, 5, 6)));
        Assert.That(ChildDerivation.IhaFor(period, [Iha(6)], context).Met, Is.True);
        Assert.That(ChildDerivation.IhaFor(period, [Iha(7)], context).Status, Is.EqualTo("Late"));
    }

    [Test]
    public void K11_counts_placement_spells_in_12_months_where_L_and_T_episodes_and_temporary_placements_do_not_start_a_spell()
    {
        var x = new TestExtract();
        x.Child("F").Child("G");
        // F, period 1: E1 S (spell 1), E2 L (extends), E3 P (spell 2), E4 P into temporary T1 (extends), E5 T (extends); ends 2015-08-01 home.
        Episode(x, "E1", "F", "2015-03-01", "2015-05-01");
        Episode(x, "E2", "F", "2015-05-01", "2015-06-01", rne: "L");
        Episode(x, "E3", "F", "2015-06-01", "2015-06-20", rne: "P", placement: "U3");
        Episode(x, "E4", "F", "2015-06-20", "2015-06-25", rne: "P", placement: "T1");
        Episode(x, "E5", "F", "2015-06-25", "2015-08-01", rne: "T", placement: "U3", ceased: "E13");
        // F returns to care within 12 months: period 2, E6 S (spell 3), E7 B (spell 4), open.
        Episode(x, "E6", "F", "2015-10-01", "2015-12-01", placement: "U4");
        Episode(x, "E7", "F", "2015-12-01", null, rne: "B", placement: "U5");
        // G: one spell (S then L).
        Episode(x, "E8", "G", "2015-01-01", "2015-07-01");
        Episode(x, "E9", "G", "2015-07-01", null, rne: "L");
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        // 2016-01-31, window from 2015-02-01: F has spells [03-01,06-01), [06-01,08-01), [10-01,12-01), [12-01,..) = 4; G 1: 1 of 2.
        Assert.That(Nums(run.Kpi("K11", "2016-01-31")), Is.EqualTo((1m, (decimal?)2m, (decimal?)50m)));
        // 2015-07-31: F (still in period 1) has 2 spells; G 1: 0 of 2. 2015-09-30: F not looked after: 0 of 1.
        Assert.That(Nums(run.Kpi("K11", "2015-07-31")), Is.EqualTo((0m, (decimal?)2m, (decimal?)0m)));
        Assert.That(Nums(run.Kpi("K11", "2015-09-30")), Is.EqualTo((0m, (decimal?)1m, (decimal?)0m)));
        // K33 YTD to 2015-08-31: F's period 1 ended by a return home (E13): 1 of 1.
        Assert.That(Nums(run.Kpi("K33", "2015-08-31")), Is.EqualTo((1m, (decimal?)1m, (decimal?)100m)));
    }

    [Test]
    public void K12_review_chains_start_20_working_days_after_entry_and_a_review_between_two_periods_belongs_to_neither()
    {
        var x = new TestExtract();
        x.Child("F").Child("H").Child("I");
        Episode(x, "F1", "F", "2015-03-01", "2015-08-01", ceased: "E13");   // due1 2015-03-27 (start on a Sunday)
        Episode(x, "F2", "F", "2015-10-01", null);                         // due1 2015-10-29
        Episode(x, "H1", "H", "2015-12-14", null);                         // due1 2016-01-14
        Episode(x, "I1", "I", "2015-12-14", null);
        void Review(string id, string child, string date) =>
            x.Row("cla_reviews", ("cla_review_id", id), ("child_id", child), ("review_date", date));
        Review("R1", "F", "2015-03-20");   // met; due2 2015-06-20 not held, period open then: missed in June
        Review("R2", "F", "2015-09-01");   // between F's two periods: neither's
        Review("R3", "F", "2015-10-29");   // period 2 review 1 on its due date: met; due2 2016-01-29 not held: missed in January
        Review("R4", "H", "2016-01-14");   // on the due date: met
        Review("R5", "I", "2016-01-15");   // a day late
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        Assert.That(Nums(run.Kpi("K12", "2015-03-31")), Is.EqualTo((1m, (decimal?)1m, (decimal?)100m)));
        Assert.That(Nums(run.Kpi("K12", "2015-06-30")), Is.EqualTo((0m, (decimal?)1m, (decimal?)0m)));
        Assert.That(Nums(run.Kpi("K12", "2015-09-30")), Is.EqualTo((0m, (decimal?)0m, (decimal?)null)));
        Assert.That(Nums(run.Kpi("K12", "2015-10-31")), Is.EqualTo((1m, (decimal?)1m, (decimal?)100m)));
        // January: H met, I late, F's second obligation (due 2016-01-29) missed = 1 of 3.
        Assert.That(Nums(run.Kpi("K12", "2016-01-31")), Is.EqualTo((1m, (decimal?)3m, (decimal?)33.3333m)));
    }

    [Test]
    public void K13_counts_only_visits_seen_alone_in_the_placement_and_leaves_out_new_placements_not_yet_visited()
    {
        var x = new TestExtract();
        foreach (var c in new[] { "H", "I", "F", "G", "J" }) x.Child(c);
        Episode(x, "H1", "H", "2015-12-14", null);
        Episode(x, "I1", "I", "2015-12-14", null);
        Episode(x, "F1", "F", "2015-10-01", "2015-12-01");
        Episode(x, "F2", "F", "2015-12-01", null, rne: "P", placement: "U4");
        Episode(x, "G1", "G", "2015-01-01", null);
        Episode(x, "J1", "J", "2016-01-27", null);   // 4 days before E, not yet visited: left out
        void Visit(string id, string child, string date, string alone = "Y", string location = "PLACEMENT") =>
            x.Row("visits", ("visit_id", id), ("child_id", child), ("visit_date", date), ("visit_type", "CLA"), ("seen", "Y"), ("seen_alone", alone), ("location", location));
        Visit("V1", "H", "2015-12-20");                       // + 42 days = 2016-01-31 = E: on time
        Visit("V2", "I", "2015-12-19", location: "SCHOOL");   // does not qualify
        Visit("V3", "I", "2015-12-19", alone: "N");           // does not qualify: due = spell start + 7 = 2015-12-21: late
        Visit("V4", "F", "2015-11-20");                       // in the previous spell: does not count for the spell from 12-01
        Visit("V5", "F", "2015-12-19");                       // + 42 = 2016-01-30: late
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        // Denominator H, I, F, G (J left out); numerator H = 1 of 4.
        Assert.That(Nums(run.Kpi("K13", "2016-01-31")), Is.EqualTo((1m, (decimal?)4m, (decimal?)25m)));
    }

    [Test]
    public void K15_and_K16_look_back_12_months_from_a_leap_day_and_K16_uses_ages_with_29_February_birthdays()
    {
        var x = new TestExtract { ExtractedAt = "2016-03-15T06:00:00" };
        x.Child("L", dateOfBirth: "2012-02-29").Child("M", dateOfBirth: "2013-03-01").Child("N", dateOfBirth: null);
        Episode(x, "L1", "L", "2015-02-28", null);
        Episode(x, "M1", "M", "2015-02-28", null);
        Episode(x, "N1", "N", "2015-03-01", null);
        x.Row("health_assessments", ("health_assessment_id", "HL"), ("child_id", "L"), ("assessment_type", "RHA"), ("completed_date", "2015-02-28"));
        x.Row("health_assessments", ("health_assessment_id", "HM"), ("child_id", "M"), ("assessment_type", "RHA"), ("completed_date", "2015-03-01"));
        x.Row("dental_checks", ("dental_check_id", "DL"), ("child_id", "L"), ("check_date", "2015-06-01"));
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        // E = 2016-02-29: 12 months back = 2015-02-28. L and M started on it (in); N on 03-01 (out).
        // Health assessment in (2015-02-28, 2016-02-29]: M's (03-01) yes; L's (02-28) no -> 1 of 2.
        Assert.That(Nums(run.Kpi("K15", "2016-02-29")), Is.EqualTo((1m, (decimal?)2m, (decimal?)50m)));
        // K16 at 2016-02-29: L is 4 (born 29 Feb), M is 2 (3 on 1 March): L only, dental yes: 1 of 1.
        Assert.That(Nums(run.Kpi("K16", "2016-02-29")), Is.EqualTo((1m, (decimal?)1m, (decimal?)100m)));
        // As-at month, E = 2016-03-15: N is in K15 (no age condition) but left out of K16 (no date of birth); M is now 3.
        // K15 window (2015-03-15, 2016-03-15]: nobody's assessment falls in it: 0 of 3. K16: L (dental yes), M (no): 1 of 2.
        Assert.That(Nums(run.Kpi("K15", "2016-03-15")), Is.EqualTo((0m, (decimal?)3m, (decimal?)0m)));
        Assert.That(Nums(run.Kpi("K16", "2016-03-15")), Is.EqualTo((1m, (decimal?)2m, (decimal?)50m)));
    }

    [Test]
    public void K17_counts_school_age_children_whose_PEP_is_due_with_a_PEP_in_the_last_6_months()
    {
        var x = new TestExtract();
        x.Child("P", "2010-06-01").Child("Q", "2000-02-01").Child("R", "2000-01-31").Child("S", "2011-01-01");
        Episode(x, "P1", "P", "2015-12-14", null);   // 20 WD reached 2016-01-14; aged 5
        Episode(x, "Q1", "Q", "2015-01-01", null);   // aged 15 at E
        Episode(x, "R1", "R", "2015-01-01", null);   // 16 on E: out
        Episode(x, "S1", "S", "2016-01-10", null);   // 20 WD not reached by E: out
        x.Row("peps", ("pep_id", "PP"), ("child_id", "P"), ("pep_date", "2016-01-10"), ("pep_type", "INITIAL"));
        x.Row("peps", ("pep_id", "PQ"), ("child_id", "Q"), ("pep_date", "2015-07-31"), ("pep_type", "REVIEW"));   // exactly 6 months before E: outside
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        Assert.That(Nums(run.Kpi("K17", "2016-01-31")), Is.EqualTo((1m, (decimal?)2m, (decimal?)50m)));
    }

    [Test]
    public void K18_counts_adoptions_and_resets_on_1_April_and_K10_leaves_out_a_child_who_ceased_on_31_March()
    {
        var x = new TestExtract();
        x.Child("A").Child("B").Child("C");
        Episode(x, "A1", "A", "2014-01-01", "2015-03-31", placement: "A4", ceased: "E11");
        Episode(x, "B1", "B", "2014-01-01", "2015-04-01", placement: "A4", ceased: "E12");
        Episode(x, "C1", "C", "2014-06-01", "2015-04-15", ceased: "E13");
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        Assert.That(run.Kpi("K18", "2015-03-31").Value, Is.EqualTo(1m), "A adopted on 31 March");
        Assert.That(run.Kpi("K18", "2015-04-30").Value, Is.EqualTo(1m), "the year restarts on 1 April: B only");
        Assert.That(run.Kpi("K18M", "2015-03-31").Value, Is.EqualTo(1m));
        Assert.That(run.Kpi("K18M", "2015-04-30").Value, Is.EqualTo(1m));
        Assert.That(run.Kpi("K18", "2015-04-30").Denominator, Is.Null, "a count has no denominator");
        Assert.That(run.Kpi("K10", "2015-03-31").Numerator, Is.EqualTo(2m), "A ceased on 31 March: B and C");
        // K33 YTD to 2015-04-30: B (E12) and C (E13) ended: 1 of 2.
        Assert.That(Nums(run.Kpi("K33", "2015-04-30")), Is.EqualTo((1m, (decimal?)2m, (decimal?)50m)));
    }

    [Test]
    public void K26_counts_long_term_placements_and_placements_for_adoption()
    {
        var x = new TestExtract();
        foreach (var c in new[] { "T", "U", "V", "X" }) x.Child(c, "2005-01-01");
        x.Child("W", "2000-01-01");
        Episode(x, "T1", "T", "2013-07-31", null);                                       // period and spell from E - 30 months: yes
        Episode(x, "U1", "U", "2013-01-01", "2014-02-01");
        Episode(x, "U2", "U", "2014-02-01", null, rne: "P", placement: "U4");            // spell from E - 24 months + 1 day: no
        Episode(x, "V1", "V", "2013-01-01", "2015-06-01");
        Episode(x, "V2", "V", "2015-06-01", null, rne: "P", placement: "A4");            // placed for adoption: yes
        Episode(x, "W1", "W", "2012-01-01", null);                                       // 16 at E: out
        Episode(x, "X1", "X", "2013-08-01", null);                                       // period too recent: out
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        Assert.That(Nums(run.Kpi("K26", "2016-01-31")), Is.EqualTo((2m, (decimal?)3m, (decimal?)66.6667m)));
    }

    [Test]
    public void K32_counts_days_looked_after_without_the_day_of_leaving()
    {
        var x = new TestExtract();
        x.Child("A").Child("B");
        Episode(x, "A1", "A", "2016-01-10", "2016-01-20");   // 10..19 January = 10 days
        Episode(x, "B1", "B", "2015-12-25", null);           // December 25..31 = 7; January 31; February to as-at (1st) = 1
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        Assert.That(run.Kpi("K32", "2015-12-31").Value, Is.EqualTo(7m));
        Assert.That(run.Kpi("K32", "2016-01-31").Value, Is.EqualTo(41m));
        Assert.That(run.Kpi("K32", "2016-02-01").Value, Is.EqualTo(1m));
    }

    [Test]
    public void K25_and_K25D_measure_proceedings_against_26_weeks_and_average_their_weeks()
    {
        var x = new TestExtract();
        x.Child("A");
        void Proceedings(string id, string issued, string final, string order) =>
            x.Row("proceedings", ("proceedings_id", id), ("child_id", "A"), ("issued_date", issued), ("final_order_date", final), ("final_order", order));
        Proceedings("P1", "2015-04-01", "2015-09-29", "CO");         // 181 days: within 26 weeks
        Proceedings("P2", "2015-04-01", "2015-09-30", "SGO");        // 182 days: not
        Proceedings("P3", "2015-05-01", "2016-01-20", "WITHDRAWN");  // 264 days: not, but still in the average
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        Assert.That(Nums(run.Kpi("K25", "2016-01-31")), Is.EqualTo((1m, (decimal?)3m, (decimal?)33.3333m)));
        // (181 + 182 + 264) / 7 = 627 / 7 = 89.571428... written 89.5714; value 627 / 7 / 3 = 29.857142... -> 29.8571.
        Assert.That(Nums(run.Kpi("K25D", "2016-01-31")), Is.EqualTo((89.5714m, (decimal?)3m, (decimal?)29.8571m)));
    }

    [Test]
    public void K30_and_K31_count_19th_to_21st_birthdays_leaving_out_died_and_returned_home()
    {
        var x = new TestExtract();
        x.Child("C1", "1996-05-10").Child("C2", "1995-06-01").Child("C3", "1996-02-29").Child("C4", "1996-07-01").Child("C5", "1998-08-01");
        void Leaver(string id, string child, string birthday, string inTouch, string? activity, string? suitable) =>
            x.Row("care_leavers", ("care_leaver_id", id), ("child_id", child), ("birthday_date", birthday), ("in_touch", inTouch),
                ("activity", activity), ("accommodation_suitable", suitable));
        Leaver("L1", "C1", "2015-05-10", "YES", "F2", "Y");   // 19th
        Leaver("L2", "C2", "2015-06-01", "YES", "G4", "N");   // 20th
        Leaver("L3", "C3", "2015-03-01", "YES", "P1", "Y");   // 19th birthday of someone born 29 Feb, in a common year
        Leaver("L4", "C3", "2015-02-28", "YES", "P1", "Y");   // not a birthday
        Leaver("L5", "C4", "2015-07-01", "DIED", null, null); // 19th, died: left out
        Leaver("L6", "C5", "2015-08-01", "YES", "F1", "Y");   // 17th: not 19-21
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        Assert.That(Nums(run.Kpi("K30", "2016-01-31")), Is.EqualTo((1m, (decimal?)2m, (decimal?)50m)));
        Assert.That(Nums(run.Kpi("K31", "2016-01-31")), Is.EqualTo((1m, (decimal?)2m, (decimal?)50m)));
        Assert.That(Nums(run.Kpi("K30", "2015-03-31")), Is.EqualTo((1m, (decimal?)1m, (decimal?)100m)));
    }

    [Test]
    public void A_care_leaver_contact_after_the_as_at_moment_is_not_yet_known()
    {
        // KPIS.md: the extract is read as the case system stood at the as-at moment. A care-leaver row records the contact
        // about a birthday; as at 2016-02-01 a contact made on 1 March had not happened, so neither had its row.
        var x = new TestExtract();
        x.Child("C1", "1997-01-15").Child("C2", "1996-01-10").Child("C3", "1994-12-01");
        void Leaver(string id, string child, string birthday, string? contact, string inTouch, string? activity, string? suitable) =>
            x.Row("care_leavers", ("care_leaver_id", id), ("child_id", child), ("birthday_date", birthday), ("contact_date", contact),
                ("in_touch", inTouch), ("activity", activity), ("accommodation_suitable", suitable));
        Leaver("L1", "C1", "2016-01-15", "2016-01-20", "YES", "F1", "Y");   // 19th, contact before as-at
        Leaver("L2", "C2", "2016-01-10", "2016-03-01", "YES", "F1", "Y");   // 20th, contact after as-at
        Leaver("L3", "C3", "2015-12-01", null, "NO", null, null);          // 21st, not in touch, no contact date
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        // YTD from 2015-04-01: L1 and L3; L1 suitably accommodated and in education: 1 of 2.
        Assert.That(Nums(run.Kpi("K30", "2016-01-31")), Is.EqualTo((1m, (decimal?)2m, (decimal?)50m)));
        Assert.That(Nums(run.Kpi("K31", "2016-01-31")), Is.EqualTo((1m, (decimal?)2m, (decimal?)50m)));
        Assert.That(WarehouseContents.Scalar(run.WarehousePath, "SELECT count(*) FROM fact.care_leaver WHERE care_leaver_id = 'L2'"), Is.EqualTo(0));
        // As at 2 March the contact has happened, and January is restated: L1, L2 and L3, two of them suitably accommodated.
        using var later = new TempDir();
        Assert.That(Nums(Pipelines.Run(x, later, asAt: "2016-03-02T06:00:00").Kpi("K30", "2016-01-31")), Is.EqualTo((2m, (decimal?)3m, (decimal?)66.6667m)));
    }

    /// <summary>
    /// One child in care without a break from 2013-06-03. On 2015-09-01 the legal status changes twice, so the case system
    /// holds a zero-length episode (start = end, which the contract allows and which is no overlap): one period of care
    /// and two placement spells (S, then P on 2015-06-01; L only changes the legal status). Numeric episode ids sort "10"
    /// before "9", which once split the period into three (found by an independent read-through).
    /// </summary>
    [TestCase("7", "8", "9", "10", "11")]
    [TestCase("E07", "E08", "E09", "E10", "E11")]
    public void A_zero_length_episode_continues_the_period_of_care_whatever_its_id(string e1, string e2, string e3, string e4, string e5)
    {
        var x = new TestExtract();   // as-at 2016-02-01
        x.Child("A", "2010-05-01");
        void Ep(string id, string start, string? end, string legal, string rne, string placement) =>
            x.Row("cla_episodes", ("episode_id", id), ("child_id", "A"), ("start_date", start), ("end_date", end), ("legal_status", legal),
                ("reason_new_episode", rne), ("placement_type", placement));
        Ep(e1, "2013-06-03", "2015-06-01", "C2", "S", "U1");
        Ep(e2, "2015-06-01", "2015-09-01", "C2", "P", "U4");
        Ep(e3, "2015-09-01", "2015-09-01", "C1", "L", "U4");   // zero length
        Ep(e4, "2015-09-01", "2015-10-01", "C1", "L", "U4");
        Ep(e5, "2015-10-01", null, "C2", "L", "U4");
        x.Row("health_assessments", ("health_assessment_id", "H1"), ("child_id", "A"), ("assessment_type", "IHA"), ("completed_date", "2013-06-20"));
        x.Row("health_assessments", ("health_assessment_id", "H2"), ("child_id", "A"), ("assessment_type", "RHA"), ("completed_date", "2015-05-01"));
        x.Row("dental_checks", ("dental_check_id", "D1"), ("child_id", "A"), ("check_date", "2015-05-01"));
        var n = 0;
        // Each review within its time: 20 working days, 3 months, then 6 months; the next is due 2016-02-10.
        foreach (var d in new[] { "2013-06-28", "2013-09-20", "2014-03-10", "2014-09-01", "2015-02-20", "2015-08-10", "2015-11-20" })
        {
            x.Row("cla_reviews", ("cla_review_id", "R" + ++n), ("child_id", "A"), ("review_date", d));
        }
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        Assert.Multiple(() =>
        {
            Assert.That(Nums(run.Kpi("K11", "2016-01-31")), Is.EqualTo((0m, (decimal?)1m, (decimal?)0m)), "K11: two spells, not three placements");
            Assert.That(Nums(run.Kpi("K14", "2016-01-31")), Is.EqualTo((0m, (decimal?)0m, (decimal?)null)), "K14: no new entry to care, no IHA due");
            Assert.That(Nums(run.Kpi("K14M", "2015-10-31")), Is.EqualTo((0m, (decimal?)0m, (decimal?)null)));
            Assert.That(Nums(run.Kpi("K15", "2016-01-31")), Is.EqualTo((1m, (decimal?)1m, (decimal?)100m)), "K15: in care 12 months, assessed in them");
            Assert.That(Nums(run.Kpi("K16", "2016-01-31")), Is.EqualTo((1m, (decimal?)1m, (decimal?)100m)));
            Assert.That(Nums(run.Kpi("K26", "2016-01-31")), Is.EqualTo((0m, (decimal?)1m, (decimal?)0m)), "K26: 2.5 years in care, the placement since 2015-06-01");
            Assert.That(Nums(run.Kpi("K33", "2016-01-31")), Is.EqualTo((0m, (decimal?)0m, (decimal?)null)), "K33: no period ended");
            Assert.That(Nums(run.Kpi("K12", "2015-11-30")), Is.EqualTo((1m, (decimal?)1m, (decimal?)100m)), "K12: the review chain runs on");
        });
    }

    [Test]
    public void K17_cohort_is_children_in_care_for_the_initial_PEP_time_whatever_the_IHA_setting()
    {
        var x = new TestExtract();
        x.Child("P", "2006-03-01");   // 9 at 2016-01-31
        // In care from Thu 2015-12-31: the 20th working day (1 January closed) is Fri 2016-01-29, so the child is in the
        // cohort at 31 January; the PEP on 2016-01-20 is within the 6 months.
        Episode(x, "P1", "P", "2015-12-31", null);
        x.Row("peps", ("pep_id", "PP"), ("child_id", "P"), ("pep_date", "2016-01-20"), ("pep_type", "INITIAL"));
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir, rules: new RuleSettings { LookedAfter = new LookedAfterRules { IhaWorkingDays = 25 } });
        Assert.That(Nums(run.Kpi("K17", "2016-01-31")), Is.EqualTo((1m, (decimal?)1m, (decimal?)100m)));
        using var dir2 = new TempDir();
        var shorter = Pipelines.Run(x, dir2, rules: new RuleSettings { LookedAfter = new LookedAfterRules { PepInitialWorkingDays = 25 } });
        Assert.That(Nums(shorter.Kpi("K17", "2016-01-31")), Is.EqualTo((0m, (decimal?)0m, (decimal?)null)), "the 25th working day is 5 February");
    }

    [Test]
    public void K17_cohort_takes_a_child_whose_20th_working_day_is_the_period_end_and_not_one_a_day_later()
    {
        var x = new TestExtract();   // as-at Mon 2016-02-01: the month-to-date period ends that day
        x.Child("T", "2008-05-01").Child("U", "2008-05-01");
        // From Mon 2016-01-04 (day 0) the 20th working day is Mon 2016-02-01, the period end: in the cohort (<= E).
        Episode(x, "T1", "T", "2016-01-04", null);
        // From Tue 2016-01-05 it is Tue 2016-02-02: not yet in the cohort, and its missing PEP counts nowhere.
        Episode(x, "U1", "U", "2016-01-05", null);
        x.Row("peps", ("pep_id", "PT"), ("child_id", "T"), ("pep_date", "2016-01-20"), ("pep_type", "INITIAL"));
        using var dir = new TempDir();
        var run = Pipelines.Run(x, dir);
        Assert.That(Nums(run.Kpi("K17", "2016-02-01")), Is.EqualTo((1m, (decimal?)1m, (decimal?)100m)));
        Assert.That(Nums(run.Kpi("K17", "2016-01-31")), Is.EqualTo((0m, (decimal?)0m, (decimal?)null)), "T's 20th working day is after 31 January");
    }

    [Test]
    public void A_local_closure_day_in_the_rulebook_moves_working_day_deadlines()
    {
        var x = new TestExtract();   // as-at Mon 2016-02-01
        x.Child("T", "2008-05-01");
        Episode(x, "T1", "T", "2016-01-04", null);
        x.Row("peps", ("pep_id", "PT"), ("child_id", "T"), ("pep_date", "2016-01-20"), ("pep_type", "INITIAL"));
        using var dir = new TempDir();
        // Without closure days the 20th working day from Mon 2016-01-04 is Mon 2016-02-01 (the test above); with the
        // office closed on Wed 2016-01-06 it is Tue 2016-02-02: T is not yet in K17's cohort, and the IHA not yet due.
        var closed = new RuleSettings { Calendar = new CalendarRules { ExtraClosureDays = [new DateOnly(2016, 1, 6)] } };
        var run = Pipelines.Run(x, dir, rules: closed);
        Assert.That(Nums(run.Kpi("K17", "2016-02-01")), Is.EqualTo((0m, (decimal?)0m, (decimal?)null)));
        using var c = new DuckDB.NET.Data.DuckDBConnection($"Data Source={run.WarehousePath};ACCESS_MODE=READ_ONLY");
        c.Open();
        Assert.That(Dapper.SqlMapper.ExecuteScalar<string>(c, "SELECT CAST(due_date AS VARCHAR) FROM fact.health_assessment_obligation WHERE child_id = 'T'"),
            Is.EqualTo("2016-02-02"));
        Assert.That(Dapper.SqlMapper.ExecuteScalar<bool>(c, "SELECT is_working_day FROM dim.date WHERE date = DATE '2016-01-06'"), Is.False);
    }
}
