using System.Text.RegularExpressions;

namespace ChildrensWarehouse.Tests.Seeds;

/// <summary>
/// The checks of CASE_SYSTEM.md "Validation", written out here from the document (not taken from
/// the generator), applied to an extract folder. Rows listed in defects.csv are left out; every
/// other row must pass. Returns one line per problem (empty when the extract is valid).
/// </summary>
public static partial class SeedContractChecker
{
    public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>
    {
        ["children"] = ["child_id", "nhs_number", "upn", "first_name", "last_name", "date_of_birth", "expected_date_of_birth", "sex", "ethnicity", "disability", "uasc", "date_of_death", "last_modified"],
        ["teams"] = ["team_id", "team_name", "service_area", "last_modified"],
        ["workers"] = ["worker_id", "display_name", "team_id", "role", "fte", "start_date", "end_date", "agency", "last_modified"],
        ["allocations"] = ["allocation_id", "child_id", "worker_id", "start_date", "end_date", "last_modified"],
        ["contacts"] = ["contact_id", "child_id", "received_at", "source", "decision_at", "outcome", "worker_id", "last_modified"],
        ["referrals"] = ["referral_id", "child_id", "contact_id", "referral_date", "source", "primary_need", "closure_date", "closure_reason", "last_modified"],
        ["assessments"] = ["assessment_id", "referral_id", "child_id", "start_date", "authorised_date", "outcome", "factors", "worker_id", "last_modified"],
        ["early_help"] = ["early_help_id", "child_id", "start_date", "end_date", "assessment_date", "lead_agency", "last_modified"],
        ["s47_enquiries"] = ["s47_id", "referral_id", "child_id", "strategy_date", "start_date", "end_date", "icpc_required", "icpc_date", "outcome", "last_modified"],
        ["cin_plans"] = ["cin_plan_id", "referral_id", "child_id", "start_date", "end_date", "last_modified"],
        ["cp_plans"] = ["cp_plan_id", "referral_id", "child_id", "start_date", "end_date", "category", "last_modified"],
        ["cp_reviews"] = ["cp_review_id", "cp_plan_id", "review_date", "quorate", "last_modified"],
        ["visits"] = ["visit_id", "child_id", "visit_date", "visit_type", "seen", "seen_alone", "location", "worker_id", "last_modified"],
        ["cla_episodes"] = ["episode_id", "child_id", "start_date", "end_date", "legal_status", "reason_new_episode", "placement_type", "placement_provider", "reason_ceased", "carer_id", "placement_postcode_district", "last_modified"],
        ["cla_reviews"] = ["cla_review_id", "child_id", "review_date", "participation", "last_modified"],
        ["health_assessments"] = ["health_assessment_id", "child_id", "assessment_type", "completed_date", "last_modified"],
        ["dental_checks"] = ["dental_check_id", "child_id", "check_date", "last_modified"],
        ["immunisations"] = ["child_id", "as_at_date", "up_to_date", "last_modified"],
        ["peps"] = ["pep_id", "child_id", "pep_date", "pep_type", "last_modified"],
        ["proceedings"] = ["proceedings_id", "child_id", "issued_date", "final_order_date", "final_order", "last_modified"],
        ["adoptions"] = ["child_id", "adm_decision_date", "placement_order_date", "matched_date", "placed_date", "adoption_order_date", "last_modified"],
        ["care_leavers"] = ["care_leaver_id", "child_id", "birthday_date", "contact_date", "in_touch", "activity", "accommodation", "accommodation_suitable", "last_modified"],
        ["foster_carers"] = ["carer_id", "carer_type", "approved_date", "deregistered_date", "places", "last_modified"],
        ["case_supervisions"] = ["supervision_id", "child_id", "worker_id", "supervision_date", "last_modified"],
    };

