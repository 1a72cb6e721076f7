namespace ChildrensWarehouse.Contract;

/// <summary>The case-system extract contract of CASE_SYSTEM.md, table by table, in load (dependency) order.</summary>
public static class CaseSystemContract
{
    public const int ContractVersion = 1;

    private static IReadOnlySet<string> Set(params string[] codes) => new HashSet<string>(codes, StringComparer.Ordinal);

    private static readonly IReadOnlySet<string> YesNo = Set("Y", "N");

    public static readonly IReadOnlySet<string> ReferralSources = Set(
        "1A", "1B", "1C", "1D", "1E", "1F", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F",
        "4", "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10");

    public static readonly IReadOnlySet<string> LegalStatuses = Set(
        "C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4");

    public static readonly IReadOnlySet<string> PlacementTypes = Set(
        "A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R4", "R5", "S1",
        "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1");

    public static readonly IReadOnlySet<string> ReasonsCeased = Set(
        "E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E41", "E45", "E46", "E47", "E48",
        "E4A", "E4B", "E5", "E6", "E7", "E8", "E9");

    private static ColumnSpec Req(string name, ColumnType type = ColumnType.Text) => new(name, type, true);
    private static ColumnSpec Opt(string name, ColumnType type = ColumnType.Text) => new(name, type, false);
    private static ColumnSpec ReqCode(string name, IReadOnlySet<string> codes) => new(name, ColumnType.Text, true, codes);
    private static ColumnSpec OptCode(string name, IReadOnlySet<string> codes) => new(name, ColumnType.Text, false, codes);
    private static ColumnSpec LastModified => Req("last_modified", ColumnType.Timestamp);
    private static EndAfterStartSpec Pair(string start, string end) => new(start, end);
    private static ForeignKeySpec Fk(string column, string parent) => new(column, parent);
    private static readonly ForeignKeySpec ChildFk = Fk("child_id", "children");

    private static TableSpec Table(string name, string description, string[] key, ColumnSpec[] columns,
        EndAfterStartSpec[]? pairs = null, ForeignKeySpec[]? fks = null)
        => new(name, description, columns, key, pairs ?? [], fks ?? []);

    private static TableSpec Reference(string name, string description, string[] key, ColumnSpec[] columns)
        => new(name, description, columns, key, [], [], IsReference: true);

