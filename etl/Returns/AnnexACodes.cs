namespace ChildrensWarehouse.Returns;

/// <summary>
/// Ofsted's Annex A template: the headings of lists 1-11 in their column order, and the drop-down values of its coded
/// columns ("a) Male", "q) 6: Police"), so the lists paste into the template and ChAT as they are. A code with no
/// drop-down value (e.g. a newer DfE code) is written as the code itself.
/// </summary>
public static class AnnexACodes
{
    private static readonly string[] Common = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"];

    public static readonly IReadOnlyDictionary<int, (string Title, IReadOnlyList<string> Headings)> Lists = new Dictionary<int, (string, IReadOnlyList<string>)>
    {
        [1] = ("Contacts", [.. Common, "Date of Contact", "Contact Source"]),
        [2] = ("Early help", [.. Common, "Assessment start date", "Assessment completion date", "Organisation completing assessment"]),
        [3] = ("Referrals", [.. Common, "Date of referral", "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months", "Allocated Team", "Allocated Worker"]),
        [4] = ("Assessments", [.. Common, "Does the Child have a Disability", "Continuous Assessment Start Date", "Child Seen During Continuous Assessment",
            "Continuous Assessment Date of Authorisation", "Was the child assessed as requiring LA children's social care support?", "Allocated Team", "Allocated Worker"]),
        [5] = ("Section 47 enquiries and ICPCs", [.. Common, "Does the Child have a Disability", "Strategy discussion initiating Section 47 Enquiry Start Date",
            "Was an Initial Child Protection Conference deemed unnecessary?", "Date of Initial Child Protection Conference",
            "Did the Initial Child Protection Conference Result in a Child Protection Plan", "Number of Section 47 Enquiries in the last 12 months",
            "Number of ICPCs in the last 12 months", "Allocated Team", "Allocated Worker"]),
        [6] = ("Children in need", [.. Common, "Does the Child have a Disability", "CIN Start Date", "Primary Need Code", "Date Child Was Last Seen", "CIN Closure Date",
            "Reason for Closure", "Case Status", "Allocated Team", "Allocated Worker"]),
        [7] = ("Child protection", [.. Common, "Does the Child have a Disability", "Child Protection Plan Start Date", "Initial Category of Abuse", "Latest Category of Abuse",
            "Date of the Last Statutory Visit", "Was the Child Seen Alone?", "Date of latest review conference", "Child Protection Plan End Date",
            "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)", "Number of Previous Child Protection Plans",
            "Allocated Team", "Allocated Worker"]),
        [8] = ("Children looked after", [.. Common, "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)", "Does the Child have a Disability",
            "Date Started to be Looked After", "Child's Category of Need",
            "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)", "Start date of current legal status",
            "Child's Legal Status", "Date of Latest Statutory Review", "Date of Last Social Work Visit", "What is the permanence plan for this child?",
            "Date of Last IRO Visit / Contact to the Child", "Date of Last Health Assessment", "Date of Last Dental Check", "Number of Placements in the Last 12 months",
            "Date Ceased to be Looked After", "Reason Ceased to be Looked After", "Start Date of Most Recent Placement", "Placement Type", "Placement Provider",
            "Placement postcode", "URN of Placement", "Placement Location", "LA of Placement",
            "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
            "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
            "Was the child offered a Return Interview after their last missing episode (Y/N)?",
            "Did the child accept a Return Interview after their last missing episode (Y/N)?", "Allocated Team", "Allocated Worker"]),
        [9] = ("Care leavers", [.. Common, "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)", "Does the Child have a Disability",
            "Allocated Team", "Allocated Worker", "Allocated Personal Advisor", "Eligibility Category", "Latest Pathway Plan Review Date", "LA in Touch",
            "Latest Date of Contact", "Type of Accommodation", "Suitability of Accommodation", "Activity Status"]),
        [10] = ("Adoption", ["Child Unique ID", "Family identifier", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Does the Child have a Disability",
            "Date the Child Entered Care", "Date of Decision that Child Should be Placed for Adoption", "Date of Placement Order",
            "Date of Matching Child and Prospective Adopters", "Date Placed for Adoption", "Date of Adoption Order",
            "Date of Decision that Child Should No Longer be Placed for Adoption", "Reason Why Child No Longer Placed for Adoption",
            "Date the child was placed for fostering in FFA or concurrent planning placement"]),
        [11] = ("Adopters", ["Individual adopter identifier", "Family identifier", "Gender", "Ethnicity", "Disability", "Is the (prospective) adopter fostering for adoption?",
            "Date enquiry received", "Date Stage 1 started", "Date Stage 1 ended", "Date Stage 2 started", "Date Stage 2 ended", "Date application submitted",
            "Date application approved", "Date adopter matched with child(ren)", "Date child/children placed with adopter(s)", "No. of children placed",
            "Date of Adoption Order", "Date of leaving adoption process", "Reason for leaving adoption process"]),
    };

