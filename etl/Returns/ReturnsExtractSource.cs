using System.Text.RegularExpressions;
using ChildrensWarehouse.Contract;

namespace ChildrensWarehouse.Returns;

/// <summary>
/// The statutory returns as a case-system extract: SSDA903 tables and CIN census XML mapped onto the contract's tables,
/// so that every contract rule (row alone, duplicates, foreign keys, overlapping episodes) and the quarantine apply as to
/// any extract. Several years are merged: where a later year's return repeats a record (the same episode, referral, plan
/// or review), the later year's row is used and the earlier one is "superseded". Every row of every file is accounted
/// for (<see cref="Account"/>): loaded, quarantined with the contract's reason, or not used with the reason (superseded,
/// or of a table the contract has no place for). The manifest comes from the returns (docs/DECISIONS.md): the council from
/// la:, the CIN header or a 903 folder named by its code; extracted_at = the end (31 March 23:59:59) of the latest year.
/// </summary>
public sealed partial class ReturnsExtractSource(ReturnSourceSpec spec) : IExtractRowSource
{
    /// <summary>A row of a return file, for the accounting: the contract record it went into, or why it was not used.</summary>
    private sealed class Unit(string file, string table)
    {
        public string File { get; } = file;
        public string Table { get; } = table;
        public Candidate? Record { get; set; }
        public string? NotUsed { get; set; }
    }

    /// <summary>A contract record made from one or more return rows (its units).</summary>
    private sealed class Candidate(string table, int year, string file, int line, string rawText)
    {
        public string Table { get; } = table;
        public int Year { get; set; } = year;
        public string File { get; } = file;
        public int Line { get; } = line;
        public string RawText { get; } = rawText;
        public Dictionary<string, string?> Fields { get; } = new(StringComparer.Ordinal);
        public string? Problem { get; set; }
        public List<Unit> Units { get; } = [];
        /// <summary>The row's last_modified when not the end of its collection year (Annex A: the lists' as-at).</summary>
        public DateTime? LastModified { get; init; }

        public string? this[string column]
        {
            get => Fields.GetValueOrDefault(column);
            set => Fields[column] = value;
        }

        public void Take(Unit unit)
        {
            unit.Record = this;
            Units.Add(unit);
        }

        /// <summary>The contract key (null while the record cannot be read).</summary>
        public string? Key
        {
            get
            {
                if (Problem is not null) return null;
                var keys = CaseSystemContract.Get(Table).Key.Select(k => this[k]).ToList();
                return keys.Any(k => k is null) ? null : string.Join("\u001f", keys);
            }
        }
    }

    private sealed record Built(Manifest Manifest, IReadOnlyList<string> Warnings, IReadOnlyDictionary<string, List<SourceRecord>> Records,
        SourceCoverage Coverage, IReadOnlyList<Unit> Units, CsvExtractSource? Reference, IReadOnlyList<TableSpec> ReferenceTables);

    private Built? _built;

    public ReturnsExtractSource(string source) : this(ReturnSourceSpec.Parse(source))
    {
    }

    public ReturnSourceSpec Spec { get; } = spec;

    public string Name => Spec.Describe();

    public Manifest ReadManifest() => Build().Manifest;

    public void CheckTables(IReadOnlyList<TableSpec> tables, List<string> warnings) => warnings.AddRange(Build().Warnings);

    public string Location(TableSpec table) => table.IsReference ? $"reference/{table.Name}.csv" : $"{table.Name} (from the returns)";

    public IEnumerable<SourceRecord> Records(TableSpec table, CancellationToken cancellationToken)
    {
        var built = Build();
        if (built.Reference is not null && built.ReferenceTables.Contains(table)) return built.Reference.Records(table, cancellationToken);
        return built.Records.TryGetValue(table.Name, out var records) ? records : [];
    }

    public SourceCoverage? Coverage => Build().Coverage;

    public IReadOnlyList<SourceFileAccounting> Account(Extract extract)
    {
        var built = Build();
        var loaded = extract.Tables.Values.SelectMany(t => t.Rows).Select(r => r.Origin).OfType<Candidate>().ToHashSet();
        var quarantined = extract.Quarantine.Select(q => q.Origin).OfType<Candidate>().ToHashSet();
        return built.Units.GroupBy(u => (u.File, u.Table))
            .Select(g => new SourceFileAccounting(g.Key.File, g.Key.Table, g.LongCount(),
                g.LongCount(u => u.Record is { } c && loaded.Contains(c)),
                g.LongCount(u => u.Record is { } c && !loaded.Contains(c) && quarantined.Contains(c)),
                g.Where(u => u.NotUsed is not null).GroupBy(u => u.NotUsed!).ToDictionary(x => x.Key, x => x.LongCount(), StringComparer.Ordinal)))
            .OrderBy(a => a.File, StringComparer.Ordinal).ThenBy(a => a.Table, StringComparer.Ordinal)
            .ToList();
    }

