using ChildrensWarehouse.Derivation;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Rules;

/// <summary>The Working Together rules of the per-child derivation, on hand-made timelines.</summary>
public class WorkingTogetherRuleTests
{
    private static readonly WorkingDayCalendar Calendar = new(BankHolidaysFromRules.Named);

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
    private static DateTime T(string s) => DateTime.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static DerivationContext Context(string asAt = "2016-02-01T06:00:00", RuleSettings? rules = null, params string[] named) => new()
    {
        Rules = rules ?? new RuleSettings(),
        Calendar = Calendar,
        AsAt = T(asAt),
        ContactsNamedByReferrals = named.ToHashSet(),
    };

    private static Contact Contact(string id, string received, string? decided, string? outcome = "NFA") =>
        new(id, "A", T(received), "1A", decided is null ? null : T(decided), decided is null ? null : outcome, null);

    private static Referral Referral(string id, string date, string? contactId = null, string? closed = null) =>
        new(id, "A", contactId, D(date), "1A", null, closed is null ? null : D(closed), null);

    private static ChildFacts Derive(ChildCase c, DerivationContext? context = null) => ChildDerivation.Derive(c, context ?? Context());

    private static ChildCase Case(IReadOnlyList<Contact>? contacts = null, IReadOnlyList<Referral>? referrals = null, IReadOnlyList<CpPlan>? plans = null) => new()
    {
        Child = new Child("A", D("2010-01-01"), "F", null),
        Contacts = contacts ?? [],
        Referrals = referrals ?? [],
        CpPlans = plans ?? [],
    };

    [Test]
    public void A_contact_decided_at_23h59_is_in_time_and_one_decided_at_24h01_becomes_a_derived_referral()
    {
        var facts = Derive(Case(contacts: [Contact("C1", "2016-01-10T09:00", "2016-01-11T08:59"), Contact("C2", "2016-01-10T09:00", "2016-01-11T09:01")]));
        Assert.That(facts.Contacts.Select(c => (c.DecidedInTime, c.AutoReferral)), Is.EqualTo(new[] { (true, false), (false, true) }));
        var derived = facts.Referrals.Single();
        Assert.That((derived.ReferralId, derived.IsDerived, derived.ReferralDate, derived.ClosureDate),
            Is.EqualTo(("DERIVED-C2", true, D("2016-01-11"), (DateOnly?)D("2016-01-11"))));
    }

    [Test]
    public void A_decision_exactly_at_the_window_end_is_in_time()
    {
        var fact = Derive(Case(contacts: [Contact("C1", "2016-01-10T09:00", "2016-01-11T09:00")])).Contacts.Single();
        Assert.That((fact.DecidedInTime, fact.AutoReferral), Is.EqualTo((true, false)));
    }

    [Test]
    public void An_undecided_contact_becomes_a_referral_only_once_its_window_has_ended_by_the_as_at_moment()
    {
        var c = Case(contacts: [Contact("C1", "2016-01-31T07:00", null)]);
        Assert.That(Derive(c, Context("2016-02-01T06:59:59")).Referrals, Is.Empty);
        var derived = Derive(c, Context("2016-02-01T07:00:00")).Referrals.Single();
        Assert.That((derived.ReferralDate, derived.ClosureDate), Is.EqualTo((D("2016-02-01"), (DateOnly?)null)), "open while undecided");
    }

    [Test]
    public void An_undecided_contact_that_a_referral_row_names_is_not_counted_twice()
    {
        var facts = Derive(Case(contacts: [Contact("C1", "2016-01-05T10:00", null)], referrals: [Referral("R1", "2016-01-07", "C1")]), Context(named: "C1"));
        Assert.That(facts.Referrals.Select(r => r.ReferralId), Is.EqualTo(new[] { "R1" }));
        Assert.That(facts.Contacts.Single().ProgressedToReferral, Is.True);
    }

    [Test]
    public void With_auto_referral_off_a_late_contact_stays_a_contact()
    {
        var rules = new RuleSettings { Contact = new ContactRules { AutoReferral = false } };
        var facts = Derive(Case(contacts: [Contact("C1", "2016-01-10T09:00", "2016-01-12T09:00")]), Context(rules: rules));
        Assert.That(facts.Referrals, Is.Empty);
        Assert.That(facts.Contacts.Single().ProgressedToReferral, Is.False);
    }