    /// <summary>The 24 case-system tables, parents before children.</summary>
    public static readonly IReadOnlyList<TableSpec> Tables =
    [
        Table("children", "Children known to the service", ["child_id"],
        [
            Req("child_id"), Opt("nhs_number"), Opt("upn"), Opt("first_name"), Opt("last_name"),
            Opt("date_of_birth", ColumnType.Date), Opt("expected_date_of_birth", ColumnType.Date),
            ReqCode("sex", Set("M", "F", "U")), Opt("ethnicity"), OptCode("disability", YesNo), OptCode("uasc", YesNo),
            Opt("date_of_death", ColumnType.Date), LastModified,
        ], [Pair("date_of_birth", "date_of_death")]),
        Table("teams", "Teams of the service", ["team_id"],
        [
            Req("team_id"), Req("team_name"),
            ReqCode("service_area", Set("FRONT_DOOR", "ASSESSMENT", "FAMILY_SUPPORT", "CHILDREN_IN_CARE", "LEAVING_CARE", "EARLY_HELP", "ADOPTION")),
            LastModified,
        ]),
        Table("workers", "Workers of the service", ["worker_id"],
        [
            Req("worker_id"), Req("display_name"), Req("team_id"),
            ReqCode("role", Set("QSW", "ASYE", "TEAM_MANAGER", "SUPPORT_WORKER", "IRO")),
            Req("fte", ColumnType.Decimal), Req("start_date", ColumnType.Date), Opt("end_date", ColumnType.Date),
            OptCode("agency", YesNo), LastModified,
        ], [Pair("start_date", "end_date")], [Fk("team_id", "teams")]),
        Table("allocations", "Who holds each child's case", ["allocation_id"],
        [
            Req("allocation_id"), Req("child_id"), Req("worker_id"), Req("start_date", ColumnType.Date),
            Opt("end_date", ColumnType.Date), LastModified,
        ], [Pair("start_date", "end_date")], [ChildFk, Fk("worker_id", "workers")]),
        Table("contacts", "Contacts received by the front door", ["contact_id"],
        [
            Req("contact_id"), Req("child_id"), Req("received_at", ColumnType.Timestamp), ReqCode("source", ReferralSources),
            Opt("decision_at", ColumnType.Timestamp), OptCode("outcome", Set("NFA", "ADVICE", "EARLY_HELP", "REFERRAL", "EXISTING_CASE")),
            Opt("worker_id"), LastModified,
        ], [Pair("received_at", "decision_at")], [ChildFk, Fk("worker_id", "workers")]),
        Table("referrals", "Referrals (CIN episodes)", ["referral_id"],
        [
            Req("referral_id"), Req("child_id"), Opt("contact_id"), Req("referral_date", ColumnType.Date),
            ReqCode("source", ReferralSources), OptCode("primary_need", Set("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9")),
            Opt("closure_date", ColumnType.Date), OptCode("closure_reason", Set("RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8")),
            LastModified,
        ], [Pair("referral_date", "closure_date")], [ChildFk, Fk("contact_id", "contacts")]),
        Table("assessments", "Single assessments", ["assessment_id"],
        [
            Req("assessment_id"), Req("referral_id"), Req("child_id"), Req("start_date", ColumnType.Date),
            Opt("authorised_date", ColumnType.Date),
            OptCode("outcome", Set("NFA", "CIN_PLAN", "S47", "EARLY_HELP", "CP_CONFERENCE", "LOOKED_AFTER")),
            Opt("factors"), Opt("worker_id"), LastModified,
        ], [Pair("start_date", "authorised_date")], [ChildFk, Fk("referral_id", "referrals"), Fk("worker_id", "workers")]),
        Table("early_help", "Early help episodes", ["early_help_id"],
        [
            Req("early_help_id"), Req("child_id"), Req("start_date", ColumnType.Date), Opt("end_date", ColumnType.Date),
            Opt("assessment_date", ColumnType.Date), Opt("lead_agency"), LastModified,
        ], [Pair("start_date", "end_date")], [ChildFk]),
        Table("s47_enquiries", "Section 47 enquiries", ["s47_id"],
        [
            Req("s47_id"), Req("referral_id"), Req("child_id"), Opt("strategy_date", ColumnType.Date),
            Req("start_date", ColumnType.Date), Opt("end_date", ColumnType.Date), OptCode("icpc_required", YesNo),
            Opt("icpc_date", ColumnType.Date), OptCode("outcome", Set("NFA", "CP_PLAN", "CIN_PLAN", "ONGOING")), LastModified,
        ], [Pair("start_date", "end_date")], [ChildFk, Fk("referral_id", "referrals")]),
        Table("cin_plans", "Child in need plans", ["cin_plan_id"],
        [
            Req("cin_plan_id"), Req("referral_id"), Req("child_id"), Req("start_date", ColumnType.Date),
            Opt("end_date", ColumnType.Date), LastModified,
        ], [Pair("start_date", "end_date")], [ChildFk, Fk("referral_id", "referrals")]),
        Table("cp_plans", "Child protection plans", ["cp_plan_id"],
        [
            Req("cp_plan_id"), Req("referral_id"), Req("child_id"), Req("start_date", ColumnType.Date),
            Opt("end_date", ColumnType.Date), ReqCode("category", Set("NEGLECT", "PHYSICAL", "EMOTIONAL", "SEXUAL", "MULTIPLE")),
            LastModified,
        ], [Pair("start_date", "end_date")], [ChildFk, Fk("referral_id", "referrals")]),
        Table("cp_reviews", "Child protection review conferences", ["cp_review_id"],
        [
            Req("cp_review_id"), Req("cp_plan_id"), Req("review_date", ColumnType.Date), OptCode("quorate", YesNo), LastModified,
        ], fks: [Fk("cp_plan_id", "cp_plans")]),
        Table("visits", "Statutory visits", ["visit_id"],
        [
            Req("visit_id"), Req("child_id"), Req("visit_date", ColumnType.Date), ReqCode("visit_type", Set("CP", "CLA", "CIN")),
            ReqCode("seen", YesNo), OptCode("seen_alone", YesNo),
            OptCode("location", Set("HOME", "PLACEMENT", "SCHOOL", "OFFICE", "OTHER")), Opt("worker_id"), LastModified,
        ], fks: [ChildFk, Fk("worker_id", "workers")]),
        Table("cla_episodes", "Looked-after episodes (SSDA903 style)", ["episode_id"],
        [
            Req("episode_id"), Req("child_id"), Req("start_date", ColumnType.Date), Opt("end_date", ColumnType.Date),
            ReqCode("legal_status", LegalStatuses), ReqCode("reason_new_episode", Set("S", "L", "P", "B", "T", "U")),
            ReqCode("placement_type", PlacementTypes), OptCode("placement_provider", Set("PR0", "PR1", "PR2", "PR3", "PR4", "PR5")),
            OptCode("reason_ceased", ReasonsCeased), Opt("carer_id"), Opt("placement_postcode_district"), LastModified,
        ], [Pair("start_date", "end_date")], [ChildFk]),
        Table("cla_reviews", "Looked-after reviews", ["cla_review_id"],
        [
            Req("cla_review_id"), Req("child_id"), Req("review_date", ColumnType.Date),
            OptCode("participation", Set("PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7")), LastModified,
        ], fks: [ChildFk]),
        Table("health_assessments", "Health assessments of looked-after children", ["health_assessment_id"],
        [
            Req("health_assessment_id"), Req("child_id"), ReqCode("assessment_type", Set("IHA", "RHA")),
            Req("completed_date", ColumnType.Date), LastModified,
        ], fks: [ChildFk]),
        Table("dental_checks", "Dental checks", ["dental_check_id"],
        [
            Req("dental_check_id"), Req("child_id"), Req("check_date", ColumnType.Date), LastModified,
        ], fks: [ChildFk]),
        Table("immunisations", "Immunisation status (latest row per child wins)", ["child_id", "as_at_date"],
        [
            Req("child_id"), Req("as_at_date", ColumnType.Date), ReqCode("up_to_date", YesNo), LastModified,
        ], fks: [ChildFk]),
        Table("peps", "Personal education plans", ["pep_id"],
        [
            Req("pep_id"), Req("child_id"), Req("pep_date", ColumnType.Date), ReqCode("pep_type", Set("INITIAL", "REVIEW")), LastModified,
        ], fks: [ChildFk]),
        Table("proceedings", "Public-law care proceedings", ["proceedings_id"],
        [
            Req("proceedings_id"), Req("child_id"), Req("issued_date", ColumnType.Date), Opt("final_order_date", ColumnType.Date),
            OptCode("final_order", Set("CO", "SGO", "PO", "RO", "SO", "NO_ORDER", "WITHDRAWN")), LastModified,
        ], [Pair("issued_date", "final_order_date")], [ChildFk]),
        Table("adoptions", "Adoption milestones (one row per child with an adoption plan)", ["child_id"],
        [
            Req("child_id"), Opt("adm_decision_date", ColumnType.Date), Opt("placement_order_date", ColumnType.Date),
            Opt("matched_date", ColumnType.Date), Opt("placed_date", ColumnType.Date), Opt("adoption_order_date", ColumnType.Date),
            LastModified,
        ], fks: [ChildFk]),
        Table("care_leavers", "Care leaver birthday contacts", ["care_leaver_id"],
        [
            Req("care_leaver_id"), Req("child_id"), Req("birthday_date", ColumnType.Date), Opt("contact_date", ColumnType.Date),
            ReqCode("in_touch", Set("YES", "NO", "DIED", "REFU", "NREQ", "RHOM")),
            OptCode("activity", Set("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6")),
            OptCode("accommodation", Set("B", "C", "D", "E", "G", "H", "K", "R", "S", "T", "U", "V", "W", "X", "Y", "Z")),
            OptCode("accommodation_suitable", YesNo), LastModified,
        ], fks: [ChildFk]),
        Table("foster_carers", "Foster carer households", ["carer_id"],
        [
            Req("carer_id"), ReqCode("carer_type", Set("IN_HOUSE", "IFA", "CONNECTED")), Req("approved_date", ColumnType.Date),
            Opt("deregistered_date", ColumnType.Date), Req("places", ColumnType.Integer), LastModified,
        ], [Pair("approved_date", "deregistered_date")]),
        Table("case_supervisions", "Management case supervisions", ["supervision_id"],
        [
            Req("supervision_id"), Req("child_id"), Req("worker_id"), Req("supervision_date", ColumnType.Date), LastModified,
        ], fks: [ChildFk, Fk("worker_id", "workers")]),
    ];