    private static readonly Dictionary<string, string[]> Required = new()
    {
        ["children"] = ["child_id", "sex", "last_modified"],
        ["teams"] = ["team_id", "team_name", "service_area", "last_modified"],
        ["workers"] = ["worker_id", "display_name", "team_id", "role", "fte", "start_date", "last_modified"],
        ["allocations"] = ["allocation_id", "child_id", "worker_id", "start_date", "last_modified"],
        ["contacts"] = ["contact_id", "child_id", "received_at", "source", "last_modified"],
        ["referrals"] = ["referral_id", "child_id", "referral_date", "source", "last_modified"],
        ["assessments"] = ["assessment_id", "referral_id", "child_id", "start_date", "last_modified"],
        ["early_help"] = ["early_help_id", "child_id", "start_date", "last_modified"],
        ["s47_enquiries"] = ["s47_id", "referral_id", "child_id", "start_date", "last_modified"],
        ["cin_plans"] = ["cin_plan_id", "referral_id", "child_id", "start_date", "last_modified"],
        ["cp_plans"] = ["cp_plan_id", "referral_id", "child_id", "start_date", "category", "last_modified"],
        ["cp_reviews"] = ["cp_review_id", "cp_plan_id", "review_date", "last_modified"],
        ["visits"] = ["visit_id", "child_id", "visit_date", "visit_type", "seen", "last_modified"],
        ["cla_episodes"] = ["episode_id", "child_id", "start_date", "legal_status", "reason_new_episode", "placement_type", "last_modified"],
        ["cla_reviews"] = ["cla_review_id", "child_id", "review_date", "last_modified"],
        ["health_assessments"] = ["health_assessment_id", "child_id", "assessment_type", "completed_date", "last_modified"],
        ["dental_checks"] = ["dental_check_id", "child_id", "check_date", "last_modified"],
        ["immunisations"] = ["child_id", "as_at_date", "up_to_date", "last_modified"],
        ["peps"] = ["pep_id", "child_id", "pep_date", "pep_type", "last_modified"],
        ["proceedings"] = ["proceedings_id", "child_id", "issued_date", "last_modified"],
        ["adoptions"] = ["child_id", "last_modified"],
        ["care_leavers"] = ["care_leaver_id", "child_id", "birthday_date", "in_touch", "last_modified"],
        ["foster_carers"] = ["carer_id", "carer_type", "approved_date", "places", "last_modified"],
        ["case_supervisions"] = ["supervision_id", "child_id", "worker_id", "supervision_date", "last_modified"],
    };

    private static string[] Codes(string list) => list.Split(' ');