    [Test]
    public void The_one_working_day_clock_ends_at_the_end_of_the_next_working_day()
    {
        var rules = new RuleSettings { Contact = new ContactRules { DecisionClock = DecisionClock.WorkingDay1 } };
        // Received Thursday 24 Dec 2015 16:00: the next working day is Tuesday 29 Dec (25 and 28 Dec are bank holidays).
        var facts = Derive(Case(contacts: [Contact("C1", "2015-12-24T16:00", "2015-12-29T17:00"), Contact("C2", "2015-12-24T16:00", "2015-12-30T09:00")]), Context(rules: rules));
        Assert.That(facts.Contacts.Select(c => c.DecidedInTime), Is.EqualTo(new[] { true, false }));
    }

    [Test]
    public void A_referral_exactly_12_months_after_the_previous_one_is_a_re_referral_and_a_day_later_is_not()
    {
        var exactly = Derive(Case(referrals: [Referral("R1", "2015-01-15", closed: "2015-02-01"), Referral("R2", "2016-01-15")]));
        Assert.That(exactly.Referrals.Select(r => r.IsReReferral), Is.EqualTo(new[] { false, true }));
        var dayLater = Derive(Case(referrals: [Referral("R1", "2015-01-15", closed: "2015-02-01"), Referral("R2", "2016-01-16")]));
        Assert.That(dayLater.Referrals.Select(r => r.IsReReferral), Is.EqualTo(new[] { false, false }));
    }

    [Test]
    public void Two_referrals_on_the_same_date_are_not_re_referrals_of_each_other()
    {
        var facts = Derive(Case(referrals: [Referral("R1", "2015-06-01"), Referral("R2", "2015-06-01")]));
        Assert.That(facts.Referrals.Select(r => r.IsReReferral), Is.EqualTo(new[] { false, false }));
    }

    [Test]
    public void A_derived_referral_followed_by_a_real_one_makes_the_real_one_a_re_referral()
    {
        // Contact received 2015-06-01 09:00, decided 2015-06-03: late, so a derived referral dated 2015-06-02, closed 2015-06-03.
        var facts = Derive(Case(contacts: [Contact("C1", "2015-06-01T09:00", "2015-06-03T10:00", "REFERRAL")], referrals: [Referral("R1", "2015-08-01")]));
        Assert.That(facts.Referrals.Select(r => (r.ReferralId, r.ReferralDate, r.IsDerived, r.IsReReferral)), Is.EqualTo(new[]
        {
            ("DERIVED-C1", D("2015-06-02"), true, false),
            ("R1", D("2015-08-01"), false, true),
        }));
    }

    private static CpPlan Plan(string id, string start, string? end, params string[] reviews) =>
        new(id, "R1", "A", D(start), end is null ? null : D(end), "NEGLECT",
            reviews.Select((r, i) => new CpReview($"{id}-V{i + 1}", id, D(r), "Y")).ToList());

    private static IReadOnlyList<ReviewObligation> Chain(CpPlan plan, string asAt = "2016-02-01T06:00:00") =>
        Derive(Case(plans: [plan]), Context(asAt)).CpPlans.Single().ReviewObligations;

    [Test]
    public void A_CP_plan_starting_on_30_November_has_its_first_review_due_on_the_last_day_of_February()
    {
        Assert.That(Chain(Plan("P1", "2015-11-30", null)).Single().DueDate, Is.EqualTo(D("2016-02-29")));   // leap year
        Assert.That(Chain(Plan("P2", "2014-11-30", null)).Single().DueDate, Is.EqualTo(D("2015-02-28")));
    }

    [Test]
    public void A_late_review_shifts_the_rest_of_the_chain()
    {
        // Start 2015-01-10: due1 2015-04-10, held 2015-04-20 (late). due2 = 2015-04-20 + 6 months = 2015-10-20, held that day (met).
        // due3 = 2016-04-20: after as-at, not held: exists (plan open) but not reported yet.
        var chain = Chain(Plan("P1", "2015-01-10", null, "2015-04-20", "2015-10-20"));
        Assert.That(chain.Select(o => (o.Sequence, o.DueDate, o.ReviewDate, o.ReportedOn, o.MetOnTime)), Is.EqualTo(new[]
        {
            (1, D("2015-04-10"), (DateOnly?)D("2015-04-20"), (DateOnly?)D("2015-04-20"), false),
            (2, D("2015-10-20"), (DateOnly?)D("2015-10-20"), (DateOnly?)D("2015-10-20"), true),
            (3, D("2016-04-20"), (DateOnly?)null, (DateOnly?)null, false),
        }));
    }