    /// <summary>Reference data in the extract's reference/ folder.</summary>
    public static readonly IReadOnlyList<TableSpec> ReferenceTables =
    [
        Reference("population", "ONS mid-year population estimates aged 0-17", ["la_code", "mid_year"],
        [Req("la_code"), Req("mid_year", ColumnType.Integer), Req("age_0_17", ColumnType.Integer)]),
        Reference("stat_neighbours", "Published statistical-neighbour averages", ["indicator_code", "period_end"],
        [Req("indicator_code"), Req("period_end", ColumnType.Date), Req("value", ColumnType.Decimal), Opt("source")]),
        Reference("targets", "Effective-dated targets and RAG tolerances", ["indicator_code", "valid_from"],
        [
            Req("indicator_code"), Req("valid_from", ColumnType.Date), Opt("valid_to", ColumnType.Date), Req("target", ColumnType.Decimal),
            Req("amber_tolerance", ColumnType.Decimal), Opt("target_upper", ColumnType.Decimal), Opt("source"),
        ]),
        Reference("bank_holidays", "England and Wales bank holidays", ["date"],
        [Req("date", ColumnType.Date), Req("name")]),
    ];

    public static IEnumerable<TableSpec> AllTables => Tables.Concat(ReferenceTables);

    public static TableSpec Get(string name) =>
        AllTables.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"no contract table {name}", nameof(name));
}