    private static readonly Dictionary<(string, string), string[]> CodeLists = new()
    {
        [("children", "sex")] = Codes("M F U"),
        [("children", "disability")] = Codes("Y N"),
        [("children", "uasc")] = Codes("Y N"),
        [("teams", "service_area")] = Codes("FRONT_DOOR ASSESSMENT FAMILY_SUPPORT CHILDREN_IN_CARE LEAVING_CARE EARLY_HELP ADOPTION"),
        [("workers", "role")] = Codes("QSW ASYE TEAM_MANAGER SUPPORT_WORKER IRO"),
        [("workers", "agency")] = Codes("Y N"),
        [("contacts", "source")] = Codes("1A 1B 1C 1D 1E 1F 2A 2B 3A 3B 3C 3D 3E 3F 4 5A 5B 5C 5D 6 7 8 9 10"),
        [("contacts", "outcome")] = Codes("NFA ADVICE EARLY_HELP REFERRAL EXISTING_CASE"),
        [("referrals", "source")] = Codes("1A 1B 1C 1D 1E 1F 2A 2B 3A 3B 3C 3D 3E 3F 4 5A 5B 5C 5D 6 7 8 9 10"),
        [("referrals", "primary_need")] = Codes("N1 N2 N3 N4 N5 N6 N7 N8 N9"),
        [("referrals", "closure_reason")] = Codes("RC1 RC2 RC3 RC4 RC5 RC6 RC7 RC8"),
        [("assessments", "outcome")] = Codes("NFA CIN_PLAN S47 EARLY_HELP CP_CONFERENCE LOOKED_AFTER"),
        [("s47_enquiries", "icpc_required")] = Codes("Y N"),
        [("s47_enquiries", "outcome")] = Codes("NFA CP_PLAN CIN_PLAN ONGOING"),
        [("cp_plans", "category")] = Codes("NEGLECT PHYSICAL EMOTIONAL SEXUAL MULTIPLE"),
        [("cp_reviews", "quorate")] = Codes("Y N"),
        [("visits", "visit_type")] = Codes("CP CLA CIN"),
        [("visits", "seen")] = Codes("Y N"),
        [("visits", "seen_alone")] = Codes("Y N"),
        [("visits", "location")] = Codes("HOME PLACEMENT SCHOOL OFFICE OTHER"),
        [("cla_episodes", "legal_status")] = Codes("C1 C2 D1 E1 J1 J2 J3 L1 L2 L3 V2 V3 V4"),
        [("cla_episodes", "reason_new_episode")] = Codes("S L P B T U"),
        [("cla_episodes", "placement_type")] = Codes("A3 A4 A5 A6 H5 K1 K2 P1 P2 P3 R1 R2 R3 R4 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6 Z1"),
        [("cla_episodes", "placement_provider")] = Codes("PR0 PR1 PR2 PR3 PR4 PR5"),
        [("cla_episodes", "reason_ceased")] = Codes("E11 E12 E13 E14 E15 E16 E17 E2 E3 E41 E45 E46 E47 E48 E4A E4B E5 E6 E7 E8 E9"),
        [("cla_reviews", "participation")] = Codes("PN0 PN1 PN2 PN3 PN4 PN5 PN6 PN7"),
        [("health_assessments", "assessment_type")] = Codes("IHA RHA"),
        [("immunisations", "up_to_date")] = Codes("Y N"),
        [("peps", "pep_type")] = Codes("INITIAL REVIEW"),
        [("proceedings", "final_order")] = Codes("CO SGO PO RO SO NO_ORDER WITHDRAWN"),
        [("care_leavers", "in_touch")] = Codes("YES NO DIED REFU NREQ RHOM"),
        [("care_leavers", "activity")] = Codes("F1 P1 F2 P2 F4 P4 F5 P5 G4 G5 G6"),
        [("care_leavers", "accommodation")] = Codes("B C D E G H K R S T U V W X Y Z"),
        [("care_leavers", "accommodation_suitable")] = Codes("Y N"),
        [("foster_carers", "carer_type")] = Codes("IN_HOUSE IFA CONNECTED"),
    };

    private static readonly Dictionary<string, (string Start, string End)[]> EndPairs = new()
    {
        ["children"] = [("date_of_birth", "date_of_death")],
        ["workers"] = [("start_date", "end_date")],
        ["allocations"] = [("start_date", "end_date")],
        ["early_help"] = [("start_date", "end_date")],
        ["s47_enquiries"] = [("start_date", "end_date")],
        ["cin_plans"] = [("start_date", "end_date")],
        ["cp_plans"] = [("start_date", "end_date")],
        ["cla_episodes"] = [("start_date", "end_date")],
        ["contacts"] = [("received_at", "decision_at")],
        ["referrals"] = [("referral_date", "closure_date")],
        ["assessments"] = [("start_date", "authorised_date")],
        ["proceedings"] = [("issued_date", "final_order_date")],
        ["foster_carers"] = [("approved_date", "deregistered_date")],
    };