    private Built Build() => _built ??= BuildOnce();

    private Built BuildOnce()
    {
        var warnings = new List<string>();
        var ssda903 = Spec.Ssda903.SelectMany(p => Ssda903Reader.Read(p, Spec.Year, warnings))
            .GroupBy(r => r.Year).Select(g =>
            {
                var merged = new Ssda903Return { Year = g.Key };
                foreach (var r in g)
                {
                    merged.Files.AddRange(r.Files);
                    foreach (var (table, rows) in r.Tables)
                    {
                        if (!merged.Tables.TryGetValue(table, out var list)) merged.Tables[table] = list = [];
                        list.AddRange(rows);
                    }
                }
                return merged;
            }).OrderBy(r => r.Year).ToList();
        var census = Spec.Cin.SelectMany(p => CinCensusReader.Read(p, Spec.Year, warnings)).ToList();
        var annexA = Spec.AnnexA.Select(p => AnnexAReader.Read(p, warnings)).ToList();
        var la = CouncilOf(census, warnings);
        var annexAsAt = annexA.Count > 0 ? AnnexAAsAt(annexA) : (DateTime?)null;
        // The end of the latest return's year, or the Annex A lists' own date when that is later.
        var years = ssda903.Select(r => r.Year).Concat(census.Select(c => c.Year)).ToList();
        var extractedAt = new[] { years.Count > 0 ? ReturnDates.YearEndMoment(years.Max()) : DateTime.MinValue, annexAsAt ?? DateTime.MinValue }.Max();
        var latest = ReturnDates.CollectionYearOf(DateOnly.FromDateTime(extractedAt));

        var units = new List<Unit>();
        var candidates = new List<Candidate>();
        var children = new ChildRows();
        foreach (var year in ssda903) Map903(year, units, candidates, children, warnings);
        foreach (var file in census) MapCensus(file, units, candidates, children);
        foreach (var lists in annexA) MapAnnexA(lists, annexAsAt!.Value, units, candidates);
        candidates = Supersede(candidates);
        var childCandidates = children.Candidates().ToList();
        candidates.AddRange(childCandidates);
        candidates.AddRange(AnnexAChildren(annexA, annexAsAt, childCandidates.Select(c => c["child_id"]).OfType<string>().ToHashSet(StringComparer.Ordinal)));
        AddAdoptionDatesFromEpisodes(candidates);

        CsvExtractSource? reference = null;
        var referenceTables = new List<TableSpec>();
        if (Spec.Reference is { } folder)
        {
            if (!Directory.Exists(folder)) throw new ExtractUnusableException($"{folder}: the reference folder does not exist");
            referenceTables = CaseSystemContract.ReferenceTables.Where(t => File.Exists(Path.Combine(folder, t.Name + ".csv"))).ToList();
            reference = new CsvExtractSource(folder, flatReference: true);
            reference.CheckTables(referenceTables, warnings);
            if (referenceTables.Count == 0) warnings.Add($"{folder}: no reference file (population.csv, targets.csv, stat_neighbours.csv, bank_holidays.csv) found");
        }
        var records = candidates
            .GroupBy(c => c.Table)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Year).ThenBy(c => c.File, StringComparer.Ordinal).ThenBy(c => c.Line).Select(Record).ToList(),
                StringComparer.Ordinal);
        if (!referenceTables.Any(t => t.Name == "bank_holidays"))
        {
            records["bank_holidays"] = BankHolidayRecords(candidates, latest);
        }
        var manifest = new Manifest(la, la, extractedAt, CaseSystemContract.ContractVersion);
        return new Built(manifest, warnings, records, CoverageOf(ssda903.Count > 0, census.Count > 0, annexA.Count > 0, referenceTables), units, reference, referenceTables);
    }

    private SourceRecord Record(Candidate c)
    {
        var spec = CaseSystemContract.Get(c.Table);
        c["last_modified"] = ValueParser.FormatTimestamp(c.LastModified ?? ReturnDates.YearEndMoment(c.Year));
        var fields = spec.Columns.Select(col => c[col.Name]).ToArray();
        return new SourceRecord(c.Line, fields, c.RawText, c.Problem) { File = c.File, Origin = c };
    }

    /// <summary>la: in --source, else the CIN header's LEA (one council only), else a 903 folder named by the code (e.g. 874 or 874-2016).</summary>
    private string CouncilOf(IReadOnlyList<CinCensusReturn> census, List<string> warnings)
    {
        var leas = census.Select(c => c.LaCode).Where(l => !string.IsNullOrEmpty(l)).Select(l => l!).Distinct(StringComparer.Ordinal).ToList();
        if (Spec.LaCode is { } given)
        {
            if (leas.Any(l => l != given)) warnings.Add($"la:{given} given, but the CIN census header names {string.Join(", ", leas)}: loaded as {given}");
            return given;
        }
        if (leas.Count > 1)
        {
            throw new ExtractUnusableException($"the CIN census files are from different councils (LEA {string.Join(", ", leas)}): load one council at a time, or give la:CODE");
        }
        if (leas.Count == 1) return leas[0];
        foreach (var path in Spec.Ssda903)
        {
            var match = Regex.Match(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path))), @"^(\d{3})(?!\d)");
            if (match.Success) return match.Groups[1].Value;
        }
        throw new ExtractUnusableException("the returns do not say which council they are from (no CIN header LEA, no 903 folder named by the code; Annex A names none): give la:CODE in --source");
    }

    // ---- SSDA903 -------------------------------------------------------------------------------------------------------

    private static readonly string[] NoContractTable = ["previous_permanence", "missing", "sw_episodes", "dolo"];

    private static readonly Dictionary<string, string[]> Dropped903 = new(StringComparer.Ordinal)
    {
        ["header"] = ["MOTHER", "MC_DOB"],
        ["episodes"] = ["CIN", "REASON_PLACE_CHANGE", "HOME_POST", "URN"],
        ["oc2"] = ["SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"],
        ["ad1"] = ["FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"],
        ["placed_for_adoption"] = ["DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
        ["uasc"] = ["DUC"],
    };

    private static Unit NewUnit(List<Unit> units, string file, string table)
    {
        var unit = new Unit(file, table);
        units.Add(unit);
        return unit;
    }

    private static Candidate From(ReturnRow row, string table, int year) =>
        new(table, year, row.File, row.Line, row.RawText) { Problem = row.Problem };

    /// <summary>A dd/mm/yyyy date as the contract's yyyy-mm-dd; an unreadable one makes the record's problem (first one wins).</summary>
    private static string? Date903(Candidate c, ReturnRow row, string column)
    {
        var text = row[column];
        if (text is null) return null;
        if (ReturnDates.TryParse903(text, out var d)) return ReturnDates.Iso(d);
        c.Problem ??= $"{column} is not a date dd/mm/yyyy";
        return null;
    }

    private static void Map903(Ssda903Return ret, List<Unit> units, List<Candidate> candidates, ChildRows children, List<string> warnings)
    {
        var y = ret.Year;
        foreach (var (table, dropped) in Dropped903)
        {
            var used = dropped.Where(col => ret.Tables.GetValueOrDefault(table)?.Any(r => r[col] is not null) == true).ToList();
            if (used.Count > 0) warnings.Add($"SSDA903 {y} {table}: {string.Join(", ", used)} not carried into the case-system contract (no column for them)");
        }
        foreach (var table in NoContractTable)
        {
            foreach (var row in ret.Tables.GetValueOrDefault(table) ?? [])
            {
                NewUnit(units, row.File, "903 " + table).NotUsed = $"no table in the case-system contract for SSDA903 {table}";
            }
        }
        foreach (var row in ret.Rows(Ssda903Tables.Header)) children.Add903(row, y, NewUnit(units, row.File, "903 header"));
        foreach (var row in ret.Rows(Ssda903Tables.Uasc)) children.AddUasc(row, y, NewUnit(units, row.File, "903 uasc"));

        foreach (var row in ret.Rows(Ssda903Tables.Episodes))
        {
            var c = From(row, "cla_episodes", y);
            c.Take(NewUnit(units, row.File, "903 episodes"));
            var start = Date903(c, row, "DECOM");
            var end = Date903(c, row, "DEC");
            // Child + DECOM names an episode across years. An episode that starts and ends on one day (the legal status
            // changed twice that day) shares its DECOM with the episode after it, so its key also carries its end; being
            // wholly in one year, it is never carried over.
            c["episode_id"] = row["CHILD"] is not { } child ? null
                : start is not null && start == end ? $"{child}/{start}/{end}"
                : $"{child}/{start ?? row["DECOM"]}";
            c["child_id"] = row["CHILD"];
            c["start_date"] = start;
            c["end_date"] = end;
            c["legal_status"] = row["LS"];
            c["reason_new_episode"] = row["RNE"];
            c["placement_type"] = row["PLACE"];
            c["placement_provider"] = row["PLACE_PROVIDER"];
            // X1: the episode ended and another began the same day (the period of care goes on): no reason ceased in the contract.
            c["reason_ceased"] = row["REC"] is "X1" ? null : row["REC"];
            c["placement_postcode_district"] = ReturnCodes.PostcodeDistrict(row["PL_POST"]);
            candidates.Add(c);
        }
        foreach (var row in ret.Rows(Ssda903Tables.Reviews))
        {
            var c = From(row, "cla_reviews", y);
            c.Take(NewUnit(units, row.File, "903 reviews"));
            var date = Date903(c, row, "REVIEW");
            c["cla_review_id"] = row["CHILD"] is { } child ? $"{child}/{date ?? row["REVIEW"]}" : null;
            c["child_id"] = row["CHILD"];
            c["review_date"] = date;
            c["participation"] = row["REVIEW_CODE"];
            candidates.Add(c);
        }
        foreach (var row in ret.Rows(Ssda903Tables.Oc2))
        {
            // OC2's immunisation flag is "up to date at 31 March"; its other flags have no dated place in the contract.
            var c = From(row, "immunisations", y);
            c.Take(NewUnit(units, row.File, "903 oc2"));
            c["child_id"] = row["CHILD"];
            c["as_at_date"] = ReturnDates.Iso(ReturnDates.YearEnd(y));
            c["up_to_date"] = ReturnCodes.Flag(row["IMMUNISATIONS"]);
            candidates.Add(c);
        }
        foreach (var row in ret.Rows(Ssda903Tables.Oc3))
        {
            var c = From(row, "care_leavers", y);
            c.Take(NewUnit(units, row.File, "903 oc3"));
            c["care_leaver_id"] = row["CHILD"] is { } child ? $"{child}/OC3/{y}" : null;
            c["child_id"] = row["CHILD"];
            var dob = Date903(c, row, "DOB");
            if (dob is null) c.Problem ??= "DOB is missing: the birthday this OC3 row is about cannot be known";
            else c["birthday_date"] = ReturnDates.Iso(BirthdayInYear(DateOnly.Parse(dob, System.Globalization.CultureInfo.InvariantCulture), y));
            c["in_touch"] = row["IN_TOUCH"];
            c["activity"] = row["ACTIV"];
            (c["accommodation"], c["accommodation_suitable"]) = ReturnCodes.SplitAccommodation(row["ACCOM"]);
            candidates.Add(c);
        }
        // One adoptions row per child: the AD1 decision and match dates, else the latest "should be placed for adoption" decision.
        var adoptionRows = ret.Rows(Ssda903Tables.Ad1).Select(r => (Row: r, Ad1: true))
            .Concat(ret.Rows(Ssda903Tables.PlacedForAdoption).Select(r => (Row: r, Ad1: false)));
        foreach (var group in adoptionRows.GroupBy(r => r.Row.Problem is null ? r.Row["CHILD"] ?? "" : "\u0000" + r.Row.File + r.Row.Line))
        {
            var first = group.First().Row;
            var c = From(first, "adoptions", y);
            c["child_id"] = first.Problem is null ? first["CHILD"] : null;
            foreach (var (row, ad1) in group)
            {
                c.Take(NewUnit(units, row.File, ad1 ? "903 ad1" : "903 placed_for_adoption"));
                if (row.Problem is not null) continue;
                if (ad1)
                {
                    c["adm_decision_date"] = Date903(c, row, "DATE_INT") ?? c["adm_decision_date"];
                    c["matched_date"] = Date903(c, row, "DATE_MATCH") ?? c["matched_date"];
                }
                else if (Date903(c, row, "DATE_PLACED") is { } placed && !group.Any(g => g.Ad1) && (c["adm_decision_date"] is null || string.CompareOrdinal(placed, c["adm_decision_date"]) > 0))
                {
                    c["adm_decision_date"] = placed;
                }
            }
            candidates.Add(c);
        }
    }

    /// <summary>The child's birthday that falls in the collection year (1 April to 31 March); 29 February falls on 28 February in common years.</summary>
    public static DateOnly BirthdayInYear(DateOnly dob, int year)
    {
        var start = ReturnDates.YearStart(year);
        var birthday = dob.AddYears(start.Year - dob.Year);
        return birthday < start ? dob.AddYears(start.Year + 1 - dob.Year) : birthday;
    }

    /// <summary>Placement order (first E1 episode), placed for adoption (first A3-A6 placement) and adoption order (end of an E11/E12 episode) from the child's episodes.</summary>
    private static void AddAdoptionDatesFromEpisodes(List<Candidate> candidates)
    {
        var episodes = candidates.Where(c => c.Table == "cla_episodes" && c.Problem is null && c["child_id"] is not null && c["start_date"] is not null)
            .ToLookup(c => c["child_id"]!, StringComparer.Ordinal);
        foreach (var adoption in candidates.Where(c => c.Table == "adoptions" && c.Problem is null && c["child_id"] is not null))
        {
            var own = episodes[adoption["child_id"]!].ToList();
            adoption["placement_order_date"] ??= own.Where(e => e["legal_status"] == "E1").Select(e => e["start_date"]).Min(StringComparer.Ordinal);
            adoption["placed_date"] ??= own.Where(e => e["placement_type"] is "A3" or "A4" or "A5" or "A6").Select(e => e["start_date"]).Min(StringComparer.Ordinal);
            adoption["adoption_order_date"] ??= own.Where(e => e["reason_ceased"] is "E11" or "E12" && e["end_date"] is not null).Select(e => e["end_date"]).Max(StringComparer.Ordinal);
        }
    }

    // ---- CIN census ----------------------------------------------------------------------------------------------------

    private static string? DateIso(Candidate c, string? text, string element)
    {
        if (text is null) return null;
        if (ReturnDates.TryParseIso(text, out var d)) return ReturnDates.Iso(d);
        c.Problem ??= $"{element} is not a date yyyy-mm-dd";
        return null;
    }

    private static Candidate From(CinElement element, string table, int year, List<Unit> units, string label)
    {
        var c = new Candidate(table, year, element.File, element.Line, element.RawText);
        c.Take(NewUnit(units, element.File, "cin " + label));
        return c;
    }

    private static void MapCensus(CinCensusReturn census, List<Unit> units, List<Candidate> candidates, ChildRows children)
    {
        var y = census.Year;
        foreach (var child in census.Children)
        {
            children.AddCensus(child, y, NewUnit(units, child.File, "cin Child"));
            var childId = child.LaChildId;
            foreach (var d in child.Details)
            {
                var referral = From(d, "referrals", y, units, "CINdetails");
                var referralDate = DateIso(referral, d.ReferralDate, "CINreferralDate");
                var referralId = childId is null ? null : $"{childId}/{referralDate ?? d.ReferralDate}";
                referral["referral_id"] = referralId;
                referral["child_id"] = childId;
                referral["referral_date"] = referralDate;
                referral["source"] = d.ReferralSource;
                referral["primary_need"] = d.PrimaryNeedCode;
                referral["closure_date"] = DateIso(referral, d.ClosureDate, "CINclosureDate");
                referral["closure_reason"] = d.ReasonForClosure;
                candidates.Add(referral);
                foreach (var a in d.Assessments)
                {
                    var c = From(a, "assessments", y, units, "Assessments");
                    var start = DateIso(c, a.StartDate, "AssessmentActualStartDate");
                    c["assessment_id"] = referralId is null ? null : $"{referralId}/A/{start ?? a.StartDate}";
                    c["referral_id"] = referralId;
                    c["child_id"] = childId;
                    c["start_date"] = start;
                    c["authorised_date"] = DateIso(c, a.AuthorisationDate, "AssessmentAuthorisationDate");
                    c["factors"] = a.Factors.Count == 0 ? null : string.Join(";", a.Factors);
                    candidates.Add(c);
                }
                foreach (var p in d.CinPlans)
                {
                    var c = From(p, "cin_plans", y, units, "CINPlanDates");
                    var start = DateIso(c, p.StartDate, "CINPlanStartDate");
                    c["cin_plan_id"] = referralId is null ? null : $"{referralId}/CINP/{start ?? p.StartDate}";
                    c["referral_id"] = referralId;
                    c["child_id"] = childId;
                    c["start_date"] = start;
                    c["end_date"] = DateIso(c, p.EndDate, "CINPlanEndDate");
                    candidates.Add(c);
                }
                foreach (var s in d.Section47s)
                {
                    var c = From(s, "s47_enquiries", y, units, "Section47");
                    var start = DateIso(c, s.StartDate, "S47ActualStartDate");
                    c["s47_id"] = referralId is null ? null : $"{referralId}/S47/{start ?? s.StartDate}";
                    c["referral_id"] = referralId;
                    c["child_id"] = childId;
                    c["start_date"] = start;
                    c["icpc_required"] = ReturnCodes.IcpcRequired(s.IcpcNotRequired);
                    c["icpc_date"] = DateIso(c, s.DateOfInitialCpc, "DateOfInitialCPC");
                    candidates.Add(c);
                }
                foreach (var p in d.ProtectionPlans)
                {
                    var c = From(p, "cp_plans", y, units, "ChildProtectionPlans");
                    var start = DateIso(c, p.StartDate, "CPPstartDate");
                    var planId = referralId is null ? null : $"{referralId}/CPP/{start ?? p.StartDate}";
                    c["cp_plan_id"] = planId;
                    c["referral_id"] = referralId;
                    c["child_id"] = childId;
                    c["start_date"] = start;
                    c["end_date"] = DateIso(c, p.EndDate, "CPPendDate");
                    c["category"] = ReturnCodes.CategoryToContract(p.LatestCategory ?? p.InitialCategory);
                    candidates.Add(c);
                    foreach (var r in p.Reviews)
                    {
                        var review = From(r, "cp_reviews", y, units, "CPPreviewDate");
                        var date = DateIso(review, r.Date, "CPPreviewDate");
                        review["cp_review_id"] = planId is null ? null : $"{planId}/{date ?? r.Date}";
                        review["cp_plan_id"] = planId;
                        review["review_date"] = date;
                        candidates.Add(review);
                    }
                }
            }
        }
    }

    // ---- Years and children ---------------------------------------------------------------------------------------------

    /// <summary>
    /// Where records with the same contract key come from several years, the latest year's are kept and the earlier ones
    /// are superseded (a carried-over episode, referral or plan as the later return states it). Within one year, records
    /// with the same key are all passed on, so the contract's duplicate rule decides and says so.
    /// </summary>
    private static List<Candidate> Supersede(List<Candidate> candidates)
    {
        var superseded = new HashSet<Candidate>();
        foreach (var group in candidates.Where(c => c.Key is not null).GroupBy(c => (c.Table, c.Key!)))
        {
            var latest = group.Max(c => c.Year);
            var winner = group.Where(c => c.Year == latest).OrderBy(c => c.File, StringComparer.Ordinal).ThenBy(c => c.Line).Last();
            foreach (var older in group.Where(c => c.Year < latest))
            {
                superseded.Add(older);
                foreach (var unit in older.Units)
                {
                    unit.Record = null;
                    unit.NotUsed = $"superseded by the {latest} return ({Path.GetFileName(winner.File)})";
                }
            }
        }
        return candidates.Where(c => !superseded.Contains(c)).ToList();
    }

    /// <summary>
    /// The children table from 903 header rows, CIN ChildIdentifiers and 903 UASC rows. Per child, the latest year's rows
    /// of each return are used (earlier years' are superseded); the 903 header is the record (the CIN child where there is
    /// none) and the other return's child fills what it lacks, the later year's value first. uasc is Y when the child is in
    /// a UASC table, N when the 903 knows the child otherwise.
    /// </summary>
    private sealed class ChildRows
    {
        private readonly Dictionary<string, List<(ReturnRow Row, int Year, Unit Unit)>> _headers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<(ReturnRow Row, int Year, Unit Unit)>> _uasc = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<(CinChild Child, int Year, Unit Unit)>> _census = new(StringComparer.Ordinal);
        private readonly List<Candidate> _unreadable = [];

        private static void Add<T>(Dictionary<string, List<T>> map, string key, T item)
        {
            if (!map.TryGetValue(key, out var list)) map[key] = list = [];
            list.Add(item);
        }

        public void Add903(ReturnRow row, int year, Unit unit)
        {
            if (row.Problem is not null || row["CHILD"] is null) _unreadable.Add(Unreadable(row, year, unit));
            else Add(_headers, row["CHILD"]!, (row, year, unit));
        }

        public void AddUasc(ReturnRow row, int year, Unit unit)
        {
            if (row.Problem is not null || row["CHILD"] is null) _unreadable.Add(Unreadable(row, year, unit));
            else Add(_uasc, row["CHILD"]!, (row, year, unit));
        }

        public void AddCensus(CinChild child, int year, Unit unit)
        {
            if (child.LaChildId is null)
            {
                var c = new Candidate("children", year, child.File, child.Line, child.RawText);
                c.Take(unit);
                _unreadable.Add(c);
            }
            else
            {
                Add(_census, child.LaChildId, (child, year, unit));
            }
        }

        private static Candidate Unreadable(ReturnRow row, int year, Unit unit)
        {
            var c = From(row, "children", year);
            c.Take(unit);
            return c;
        }

        private static void Supersede<T>(List<(T Item, int Year, Unit Unit)> rows, int latest)
        {
            foreach (var (_, year, unit) in rows.Where(r => r.Year < latest)) unit.NotUsed = $"superseded by the {latest} return";
        }

        public IEnumerable<Candidate> Candidates()
        {
            var ids = _headers.Keys.Concat(_census.Keys).Concat(_uasc.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            foreach (var id in ids)
            {
                var headers = _headers.GetValueOrDefault(id) ?? [];
                var census = _census.GetValueOrDefault(id) ?? [];
                var uasc = _uasc.GetValueOrDefault(id) ?? [];
                var latest903 = headers.Count > 0 ? headers.Max(h => h.Year) : 0;
                var latestCin = census.Count > 0 ? census.Max(h => h.Year) : 0;
                Supersede(headers, latest903);
                Supersede(census, latestCin);
                var current903 = headers.Where(h => h.Year == latest903).ToList();
                var currentCin = census.Where(h => h.Year == latestCin).ToList();
                var records = new List<Candidate>();
                foreach (var (row, year, unit) in current903)
                {
                    var c = From(row, "children", year);
                    c.Take(unit);
                    c["child_id"] = id;
                    c["upn"] = row["UPN"];
                    c["date_of_birth"] = Date903(c, row, "DOB");
                    c["sex"] = ReturnCodes.SexToContract(row["SEX"]);
                    c["ethnicity"] = row["ETHNIC"];
                    records.Add(c);
                }
                var cinFirst = latestCin > latest903;
                foreach (var (child, year, unit) in currentCin)
                {
                    var c = new Candidate("children", year, child.File, child.Line, child.RawText);
                    c["child_id"] = id;
                    c["upn"] = child.Upn;
                    c["date_of_birth"] = DateIso(c, child.BirthDate, "PersonBirthDate");
                    c["expected_date_of_birth"] = DateIso(c, child.ExpectedBirthDate, "ExpectedPersonBirthDate");
                    c["sex"] = ReturnCodes.SexToContract(child.Sex);
                    c["ethnicity"] = child.Ethnicity;
                    c["disability"] = child.Disabilities is null ? null : child.Disabilities.Any(d => d != "NONE") ? "Y" : "N";
                    c["date_of_death"] = DateIso(c, child.DeathDate, "PersonDeathDate");
                    if (records.Count == 0 || current903.Count == 0)
                    {
                        c.Take(unit);
                        records.Add(c);
                        continue;
                    }
                    // Both returns know the child: one record, the later return's values first, gaps filled from the other.
                    var record = records[^1];
                    record.Take(unit);
                    record.Year = Math.Max(record.Year, year);
                    record.Problem ??= c.Problem;
                    foreach (var (column, value) in c.Fields)
                    {
                        if (value is null) continue;
                        if (record[column] is null || cinFirst) record[column] = value;
                    }
                }
                if (records.Count == 0)
                {
                    var (row, year, _) = uasc.MaxBy(u => u.Year);
                    var c = From(row, "children", year);
                    c["child_id"] = id;
                    c["date_of_birth"] = Date903(c, row, "DOB");
                    c["sex"] = ReturnCodes.SexToContract(row["SEX"]);
                    records.Add(c);
                }
                foreach (var (_, year, unit) in uasc)
                {
                    records[^1].Take(unit);
                    records[^1].Year = Math.Max(records[^1].Year, year);
                }
                foreach (var record in records)
                {
                    record["uasc"] = uasc.Count > 0 ? "Y" : headers.Count > 0 ? "N" : null;
                    yield return record;
                }
            }
            foreach (var c in _unreadable)
            {
                c.Problem ??= "CHILD (LAchildID) is missing";
                yield return c;
            }
        }
    }

    // ---- Reference data and coverage ---------------------------------------------------------------------------------------

    /// <summary>
    /// England and Wales bank holidays from the project's one list (seeds/generator/BankHolidays.cs, 2010-2030), computed by
    /// the standard rules for years outside it, over every year the returns' dates reach (a 1970 referral needs 1970's).
    /// </summary>
    private static List<SourceRecord> BankHolidayRecords(IEnumerable<Candidate> candidates, int latestYear)
    {
        var years = candidates.SelectMany(c => c.Fields.Values)
            .Select(v => ReturnDates.TryParseIso(v, out var d) ? d.Year : (int?)null).Where(y => y is >= 1900 and <= 2100).Select(y => y!.Value).ToList();
        var first = Math.Min(years.Count > 0 ? years.Min() : latestYear, Seeds.BankHolidays.FirstListedYear);
        var last = Math.Max(Math.Max(years.Count > 0 ? years.Max() : latestYear, latestYear + 1), Seeds.BankHolidays.LastListedYear);
        var days = Seeds.BankHolidays.EnglandAndWales.Where(h => h.Date.Year >= first && h.Date.Year <= last).ToList();
        for (var y = first; y <= last; y++)
        {
            if (y is >= Seeds.BankHolidays.FirstListedYear and <= Seeds.BankHolidays.LastListedYear) continue;
            days.AddRange(Seeds.BankHolidays.ByStandardRules(y).Distinct().Select(d => (d, "Bank holiday (standard rules)")));
        }
        var spec = CaseSystemContract.Get("bank_holidays");
        return days.OrderBy(d => d.Date).Select((d, i) =>
        {
            var fields = new string?[spec.Columns.Count];
            fields[spec.IndexOf("date")] = ReturnDates.Iso(d.Date);
            fields[spec.IndexOf("name")] = d.Name;
            return new SourceRecord(i + 1, fields, $"{ReturnDates.Iso(d.Date)},{d.Name}") { File = "bank holidays (built in)" };
        }).ToList();
    }

    private static IEnumerable<string> Columns(string table, params string[] except) =>
        CaseSystemContract.Get(table).Columns.Select(c => c.Name).Where(c => !except.Contains(c)).Select(c => $"{table}.{c}");

    private static SourceCoverage CoverageOf(bool ssda903, bool census, bool annexA, IReadOnlyList<TableSpec> reference)
    {
        var provided = new List<string> { "bank_holidays" };
        provided.AddRange(reference.Select(r => r.Name));
        if (ssda903)
        {
            provided.AddRange(["children.child_id", "children.upn", "children.date_of_birth", "children.sex", "children.ethnicity", "children.uasc", "children.last_modified"]);
            provided.AddRange(Columns("cla_episodes", "carer_id"));
            provided.AddRange(Columns("cla_reviews"));
            provided.AddRange(Columns("immunisations"));
            provided.AddRange(Columns("care_leavers", "contact_date"));
            provided.AddRange(Columns("adoptions"));
        }
        if (census)
        {
            provided.AddRange(Columns("children", "nhs_number", "first_name", "last_name", "uasc"));
            provided.AddRange(Columns("referrals", "contact_id"));
            provided.AddRange(Columns("assessments", "outcome", "worker_id"));
            provided.AddRange(Columns("s47_enquiries", "strategy_date", "end_date", "outcome"));
            provided.AddRange(Columns("cin_plans"));
            provided.AddRange(Columns("cp_plans"));
            provided.AddRange(Columns("cp_reviews", "quorate"));
        }
        if (annexA) provided.AddRange(AnnexACoverage());
        var kinds = new[] { (ssda903, "SSDA903"), (census, "CIN census"), (annexA, "Annex A") }.Where(k => k.Item1).Select(k => k.Item2).ToList();
        var kind = kinds.Count == 1
            ? kinds[0] switch { "SSDA903" => "the SSDA903 return", "CIN census" => "the CIN census", _ => "the Annex A lists" }
            : $"the {string.Join(", ", kinds.Take(kinds.Count - 1))} and {kinds[^1]} returns";
        return new SourceCoverage(kind, provided);
    }
}