    private static IReadOnlyDictionary<string, string> Lettered(params string[] values) =>
        values.Select((v, i) => (v, i)).ToDictionary(x => x.v.Split(':')[0], x => $"{(char)('a' + x.i)}) {x.v}", StringComparer.Ordinal);

    private static string Label(IReadOnlyDictionary<string, string> map, string? code) => code is null ? "" : map.GetValueOrDefault(code, code);

    public static string Gender(string? sex) => sex switch { "M" => "a) Male", "F" => "b) Female", null => "", _ => "c) Not stated/recorded" };

    private static readonly IReadOnlyDictionary<string, string> Ethnicities = Lettered(
        "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT");

    public static string Ethnicity(string? code) => Label(Ethnicities, code);

    private static readonly IReadOnlyDictionary<string, string> Sources = Lettered(
        "1A: Individual", "1B: Individual", "1C: Individual", "1D: Individual", "2A: Schools", "2B: Education services", "3A: Health services",
        "3B: Health services", "3C: Health services", "3D: Health services", "3E: Health services", "3F: Health services", "4: Housing", "5A: LA services",
        "5B: LA services", "5C: LA services", "6: Police", "7: Other legal agency", "8: Other", "9: Anonymous", "10: Unknown");

    /// <summary>Contact and referral source (CIN census codes).</summary>
    public static string Source(string? code) => Label(Sources, code);

    public static string YesNo(bool? value) => value switch { true => "a) Yes", false => "b) No", null => "" };

    public static string YesNo(string? yn) => YesNo(yn switch { "Y" => true, "N" => false, _ => (bool?)null });