    public static readonly IReadOnlyDictionary<string, string> IdColumns = new Dictionary<string, string>
    {
        ["children"] = "child_id",
        ["teams"] = "team_id",
        ["workers"] = "worker_id",
        ["allocations"] = "allocation_id",
        ["contacts"] = "contact_id",
        ["referrals"] = "referral_id",
        ["assessments"] = "assessment_id",
        ["early_help"] = "early_help_id",
        ["s47_enquiries"] = "s47_id",
        ["cin_plans"] = "cin_plan_id",
        ["cp_plans"] = "cp_plan_id",
        ["cp_reviews"] = "cp_review_id",
        ["visits"] = "visit_id",
        ["cla_episodes"] = "episode_id",
        ["cla_reviews"] = "cla_review_id",
        ["health_assessments"] = "health_assessment_id",
        ["dental_checks"] = "dental_check_id",
        ["peps"] = "pep_id",
        ["proceedings"] = "proceedings_id",
        ["care_leavers"] = "care_leaver_id",
        ["foster_carers"] = "carer_id",
        ["case_supervisions"] = "supervision_id",
    };

    private static readonly (string Table, string Column, string Parent)[] ForeignKeys =
    [
        ("workers", "team_id", "teams"), ("allocations", "worker_id", "workers"), ("case_supervisions", "worker_id", "workers"),
        ("contacts", "worker_id", "workers"), ("assessments", "worker_id", "workers"), ("visits", "worker_id", "workers"),
        ("referrals", "contact_id", "contacts"), ("assessments", "referral_id", "referrals"), ("s47_enquiries", "referral_id", "referrals"),
        ("cin_plans", "referral_id", "referrals"), ("cp_plans", "referral_id", "referrals"), ("cp_reviews", "cp_plan_id", "cp_plans"),
    ];

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$")]
    private static partial Regex TimestampPattern();

    private static bool IsTimestampColumn(string column) => column is "received_at" or "decision_at" or "last_modified";

    private static bool IsDateColumn(string column)
        => (column.EndsWith("_date", StringComparison.Ordinal) && column != "up_to_date") || column is "date_of_birth" or "date_of_death" or "expected_date_of_birth";

