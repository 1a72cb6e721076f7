using System.Globalization;

namespace ChildrensWarehouse.Tests.TestSupport;

/// <summary>
/// A small council of about 160 children with 30 months of casework, made from a fixed seed, so the report pack has a
/// trend on every chart. Workers and teams include HTML and formula text (the pack must show them as text), and one
/// contact row is bad (quarantined) so the data-quality page has an item.
/// </summary>
public static class PackExtract
{
    public const string ScriptWorker = "<script>alert(1)</script>";
    public const string ImageTeam = "<img src=x onerror=alert(1)>";
    public const string FormulaWorker = "=HYPERLINK(\"evil.invalid\",\"click\")";
    public const string HtmlChildId = "C<b>7</b>";

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string T(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    public static TestExtract Build(int children = 160, int seed = 874)
    {
        var random = new Random(seed);
        var x = new TestExtract { ExtractedAt = "2016-01-31T20:00:00", Population = 4000 };
        var asAt = new DateOnly(2016, 1, 31);
        x.Row("teams", ("team_id", "T1"), ("team_name", "Assessment team"), ("service_area", "ASSESSMENT"));
        x.Row("teams", ("team_id", "T2"), ("team_name", "Children in care"), ("service_area", "CHILDREN_IN_CARE"));
        x.Row("teams", ("team_id", "T3"), ("team_name", ImageTeam), ("service_area", "FAMILY_SUPPORT"));
        var workers = new[] { ("W1", "Sam O'Neil", "T1"), ("W2", ScriptWorker, "T3"), ("W3", FormulaWorker, "T2"), ("W4", "Ana Lee", "T2"), ("W5", "Jo Bloggs & Co", "T1") };
        foreach (var (id, name, team) in workers)
        {
            x.Row("workers", ("worker_id", id), ("display_name", name), ("team_id", team), ("role", "QSW"), ("fte", "1"), ("start_date", "2010-01-01"));
        }
        var start = new DateOnly(2013, 8, 1);
        var span = asAt.DayNumber - start.DayNumber;
        DateOnly Day(int from, int to) => start.AddDays(random.Next(from, Math.Max(from + 1, to)));

        for (var n = 1; n <= children; n++)
        {
            var child = n == 7 ? HtmlChildId : "C" + n.ToString("000", CultureInfo.InvariantCulture);
            var born = new DateOnly(2000 + random.Next(0, 15), random.Next(1, 13), random.Next(1, 28));
            x.Child(child, D(born), random.Next(2) == 0 ? "F" : "M");
            var worker = workers[random.Next(workers.Length)].Item1;
            x.Row("allocations", ("allocation_id", "AL" + n), ("child_id", child), ("worker_id", worker), ("start_date", "2013-06-01"));
            if (random.NextDouble() < 0.7) x.Row("case_supervisions", ("supervision_id", "SV" + n), ("child_id", child), ("worker_id", worker), ("supervision_date", D(asAt.AddDays(-random.Next(0, 50)))));

            // Front door: one to three contacts, most turned into referrals and assessments.
            var contacts = random.Next(1, 4);
            for (var c = 0; c < contacts; c++)
            {
                var received = Day(150, span - 2).ToDateTime(new TimeOnly(random.Next(8, 17), 0));
                var decided = received.AddHours(random.NextDouble() < 0.85 ? random.Next(1, 23) : random.Next(25, 60));
                var contactId = $"CT{n}-{c}";
                var toReferral = random.NextDouble() < 0.6;
                x.Row("contacts", ("contact_id", contactId), ("child_id", child), ("received_at", T(received)), ("source", "1A"),
                    ("decision_at", T(decided)), ("outcome", toReferral ? "REFERRAL" : random.Next(2) == 0 ? "NFA" : "ADVICE"));
                if (!toReferral) continue;
                var referralDate = DateOnly.FromDateTime(decided);
                if (referralDate > asAt) continue;
                var referralId = $"R{n}-{c}";
                x.Row("referrals", ("referral_id", referralId), ("child_id", child), ("contact_id", contactId), ("referral_date", D(referralDate)), ("source", "1A"),
                    ("closure_date", random.NextDouble() < 0.5 ? D(referralDate.AddDays(random.Next(60, 200))) : null));
                if (random.NextDouble() < 0.85)
                {
                    var assessmentStart = referralDate.AddDays(random.Next(0, 5));
                    var authorised = assessmentStart.AddDays(random.NextDouble() < 0.8 ? random.Next(10, 42) : random.Next(43, 70));
                    x.Row("assessments", ("assessment_id", $"A{n}-{c}"), ("referral_id", referralId), ("child_id", child), ("start_date", D(assessmentStart)),
                        ("authorised_date", authorised <= asAt ? D(authorised) : null), ("outcome", random.NextDouble() < 0.3 ? "NFA" : "CIN_PLAN"), ("worker_id", worker));
                }
                if (random.NextDouble() < 0.2)
                {
                    x.Row("s47_enquiries", ("s47_id", $"S{n}-{c}"), ("referral_id", referralId), ("child_id", child), ("strategy_date", D(referralDate)),
                        ("start_date", D(referralDate)), ("icpc_required", "N"), ("outcome", "NFA"));
                }
            }
            if (random.NextDouble() < 0.15)
            {
                var eh = Day(0, span - 30);
                x.Row("early_help", ("early_help_id", "EH" + n), ("child_id", child), ("start_date", D(eh)), ("end_date", random.NextDouble() < 0.5 ? D(eh.AddDays(random.Next(60, 300))) : null));
            }

            // Child protection for about one child in eight.
            if (random.NextDouble() < 0.12)
            {
                var referralId = "RCP" + n;
                var planStart = Day(30, span - 40);
                x.Row("referrals", ("referral_id", referralId), ("child_id", child), ("referral_date", D(planStart.AddDays(-20))), ("source", "1A"));
                var planEnd = random.NextDouble() < 0.5 ? planStart.AddDays(random.Next(120, 500)) : (DateOnly?)null;
                if (planEnd > asAt) planEnd = null;
                x.Row("cp_plans", ("cp_plan_id", "CP" + n), ("referral_id", referralId), ("child_id", child), ("start_date", D(planStart)),
                    ("end_date", planEnd is null ? null : D(planEnd.Value)), ("category", "NEGLECT"));
                var review = planStart.AddMonths(3).AddDays(random.NextDouble() < 0.85 ? -random.Next(0, 10) : random.Next(1, 20));
                for (var r = 0; review <= (planEnd ?? asAt); r++)
                {
                    x.Row("cp_reviews", ("cp_review_id", $"CPR{n}-{r}"), ("cp_plan_id", "CP" + n), ("review_date", D(review)));
                    review = review.AddMonths(6).AddDays(random.NextDouble() < 0.85 ? -random.Next(0, 10) : random.Next(1, 20));
                }
                var visit = planStart.AddDays(random.Next(1, 8));
                for (var v = 0; visit <= (planEnd ?? asAt); v++)
                {
                    x.Row("visits", ("visit_id", $"CPV{n}-{v}"), ("child_id", child), ("visit_date", D(visit)), ("visit_type", "CP"), ("seen", "Y"), ("seen_alone", "Y"), ("location", "HOME"));
                    visit = visit.AddDays(random.NextDouble() < 0.85 ? random.Next(7, 13) : random.Next(15, 25));
                }
            }

            // Looked after for about one child in six.
            if (random.NextDouble() < 0.17)
            {
                var entry = Day(0, span - 25);
                var leave = random.NextDouble() < 0.35 ? entry.AddDays(random.Next(90, 600)) : (DateOnly?)null;
                if (leave > asAt) leave = null;
                var ceased = random.NextDouble() < 0.4 ? "E11" : random.NextDouble() < 0.5 ? "E13" : "E8";
                x.Row("cla_episodes", ("episode_id", "CLA" + n), ("child_id", child), ("start_date", D(entry)), ("end_date", leave is null ? null : D(leave.Value)),
                    ("legal_status", "C2"), ("reason_new_episode", "S"), ("placement_type", "U1"), ("reason_ceased", leave is null ? null : ceased));
                var until = leave ?? asAt;
                x.Row("health_assessments", ("health_assessment_id", "IHA" + n), ("child_id", child), ("assessment_type", "IHA"),
                    ("completed_date", D(entry.AddDays(random.NextDouble() < 0.6 ? random.Next(5, 26) : random.Next(30, 60)))));
                for (var (r, review) = (0, entry.AddDays(random.NextDouble() < 0.85 ? 25 : 35)); review <= until; r++)
                {
                    x.Row("cla_reviews", ("cla_review_id", $"CLR{n}-{r}"), ("child_id", child), ("review_date", D(review)));
                    review = review.AddMonths(r == 0 ? 3 : 6).AddDays(random.NextDouble() < 0.85 ? -random.Next(0, 10) : random.Next(1, 20));
                }
                for (var (v, visit) = (0, entry.AddDays(random.Next(2, 8))); visit <= until; v++)
                {
                    x.Row("visits", ("visit_id", $"CLV{n}-{v}"), ("child_id", child), ("visit_date", D(visit)), ("visit_type", "CLA"), ("seen", "Y"), ("seen_alone", "Y"), ("location", "PLACEMENT"));
                    visit = visit.AddDays(random.NextDouble() < 0.85 ? random.Next(20, 42) : random.Next(45, 70));
                }
                for (var (h, check) = (0, entry.AddDays(random.Next(100, 300))); check <= until; h++)
                {
                    x.Row("health_assessments", ("health_assessment_id", $"RHA{n}-{h}"), ("child_id", child), ("assessment_type", "RHA"), ("completed_date", D(check)));
                    x.Row("dental_checks", ("dental_check_id", $"DC{n}-{h}"), ("child_id", child), ("check_date", D(check.AddDays(random.Next(0, 60)))));
                    check = check.AddDays(random.Next(250, 420));
                }
                for (var (p, pep) = (0, entry.AddDays(random.Next(10, 40))); pep <= until; p++)
                {
                    x.Row("peps", ("pep_id", $"PEP{n}-{p}"), ("child_id", child), ("pep_date", D(pep)), ("pep_type", p == 0 ? "INITIAL" : "REVIEW"));
                    pep = pep.AddDays(random.Next(120, 220));
                }
            }
        }

        // A contact with an unknown source is quarantined; its child is allocated to the worker with HTML in the name.
        x.RawLine("contacts", "CTBAD,C002,2016-01-10T10:00:00,ZZ,,,,2016-01-20T00:00:00");
        x.Row("allocations", ("allocation_id", "ALBAD"), ("child_id", "C002"), ("worker_id", "W2"), ("start_date", "2015-12-01"));
        x.RawLine("contacts", "CTBAD3,C003,2016-01-12T10:00:00,ZZ,,,,2016-01-25T00:00:00");
        x.Row("allocations", ("allocation_id", "ALBAD3"), ("child_id", "C003"), ("worker_id", "W3"), ("start_date", "2015-12-02"));

        foreach (var (code, target, tolerance, upper) in new (string, string, string, string?)[]
        {
            ("K01", "45", "5", null), ("K02", "550", "50", null), ("K03", "85", "5", null), ("K04", "60", "10", null), ("K05", "85", "5", null),
            ("K05M", "85", "5", null), ("K06", "20", "3", null), ("K07", "35", "5", "50"), ("K08", "100", "5", null), ("K09", "90", "5", null),
            ("K10", "55", "5", "70"), ("K11", "10", "2", null), ("K12", "95", "5", null), ("K13", "90", "5", null), ("K14", "90", "10", null),
            ("K14M", "90", "10", null), ("K15", "90", "5", null), ("K16", "80", "5", null), ("K17", "95", "5", null), ("K18", "3", "1", null),
            ("K01T", "95", "3", null), ("K24", "90", "5", null),
        })
        {
            x.Row("targets", ("indicator_code", code), ("valid_from", "2013-04-01"), ("target", target), ("amber_tolerance", tolerance), ("target_upper", upper));
        }
        foreach (var (code, v2014, v2015) in new[] { ("K01", "42", "44.5"), ("K02", "520", "548.3"), ("K05", "78", "81.2"), ("K07", "40.1", "42.7"), ("K10", "57", "60.3"), ("K12", "90", "92.5"), ("K14", "70", "75") })
        {
            x.Row("stat_neighbours", ("indicator_code", code), ("period_end", "2014-03-31"), ("value", v2014));
            x.Row("stat_neighbours", ("indicator_code", code), ("period_end", "2015-03-31"), ("value", v2015));
        }
        return x;
    }
}