    private static readonly IReadOnlyDictionary<string, string> Needs = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["N1"] = "N1 - Abuse or Neglect",
        ["N2"] = "N2 - Child's disability",
        ["N3"] = "N3 - Parental illness/disability",
        ["N4"] = "N4 - Family in acute stress",
        ["N5"] = "N5 - Family dysfunction",
        ["N6"] = "N6 - Socially unacceptable behaviour",
        ["N7"] = "N7 - Low income",
        ["N8"] = "N8 - Absent parenting",
        ["N9"] = "N9 - Cases other than children in need",
    };

    public static string PrimaryNeed(string? code) => Label(Needs, code);

    public static string Category(string? category) => category switch
    {
        "NEGLECT" => "a) Neglect",
        "PHYSICAL" => "b) Physical abuse",
        "SEXUAL" => "c) Sexual abuse",
        "EMOTIONAL" => "d) Emotional abuse",
        "MULTIPLE" => "e) Multiple/not recommended",
        null => "",
        _ => category,
    };

    private static readonly IReadOnlyDictionary<string, string> Placements = Lettered(
        "U1: Foster placement - relatives - long term", "U2: Foster placement - relative - FFA", "U3: Foster placement - relative - not FFA",
        "U4: Foster placement - long term", "U5: Foster placement - FFA", "U6: Foster placement - not FFA", "A3: Placed for adoption - consent - current foster",
        "A4: Placed for adoption - consent - not foster", "A5: Placed for adoption - order - foster", "A6: Placed for adoption - order - not foster",
        "P1: Placed with parents", "P2: Independent living", "P3: Residential employment", "H5: Residential accommodation", "K1: Secure Children’s Homes",
        "K2: Children’s Homes", "R1: Residential Care Home", "R2: NHS/Health Trust", "R3: Family Centre or Mother and Baby Unit", "R5: Young Offender Institution",
        "S1: Residential school", "Z1: Other placements", "T0: Temporary placement", "T1: Temporary placement - hospital", "T2: Temporary placement - holiday",
        "T3: Temporary placement - carer holiday");

    public static string PlacementType(string? code) => Label(Placements, code);

    private static readonly IReadOnlyDictionary<string, string> Providers = Lettered(
        "PR0: Parents/Parental responsibility", "PR1: Own provision", "PR2: Other LA provision", "PR3: Other public provision", "PR4: Private provision",
        "PR5: Voluntary/third sector");

    public static string Provider(string? code) => Label(Providers, code);

    private static readonly IReadOnlyDictionary<string, string> Ceased = new Dictionary<string, string>(Lettered(
        "E11: Adopted - application unopposed", "E12: Adopted - consent dispensed", "E2: Died", "E3: Care taken by another LA",
        "E4A: Returned home to live with parents or relatives - planned", "E4B: Returned home to live with parents or relatives - unplanned",
        "E13: Parents, relatives or other with no parental responsibility", "E41: Residence order granted",
        "E45: Special Guardianship Orders - former carer relative/friend", "E46: Special Guardianship Orders - former carer other",
        "E47: Special Guardianship Orders - relative/friend", "E48: Special Guardianship Orders - other", "E5: Moved into independent living - supported",
        "E6: Moved into independent living - no support", "E7: Transferred to residential care funded by adult social services", "E9: Sentenced to custody",
        "E14: Accommodation on remand ended", "E15: Age assessment determined child was 18 or over", "E16: Child moved abroad",
        "E8: Care ceased for any other reason"), StringComparer.Ordinal)
    {
        // The template has no u): E17 is v).
        ["E17"] = "v) E17: Aged 18 (or over) and remained with current carers",
    };

    public static string ReasonCeased(string? code) => Label(Ceased, code);

    private static readonly IReadOnlyDictionary<string, string> LegalStatuses = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["C1"] = "C1: Interim care order",
        ["C2"] = "C2: Full care order",
        ["D1"] = "D1: Freeing order granted",
        ["E1"] = "E1: Placement order",
        ["J1"] = "J1: Remanded to LA or youth detention",
        ["J2"] = "J2: LA accommodation under PACE",
        ["J3"] = "J3: Sentenced to CYPA 1969 supervision order with residence requirement",
        ["L1"] = "L1: Under police protection and in LA accommodation",
        ["L2"] = "L2: Emergency protection order",
        ["L3"] = "L3: Under child assessment order and in LA accommodation",
        ["V2"] = "V2: Single period of accommodation under section 20",
        ["V3"] = "V3: Accommodated under an agreed series of short-term breaks (single placement)",
        ["V4"] = "V4: Accommodated under an agreed series of short-term breaks (several placements)",
    };

    public static string LegalStatus(string? code) => Label(LegalStatuses, code);

    public static string InTouch(string? code) => code switch
    {
        "YES" => "a) Yes",
        "NO" => "b) No",
        "DIED" => "c) Died",
        "REFU" => "d) Refu",
        "NREQ" => "e) NREQ",
        "RHOM" => "f) Rhom",
        null => "",
        _ => code,
    };

    private static readonly IReadOnlyDictionary<string, string> Activities = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["F1"] = "F1: Full time in higher education",
        ["P1"] = "P1: Part time in higher education",
        ["F2"] = "F2: Full time in education other than higher",
        ["P2"] = "P2: Part time in education other than higher",
        ["F4"] = "F4: Young person engaged full time in an apprenticeship",
        ["P4"] = "P4: Young person engaged part time in an apprenticeship",
        ["F5"] = "F5: Young person engaged full time in training or employment (not apprenticeship)",
        ["P5"] = "P5: Young person engaged part time in training or employment (not apprenticeship)",
        ["G4"] = "G4: Not in education, employment or training - illness or disability",
        ["G5"] = "G5: Not in education, employment or training - other",
        ["G6"] = "G6: Not in education, employment or training - pregnancy or parenting",
    };

    public static string Activity(string? code) => Label(Activities, code);

    private static readonly IReadOnlyDictionary<string, string> Accommodations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["B"] = "B: With parents or relatives",
        ["C"] = "C: Community home",
        ["D"] = "D: Semi-independent, transitional accommodation",
        ["E"] = "E: Supported lodgings",
        ["G"] = "G: Gone abroad",
        ["H"] = "H: Deported",
        ["K"] = "K: Ordinary lodgings",
        ["R"] = "R: Residence not known",
        ["S"] = "S: No fixed abode/homeless",
        ["T"] = "T: Foyers",
        ["U"] = "U: Independent living",
        ["V"] = "V: Emergency accommodation",
        ["W"] = "W: Bed and breakfast",
        ["X"] = "X: In custody",
        ["Y"] = "Y: Other accommodation",
        ["Z"] = "Z: With former foster carers",
    };

    public static string Accommodation(string? code) => Label(Accommodations, code);

    public static string Suitability(string? yn) => yn switch { "Y" => "a) Suitable", "N" => "b) Unsuitable", _ => "" };
}