    [Test]
    public void A_plan_that_ended_on_or_before_its_first_due_date_owes_no_review()
    {
        Assert.That(Chain(Plan("P1", "2015-06-01", "2015-08-15")), Is.Empty);
        Assert.That(Chain(Plan("P2", "2015-06-01", "2015-09-01")), Is.Empty, "ended on the due date");
        var missed = Chain(Plan("P3", "2015-06-01", "2015-09-02")).Single();
        Assert.That((missed.DueDate, missed.ReportedOn, missed.MetOnTime), Is.EqualTo((D("2015-09-01"), (DateOnly?)D("2015-09-01"), false)));
    }

    [Test]
    public void The_chain_stops_at_the_first_review_not_held_and_reports_it_at_its_due_date_once_reached()
    {
        // Start 2015-05-01: due1 2015-08-01 held 2015-07-30; due2 2016-01-30 not held; as-at 2016-01-30 reaches it.
        var chain = Chain(Plan("P1", "2015-05-01", null, "2015-07-30"), "2016-01-30T00:00:00");
        Assert.That(chain.Select(o => (o.Sequence, o.ReportedOn, o.Status)), Is.EqualTo(new[]
        {
            (1, (DateOnly?)D("2015-07-30"), "Timely"),
            (2, (DateOnly?)D("2016-01-30"), "OverdueOpen"),
        }));
        Assert.That(Chain(Plan("P1", "2015-05-01", null, "2015-07-30"), "2016-01-29T23:59:00")[1].Status, Is.EqualTo("NotYetDue"));
    }

    [Test]
    public void Two_reviews_on_one_date_meet_two_obligations()
    {
        var chain = Chain(Plan("P1", "2015-05-01", null, "2015-07-30", "2015-07-30"));
        Assert.That(chain.Take(2).Select(o => o.MetOnTime), Is.EqualTo(new[] { true, true }));
        Assert.That(chain[2].DueDate, Is.EqualTo(D("2016-01-30")));
    }

    [Test]
    public void A_CP_visit_due_on_the_period_end_is_on_time_and_a_day_earlier_is_late()
    {
        ChildFacts Child(string id, string planStart, params (string Date, string Seen)[] visits) => ChildDerivation.Derive(new ChildCase
        {
            Child = new Child(id, D("2010-01-01"), "F", null),
            CpPlans = [new CpPlan("P-" + id, "R1", id, D(planStart), null, "NEGLECT", [])],
            Visits = visits.Select((v, i) => new Visit($"{id}-{i}", id, D(v.Date), "CP", v.Seen, "N", "HOME", null)).ToList(),
        }, Context());
        var e = D("2015-12-31");
        // 2015-12-15 + 10 WD = 2015-12-31 (25 and 28 Dec closed): on time at E. 2015-12-14 + 10 WD = 2015-12-30: late.
        Assert.That(ChildDerivation.CpVisitStatusAt(Child("A", "2015-11-02", ("2015-12-15", "Y")), e, Calendar)!.OnTime, Is.True);
        Assert.That(ChildDerivation.CpVisitStatusAt(Child("B", "2015-11-02", ("2015-12-14", "Y"), ("2015-12-20", "N")), e, Calendar)!.OnTime, Is.False,
            "a visit where the child was not seen does not count");
        // Plan from 2015-12-21: first visit due 2016-01-07 (10 WD), so not yet in the denominator at 2015-12-31.
        Assert.That(ChildDerivation.CpVisitStatusAt(Child("C", "2015-12-21"), e, Calendar), Is.Null);
        Assert.That(ChildDerivation.CpVisitStatusAt(Child("C", "2015-12-21"), D("2016-01-07"), Calendar)!.OnTime, Is.False);
    }

    [Test]
    public void ICPC_is_due_15_working_days_after_the_strategy_discussion()
    {
        var s47 = new S47Enquiry("S1", "R1", "A", D("2025-12-19"), D("2025-12-22"), null, "Y", D("2026-01-14"), null);
        var fact = ChildDerivation.DeriveS47(s47, Context());
        Assert.That((fact.IcpcDue, fact.IcpcTimely), Is.EqualTo((D("2026-01-14"), (bool?)true)));
    }
}