    /// <summary>Loads the 24 tables, leaving out the rows that defects.csv lists.</summary>
    public static Dictionary<string, List<SeedCsvRecord>> Load(string folder, List<string> problems)
    {
        var listed = new HashSet<(string, long)>();
        var defects = Path.Combine(folder, "defects.csv");
        if (File.Exists(defects))
        {
            foreach (var d in SeedExtractFiles.Read(defects).Records)
            {
                listed.Add((d["table"]!, long.Parse(d["line"]!, System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        var tables = new Dictionary<string, List<SeedCsvRecord>>(StringComparer.Ordinal);
        foreach (var (table, columns) in Columns)
        {
            var (header, records) = SeedExtractFiles.Read(Path.Combine(folder, table + ".csv"));
            if (!header.SequenceEqual(columns))
            {
                problems.Add($"{table}: header {string.Join(",", header)}");
            }
            tables[table] = records.Where(r => !listed.Contains((table, r.Line))).ToList();
        }
        return tables;
    }

    public static List<string> Check(string folder)
    {
        var problems = new List<string>();
        var manifest = SeedExtractFiles.Manifest(folder);
        var extractedAt = SeedExtractFiles.Timestamp(manifest.GetProperty("extracted_at").GetString())!.Value;
        var tables = Load(folder, problems);

        foreach (var (table, rows) in tables)
        {
            foreach (var row in rows)
            {
                CheckRow(table, row, extractedAt, problems);
            }
            if (IdColumns.TryGetValue(table, out var id))
            {
                foreach (var dup in rows.GroupBy(r => r[id]).Where(g => g.Count() > 1))
                {
                    problems.Add($"{table}: duplicate id {dup.Key}");
                }
            }
        }
        foreach (var dup in tables["immunisations"].GroupBy(r => (r["child_id"], r["as_at_date"])).Where(g => g.Count() > 1))
        {
            problems.Add($"immunisations: duplicate key {dup.Key}");
        }
        foreach (var dup in tables["adoptions"].GroupBy(r => r["child_id"]).Where(g => g.Count() > 1))
        {
            problems.Add($"adoptions: duplicate child {dup.Key}");
        }

        var children = tables["children"].Select(r => r["child_id"]!).ToHashSet(StringComparer.Ordinal);
        foreach (var (table, rows) in tables)
        {
            if (table == "children" || !Columns[table].Contains("child_id"))
            {
                continue;
            }
            foreach (var row in rows.Where(r => !children.Contains(r["child_id"]!)))
            {
                problems.Add($"{table} line {row.Line}: orphan child_id {row["child_id"]}");
            }
        }
        foreach (var (table, column, parent) in ForeignKeys)
        {
            var keys = tables[parent].Select(r => r[IdColumns[parent]]!).ToHashSet(StringComparer.Ordinal);
            foreach (var row in tables[table].Where(r => r[column] is { } v && !keys.Contains(v)))
            {
                problems.Add($"{table} line {row.Line}: {column} {row[column]} not in {parent}");
            }
        }

        foreach (var child in tables["cla_episodes"].GroupBy(r => r["child_id"]))
        {
            // Rows whose dates do not parse are reported above; they take no part in the overlap check.
            var episodes = child
                .Where(r => TryDate(r["start_date"], out _) && (r["end_date"] is null || TryDate(r["end_date"], out _)))
                .Select(r => (Start: SeedExtractFiles.Date(r["start_date"])!.Value, End: SeedExtractFiles.Date(r["end_date"]) ?? DateOnly.MaxValue, r.Line))
                .Where(e => e.End >= e.Start)
                .OrderBy(e => e.Start).ThenBy(e => e.End).ToList();
            for (var i = 1; i < episodes.Count; i++)
            {
                if (episodes[i].Start < episodes[i - 1].End)
                {
                    problems.Add($"cla_episodes line {episodes[i].Line}: overlaps the episode on line {episodes[i - 1].Line}");
                }
            }
        }
        return problems;
    }

    private static bool TryDate(string? text, out DateOnly date)
        => DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date);

    private static void CheckRow(string table, SeedCsvRecord row, DateTime extractedAt, List<string> problems)
    {
        foreach (var column in Required[table])
        {
            if (row[column] is null)
            {
                problems.Add($"{table} line {row.Line}: {column} missing");
            }
        }
        foreach (var (column, value) in row.Values)
        {
            if (value is null)
            {
                continue;
            }
            if (IsTimestampColumn(column))
            {
                if (!TimestampPattern().IsMatch(value) || SeedExtractFiles.Timestamp(value) is not { } t)
                {
                    problems.Add($"{table} line {row.Line}: {column} '{value}' is not a timestamp");
                }
                else if (t > extractedAt)
                {
                    problems.Add($"{table} line {row.Line}: {column} {value} after extracted_at");
                }
            }
            else if (IsDateColumn(column))
            {
                if (!DatePattern().IsMatch(value) || !DateOnly.TryParseExact(value, "yyyy-MM-dd", out _))
                {
                    problems.Add($"{table} line {row.Line}: {column} '{value}' is not a date");
                }
            }
            if (CodeLists.TryGetValue((table, column), out var codes) && !codes.Contains(value))
            {
                problems.Add($"{table} line {row.Line}: {column} '{value}' outside the code list");
            }
        }
        if (EndPairs.TryGetValue(table, out var pairs))
        {
            foreach (var (start, end) in pairs)
            {
                if (row[start] is { } s && row[end] is { } e && string.CompareOrdinal(e, s) < 0)
                {
                    problems.Add($"{table} line {row.Line}: {end} {e} before {start} {s}");
                }
            }
        }
        if (table == "workers" && row["fte"] is { } fte && !decimal.TryParse(fte, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            problems.Add($"workers line {row.Line}: fte '{fte}'");
        }
        if (table == "foster_carers" && row["places"] is { } places && !int.TryParse(places, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            problems.Add($"foster_carers line {row.Line}: places '{places}'");
        }
    }
}
