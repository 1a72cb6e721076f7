namespace ChildrensWarehouse.Seeds;

internal enum ColumnKind
{
    Text,
    Id,
    ChildId,
    Date,
    Timestamp,
    Code,
    Number,
}

/// <summary>One column of the extract contract (CASE_SYSTEM.md). <c>Invalid</c> is a value outside a code list.</summary>
internal sealed record Column(string Name, ColumnKind Kind, bool Required, string? Invalid = null);

/// <summary>One table of the extract contract: its columns, key and the end-before-start pairs.</summary>
internal sealed class TableSpec
{
    public TableSpec(string name, Column[] columns, string? key, (string Start, string End)[]? endPairs = null)
    {
        Name = name;
        Columns = columns;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            index[columns[i].Name] = i;
        }
        Index = index;
        KeyColumns = key is null ? [] : key.Split('+').Select(k => Index[k]).ToArray();
        ChildColumn = Index.TryGetValue("child_id", out var c) ? c : -1;
        LastModifiedColumn = Index["last_modified"];
        EndPairs = (endPairs ?? []).Select(p => (Index[p.Start], Index[p.End])).ToArray();
    }

    public string Name { get; }
    public Column[] Columns { get; }
    public IReadOnlyDictionary<string, int> Index { get; }
    public int[] KeyColumns { get; }
    public int ChildColumn { get; }
    public int LastModifiedColumn { get; }
    public (int Start, int End)[] EndPairs { get; }

    public int this[string column] => Index[column];
}

/// <summary>The 24 tables of CASE_SYSTEM.md, with exactly its column names, in its order.</summary>
internal static class ExtractSchema
{
    private static Column Id(string name) => new(name, ColumnKind.Id, true);
    private static Column Ref(string name, bool required = true) => new(name, ColumnKind.Id, required);
    private static Column Child() => new("child_id", ColumnKind.ChildId, true);
    private static Column Text(string name, bool required = false) => new(name, ColumnKind.Text, required);
    private static Column Date(string name, bool required = false) => new(name, ColumnKind.Date, required);
    private static Column Stamp(string name, bool required = false) => new(name, ColumnKind.Timestamp, required);
    private static Column Code(string name, string invalid, bool required = false) => new(name, ColumnKind.Code, required, invalid);
    private static Column Number(string name, bool required = false) => new(name, ColumnKind.Number, required);
    private static Column LastModified() => Stamp("last_modified", true);

    public static readonly TableSpec Children = new("children",
    [
        Id("child_id"), Text("nhs_number"), Text("upn"), Text("first_name"), Text("last_name"), Date("date_of_birth"),
        Date("expected_date_of_birth"), Code("sex", "X", true), Text("ethnicity"), Code("disability", "y"), Code("uasc", "Yes"),
        Date("date_of_death"), LastModified(),
    ], "child_id", [("date_of_birth", "date_of_death")]);

    public static readonly TableSpec Teams = new("teams",
    [
        Id("team_id"), Text("team_name", true), Code("service_area", "SAFEGUARDING", true), LastModified(),
    ], "team_id");

    public static readonly TableSpec Workers = new("workers",
    [
        Id("worker_id"), Text("display_name", true), Ref("team_id"), Code("role", "SW", true), Number("fte", true),
        Date("start_date", true), Date("end_date"), Code("agency", "U"), LastModified(),
    ], "worker_id", [("start_date", "end_date")]);

    public static readonly TableSpec Allocations = new("allocations",
    [
        Id("allocation_id"), Child(), Ref("worker_id"), Date("start_date", true), Date("end_date"), LastModified(),
    ], "allocation_id", [("start_date", "end_date")]);

    public static readonly TableSpec Contacts = new("contacts",
    [
        Id("contact_id"), Child(), Stamp("received_at", true), Code("source", "1G", true), Stamp("decision_at"),
        Code("outcome", "CLOSED"), Ref("worker_id", false), LastModified(),
    ], "contact_id", [("received_at", "decision_at")]);

    public static readonly TableSpec Referrals = new("referrals",
    [
        Id("referral_id"), Child(), Ref("contact_id", false), Date("referral_date", true), Code("source", "11", true),
        Code("primary_need", "N0"), Date("closure_date"), Code("closure_reason", "RC9"), LastModified(),
    ], "referral_id", [("referral_date", "closure_date")]);

    public static readonly TableSpec Assessments = new("assessments",
    [
        Id("assessment_id"), Ref("referral_id"), Child(), Date("start_date", true), Date("authorised_date"),
        Code("outcome", "CLOSE"), Text("factors"), Ref("worker_id", false), LastModified(),
    ], "assessment_id", [("start_date", "authorised_date")]);

    public static readonly TableSpec EarlyHelp = new("early_help",
    [
        Id("early_help_id"), Child(), Date("start_date", true), Date("end_date"), Date("assessment_date"), Text("lead_agency"), LastModified(),
    ], "early_help_id", [("start_date", "end_date")]);

    public static readonly TableSpec S47Enquiries = new("s47_enquiries",
    [
        Id("s47_id"), Ref("referral_id"), Child(), Date("strategy_date"), Date("start_date", true), Date("end_date"),
        Code("icpc_required", "y"), Date("icpc_date"), Code("outcome", "CP"), LastModified(),
    ], "s47_id", [("start_date", "end_date")]);

    public static readonly TableSpec CinPlans = new("cin_plans",
    [
        Id("cin_plan_id"), Ref("referral_id"), Child(), Date("start_date", true), Date("end_date"), LastModified(),
    ], "cin_plan_id", [("start_date", "end_date")]);

    public static readonly TableSpec CpPlans = new("cp_plans",
    [
        Id("cp_plan_id"), Ref("referral_id"), Child(), Date("start_date", true), Date("end_date"),
        Code("category", "Neglect", true), LastModified(),
    ], "cp_plan_id", [("start_date", "end_date")]);

    public static readonly TableSpec CpReviews = new("cp_reviews",
    [
        Id("cp_review_id"), Ref("cp_plan_id"), Date("review_date", true), Code("quorate", "YES"), LastModified(),
    ], "cp_review_id");

    public static readonly TableSpec Visits = new("visits",
    [
        Id("visit_id"), Child(), Date("visit_date", true), Code("visit_type", "LAC", true), Code("seen", "y", true),
        Code("seen_alone", "Yes"), Code("location", "FOSTER_HOME"), Ref("worker_id", false), LastModified(),
    ], "visit_id");

    public static readonly TableSpec ClaEpisodes = new("cla_episodes",
    [
        Id("episode_id"), Child(), Date("start_date", true), Date("end_date"), Code("legal_status", "C3", true),
        Code("reason_new_episode", "X", true), Code("placement_type", "U7", true), Code("placement_provider", "PR6"),
        Code("reason_ceased", "X1"), Text("carer_id"), Text("placement_postcode_district"), LastModified(),
    ], "episode_id", [("start_date", "end_date")]);

    public static readonly TableSpec ClaReviews = new("cla_reviews",
    [
        Id("cla_review_id"), Child(), Date("review_date", true), Code("participation", "PN8"), LastModified(),
    ], "cla_review_id");

    public static readonly TableSpec HealthAssessments = new("health_assessments",
    [
        Id("health_assessment_id"), Child(), Code("assessment_type", "RHA2", true), Date("completed_date", true), LastModified(),
    ], "health_assessment_id");

    public static readonly TableSpec DentalChecks = new("dental_checks",
    [
        Id("dental_check_id"), Child(), Date("check_date", true), LastModified(),
    ], "dental_check_id");

    public static readonly TableSpec Immunisations = new("immunisations",
    [
        Child(), Date("as_at_date", true), Code("up_to_date", "U", true), LastModified(),
    ], "child_id+as_at_date");

    public static readonly TableSpec Peps = new("peps",
    [
        Id("pep_id"), Child(), Date("pep_date", true), Code("pep_type", "ANNUAL", true), LastModified(),
    ], "pep_id");

    public static readonly TableSpec Proceedings = new("proceedings",
    [
        Id("proceedings_id"), Child(), Date("issued_date", true), Date("final_order_date"), Code("final_order", "ICO"), LastModified(),
    ], "proceedings_id", [("issued_date", "final_order_date")]);

    public static readonly TableSpec Adoptions = new("adoptions",
    [
        Child(), Date("adm_decision_date"), Date("placement_order_date"), Date("matched_date"), Date("placed_date"),
        Date("adoption_order_date"), LastModified(),
    ], "child_id");

    public static readonly TableSpec CareLeavers = new("care_leavers",
    [
        Id("care_leaver_id"), Child(), Date("birthday_date", true), Date("contact_date"), Code("in_touch", "Y", true),
        Code("activity", "G7"), Code("accommodation", "A"), Code("accommodation_suitable", "1"), LastModified(),
    ], "care_leaver_id");

    public static readonly TableSpec FosterCarers = new("foster_carers",
    [
        Id("carer_id"), Code("carer_type", "FAMILY", true), Date("approved_date", true), Date("deregistered_date"),
        Number("places", true), LastModified(),
    ], "carer_id", [("approved_date", "deregistered_date")]);

    public static readonly TableSpec CaseSupervisions = new("case_supervisions",
    [
        Id("supervision_id"), Child(), Ref("worker_id"), Date("supervision_date", true), LastModified(),
    ], "supervision_id");

    public static readonly IReadOnlyList<TableSpec> All =
    [
        Children, Teams, Workers, Allocations, Contacts, Referrals, Assessments, EarlyHelp, S47Enquiries, CinPlans,
        CpPlans, CpReviews, Visits, ClaEpisodes, ClaReviews, HealthAssessments, DentalChecks, Immunisations, Peps,
        Proceedings, Adoptions, CareLeavers, FosterCarers, CaseSupervisions,
    ];

    public static readonly IReadOnlyList<string> ReferenceFiles = ["population", "stat_neighbours", "targets", "bank_holidays"];
}
