using System.Globalization;

namespace ChildrensWarehouse.Seeds;

/// <summary>
/// Writes one council's extract folder: the 24 tables, manifest.json, reference/ and defects.csv.
/// Children are simulated twice, one at a time: a first pass counts the caseload so the workforce
/// can be sized to it, the second (same random streams, same children) writes the rows. Nothing
/// but the current child and the workforce is held in memory.
/// </summary>
internal sealed class CouncilExtract : IDisposable
{
    private readonly SimulationContext _ctx;
    private readonly string _folder;
    private readonly Dictionary<string, TableWriter> _tables = [];
    private readonly CsvFile _defectFile;
    private readonly DefectLog _defectLog;
    private readonly Action<long> _onRows;
    private Workforce _workforce = null!;
    private Random _stamp = null!;
    private Random _alloc = null!;
    private long _childCount;
    private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal);
    private long _rowsAtLastReport;

    public CouncilExtract(SimulationContext ctx, string folder, Action<long> onRows)
    {
        _ctx = ctx;
        _folder = folder;
        _onRows = onRows;
        Directory.CreateDirectory(folder);
        _defectFile = new CsvFile(Path.Combine(folder, "defects.csv"), ["table", "line", "id", "defect_class"]);
        _defectLog = new DefectLog(_defectFile);
        var defects = new DefectContext(ctx.Options.DefectRate, ctx.AsAt, ctx.Horizon, _defectLog);
        foreach (var spec in ExtractSchema.All)
        {
            var rng = ctx.Options.DefectRate > 0 ? RandomStreams.For(ctx.Seed, ctx.Council.Index, "defects:" + spec.Name) : null;
            _tables[spec.Name] = new TableWriter(spec, Path.Combine(folder, spec.Name + ".csv"), ctx.Options.DefectRate > 0 ? defects : null, rng);
        }
    }

    public long RowsWritten => _tables.Values.Sum(t => t.Records);

    public IEnumerable<(string Table, long Rows)> RowsPerTable => _tables.Select(kv => (kv.Key, kv.Value.Records));

    private TableWriter T(TableSpec spec) => _tables[spec.Name];

    public void Run(CancellationToken cancellationToken)
    {
        // Pass 1: the caseload over time, to size the workforce.
        var census = new CaseloadCensus(_ctx.HistoryStart, _ctx.Horizon);
        var simulator = new ChildSimulator(_ctx);
        foreach (var (cohort, ordinal, start) in Arrivals())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var child = simulator.Simulate(cohort, ordinal, start);
            if (Accepted(child))
            {
                census.Add(child);
            }
        }
        _workforce = new Workforce(_ctx, census);
        WriteTeamsAndWorkers();
        WritePoolCarers();

        // Pass 2: the same children again, written out.
        foreach (var (cohort, ordinal, start) in Arrivals())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var child = simulator.Simulate(cohort, ordinal, start);
            if (!Accepted(child))
            {
                continue;
            }
            WriteChild(child);
            var rows = RowsWritten;
            if (rows - _rowsAtLastReport >= 50_000)
            {
                _onRows(rows - _rowsAtLastReport);
                _rowsAtLastReport = rows;
            }
        }
        _onRows(RowsWritten - _rowsAtLastReport);
        _rowsAtLastReport = RowsWritten;
    }

    /// <summary>A child simulated from before the flow is kept only when still known to the service at From.</summary>
    private bool Accepted(ChildCase child) => child.LastActivity >= _ctx.From;

    /// <summary>
    /// The arrivals in order: children who entered care before the flow (earliest first), then first
    /// contacts month by month from <see cref="SimulationContext.HistoryStart"/> to the as-at moment.
    /// </summary>
    private IEnumerable<(Cohort Cohort, long Ordinal, DateTime Start)> Arrivals()
    {
        var ctx = _ctx;
        var curves = ctx.Curves;
        var rng = RandomStreams.For(ctx.Seed, ctx.Council.Index, "arrivals:earlier-care");
        long ordinal = 0;
        var buffer = new List<DateTime>();
        var firstMonth = Dates.MonthIndex(ctx.EarliestCareEntry);
        var flowStart = Dates.MonthIndex(ctx.HistoryStart);
        for (var m = firstMonth; m < flowStart; m++)
        {
            var monthStart = Dates.MonthStart(m);
            // Entries to care per month before the flow: as many as the flow produces around its start.
            var mean = EarlierCareEntriesPer10k * curves.CareEntry.At(ctx.HistoryStart) * ctx.PopulationTenThousands(monthStart);
            FillMonth(rng, monthStart, rng.Poisson(mean), buffer);
            foreach (var t in buffer)
            {
                yield return (Cohort.EarlierCare, ordinal++, t);
            }
        }
        rng = RandomStreams.For(ctx.Seed, ctx.Council.Index, "arrivals:flow");
        ordinal = 0;
        var lastMonth = Dates.MonthIndex(DateOnly.FromDateTime(ctx.AsAt));
        for (var m = flowStart; m <= lastMonth; m++)
        {
            var monthStart = Dates.MonthStart(m);
            var mean = curves.NewChildContactsPer10k.AtMonth(m) * ctx.PopulationTenThousands(monthStart);
            FillMonth(rng, monthStart, rng.Poisson(mean), buffer);
            foreach (var t in buffer)
            {
                if (t <= ctx.AsAt)
                {
                    yield return (Cohort.Flow, ordinal, t);
                }
                ordinal++;
            }
        }
    }

    /// <summary>Children entering care per month per 10,000 before the flow (matches the flow's own rate).</summary>
    internal const double EarlierCareEntriesPer10k = 3.02;

    private static void FillMonth(Random rng, DateOnly monthStart, int count, List<DateTime> buffer)
    {
        buffer.Clear();
        var days = DateTime.DaysInMonth(monthStart.Year, monthStart.Month);
        for (var i = 0; i < count; i++)
        {
            var day = monthStart.AddDays(rng.Next(days));
            var weekday = day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            var hours = weekday && rng.Chance(0.8) ? rng.Uniform(8.5, 17.5) : rng.Uniform(0, 24);
            buffer.Add(day.At(hours));
        }
        buffer.Sort();
    }

    // ------------------------------------------------------------------ ids and stamps

    private string NextId(string prefix, string format = "D6")
    {
        _ids.TryGetValue(prefix, out var n);
        n++;
        _ids[prefix] = n;
        return prefix + n.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// When the record was last changed: a little after its latest event (the same working day or,
    /// for a share of records, days later), never after the as-at moment.
    /// </summary>
    private string Stamp(DateTime floor)
    {
        var rng = _stamp;
        if (floor > _ctx.AsAt)
        {
            floor = _ctx.AsAt;
        }
        // Most records are saved within hours of the event; some are written up days later, in office hours.
        var t = rng.Chance(0.7)
            ? floor.AddMinutes(rng.Between(5, 240))
            : floor.Date.AddDays(rng.Between(1, 15)).AddMinutes(rng.Between(8 * 60 + 30, 18 * 60));
        if (t > _ctx.AsAt)
        {
            var span = Math.Max(0, (_ctx.AsAt - floor).TotalSeconds);
            t = floor.AddSeconds(Math.Floor(span * rng.NextDouble()));
        }
        return Format.Timestamp(t);
    }

    private string Stamp(DateOnly latest) => Stamp(latest.At(_stamp.Uniform(8.5, 18.0)));

    private DateOnly? Seen(DateOnly d) => d <= _ctx.Horizon ? d : null;

    /// <summary>A start date as the case system holds it: migrated history starts on <see cref="SimulationContext.RecordsBegin"/>.</summary>
    private DateOnly Begin(DateOnly d) => d < _ctx.RecordsBegin ? _ctx.RecordsBegin : d;

    /// <summary>Whether something that ended on <paramref name="end"/> is before the records begin (and so absent).</summary>
    private bool EndedBeforeRecords(DateOnly end) => end <= _ctx.RecordsBegin;

    /// <summary>An event date the case system holds: none before the records begin or after the horizon.</summary>
    private DateOnly? Held(DateOnly? d) => d is { } v && v >= _ctx.RecordsBegin && v <= _ctx.Horizon ? v : null;

    private DateOnly? Seen(DateOnly? d) => d is { } v && v <= _ctx.Horizon ? v : null;

    private static DateOnly Latest(DateOnly a, DateOnly? b) => b is { } v && v > a ? v : a;

    // ------------------------------------------------------------------ fixed tables

    private void WriteTeamsAndWorkers()
    {
        _stamp = RandomStreams.For(_ctx.Seed, _ctx.Council.Index, "stamps:workforce");
        var teams = T(ExtractSchema.Teams);
        foreach (var team in _workforce.Teams)
        {
            teams.Set("team_id", team.Id);
            teams.Set("team_name", team.Name);
            teams.Set("service_area", AreaCode(team.Area));
            teams.Set("last_modified", Stamp(Begin(_ctx.HistoryStart.AddDays(-30))));
            teams.Emit(RowRole.Parent);
        }
        var workers = T(ExtractSchema.Workers);
        foreach (var w in _workforce.Workers)
        {
            if (w.End is { } left && EndedBeforeRecords(left))
            {
                continue;
            }
            workers.Set("worker_id", w.Id);
            workers.Set("display_name", w.Name);
            workers.Set("team_id", w.Team.Id);
            workers.Set("role", w.Role);
            workers.Set("fte", Format.Decimal(w.Fte));
            workers.Set("start_date", Format.Date(Begin(w.Start)));
            workers.Set("end_date", Format.Date(w.End));
            workers.Set("agency", Format.YesNo(w.Agency));
            workers.Set("last_modified", Stamp(Latest(Dates.Min(Begin(w.Start), _ctx.Horizon), w.End)));
            workers.Emit(RowRole.Parent);
        }
    }

    private void WritePoolCarers()
    {
        var carers = T(ExtractSchema.FosterCarers);
        foreach (var c in _ctx.Carers.Carers)
        {
            if (c.Approved > _ctx.Horizon || (c.Deregistered is { } gone && EndedBeforeRecords(gone)))
            {
                continue;
            }
            carers.Set("carer_id", c.Id);
            carers.Set("carer_type", c.Type);
            carers.Set("approved_date", Format.Date(Begin(c.Approved)));
            carers.Set("deregistered_date", Format.Date(c.Deregistered));
            carers.Set("places", Format.Integer(c.Places));
            carers.Set("last_modified", Stamp(Latest(Begin(c.Approved), c.Deregistered)));
            carers.Emit();
        }
    }

    private static string AreaCode(ServiceArea area) => area switch
    {
        ServiceArea.FrontDoor => "FRONT_DOOR",
        ServiceArea.Assessment => "ASSESSMENT",
        ServiceArea.FamilySupport => "FAMILY_SUPPORT",
        ServiceArea.ChildrenInCare => "CHILDREN_IN_CARE",
        ServiceArea.LeavingCare => "LEAVING_CARE",
        ServiceArea.EarlyHelp => "EARLY_HELP",
        _ => "ADOPTION",
    };

    // ------------------------------------------------------------------ one child

    private readonly List<(Workforce.Worker Worker, DateOnly Start, DateOnly End)> _allocations = [];

    private void WriteChild(ChildCase child)
    {
        var ctx = _ctx;
        var h = ctx.Horizon;
        var index = ctx.Council.Index;
        _stamp = RandomStreams.For(ctx.Seed, index, "stamps", child.Ordinal);
        _alloc = RandomStreams.For(ctx.Seed, index, "allocations", child.Ordinal);
        var childId = (++_childCount).ToString("D7", CultureInfo.InvariantCulture);

        AllocateWorkers(child);

        // children
        var born = child.Dob <= h;
        var rows = T(ExtractSchema.Children);
        rows.Set("child_id", childId);
        rows.Set("nhs_number", born ? Identifiers.NhsNumber(_childCount - 1) : null);
        rows.Set("upn", child.Upn);
        rows.Set("first_name", child.FirstName);
        rows.Set("last_name", child.LastName);
        rows.Set("date_of_birth", born ? Format.Date(child.Dob) : null);
        rows.Set("expected_date_of_birth", Format.Date(child.ExpectedDob));
        rows.Set("sex", born ? child.Sex.ToString() : "U");
        rows.Set("ethnicity", born ? child.Ethnicity : "NOBT");
        rows.Set("disability", Format.YesNo(child.Disabled));
        rows.Set("uasc", Format.YesNo(child.Uasc));
        rows.Set("date_of_death", Format.Date(Seen(child.Death)));
        rows.Set("last_modified", Stamp(Dates.Min(child.LastActivity, h)));
        rows.Emit(RowRole.Parent);

        // contacts and referrals
        var named = new HashSet<ContactEvent>();
        foreach (var r in child.Referrals)
        {
            if (r.Contact.Decision <= ctx.AsAt && !(r.Closure is { } closed && EndedBeforeRecords(closed)))
            {
                named.Add(r.Contact);
            }
        }
        var contacts = T(ExtractSchema.Contacts);
        foreach (var c in child.Contacts)
        {
            c.Id = null;
            if (c.Received > ctx.AsAt || c.Received.Day() < ctx.RecordsBegin)
            {
                continue;
            }
            var decided = c.Decision <= ctx.AsAt;
            c.Id = NextId("CT", "D7");
            contacts.Set("contact_id", c.Id);
            contacts.Set("child_id", childId);
            contacts.Set("received_at", Format.Timestamp(c.Received));
            contacts.Set("source", c.Source);
            contacts.Set("decision_at", decided ? Format.Timestamp(c.Decision) : null);
            contacts.Set("outcome", decided ? c.Outcome : null);
            contacts.Set("worker_id", _workforce.PickFrontDoor(_alloc, c.Received.Day())?.Id);
            contacts.Set("last_modified", Stamp(decided ? c.Decision : c.Received));
            contacts.Emit(named.Contains(c) ? RowRole.Parent : RowRole.Leaf);
        }

        var referrals = T(ExtractSchema.Referrals);
        foreach (var r in child.Referrals)
        {
            r.Id = null;
            if (r.Contact.Decision > ctx.AsAt || (r.Closure is { } closed && EndedBeforeRecords(closed)))
            {
                continue;
            }
            r.Id = NextId("RF");
            r.HasDependents = child.Assessments.Any(a => a.Referral == r && a.Start <= h)
                || child.S47s.Any(s => s.Referral == r && s.Start <= h)
                || child.CinPlans.Any(p => p.Referral == r && p.Start <= h)
                || child.CpPlans.Any(p => p.Referral == r && p.Start <= h);
            var closure = Seen(r.Closure);
            referrals.Set("referral_id", r.Id);
            referrals.Set("child_id", childId);
            referrals.Set("contact_id", r.Contact.Id);
            referrals.Set("referral_date", Format.Date(Begin(r.Date)));
            referrals.Set("source", r.Source);
            referrals.Set("primary_need", r.Need);
            referrals.Set("closure_date", Format.Date(closure));
            referrals.Set("closure_reason", closure is null ? null : r.ClosureReason);
            referrals.Set("last_modified", Stamp(Latest(Begin(r.Date), closure)));
            referrals.Emit(r.HasDependents ? RowRole.Parent : RowRole.Leaf);
        }

        var assessments = T(ExtractSchema.Assessments);
        foreach (var a in child.Assessments)
        {
            if (a.Start > h || a.Start < ctx.RecordsBegin || a.Referral.Id is null)
            {
                continue;
            }
            var authorised = Seen(a.Authorised);
            assessments.Set("assessment_id", NextId("SA"));
            assessments.Set("referral_id", a.Referral.Id);
            assessments.Set("child_id", childId);
            assessments.Set("start_date", Format.Date(a.Start));
            assessments.Set("authorised_date", Format.Date(authorised));
            assessments.Set("outcome", authorised is null ? null : a.Outcome);
            assessments.Set("factors", a.Factors);
            assessments.Set("worker_id", WorkerOn(a.Start)?.Id);
            assessments.Set("last_modified", Stamp(Latest(a.Start, authorised)));
            assessments.Emit();
        }

        var s47s = T(ExtractSchema.S47Enquiries);
        foreach (var s in child.S47s)
        {
            if (s.Start > h || s.Strategy < ctx.RecordsBegin || s.Referral.Id is null)
            {
                continue;
            }
            var ended = s.End <= h;
            var icpc = Seen(s.Icpc);
            var resolved = ended && (s.Outcome != "CP_PLAN" || icpc is not null);
            s47s.Set("s47_id", NextId("S47-"));
            s47s.Set("referral_id", s.Referral.Id);
            s47s.Set("child_id", childId);
            s47s.Set("strategy_date", Format.Date(s.Strategy));
            s47s.Set("start_date", Format.Date(s.Start));
            s47s.Set("end_date", ended ? Format.Date(s.End) : null);
            s47s.Set("icpc_required", ended ? Format.YesNo(s.IcpcRequired) : null);
            s47s.Set("icpc_date", Format.Date(icpc));
            s47s.Set("outcome", resolved ? s.Outcome : "ONGOING");
            s47s.Set("last_modified", Stamp(Latest(Latest(s.Start, ended ? s.End : null), icpc)));
            s47s.Emit();
        }

        var cin = T(ExtractSchema.CinPlans);
        foreach (var p in child.CinPlans)
        {
            if (p.Start > h || EndedBeforeRecords(p.End) || p.Referral.Id is null)
            {
                continue;
            }
            var end = Seen(p.End);
            cin.Set("cin_plan_id", NextId("CIN"));
            cin.Set("referral_id", p.Referral.Id);
            cin.Set("child_id", childId);
            cin.Set("start_date", Format.Date(Begin(p.Start)));
            cin.Set("end_date", Format.Date(end));
            cin.Set("last_modified", Stamp(Latest(Begin(p.Start), end)));
            cin.Emit();
        }

        var cp = T(ExtractSchema.CpPlans);
        var cpReviews = T(ExtractSchema.CpReviews);
        foreach (var p in child.CpPlans)
        {
            if (p.Start > h || EndedBeforeRecords(p.End) || p.Referral.Id is null)
            {
                continue;
            }
            var end = Seen(p.End);
            var planId = NextId("CPP");
            var reviews = p.Reviews.Count(r => Held(r.Date) is not null);
            cp.Set("cp_plan_id", planId);
            cp.Set("referral_id", p.Referral.Id);
            cp.Set("child_id", childId);
            cp.Set("start_date", Format.Date(Begin(p.Start)));
            cp.Set("end_date", Format.Date(end));
            cp.Set("category", p.Category);
            cp.Set("last_modified", Stamp(Latest(Begin(p.Start), end)));
            cp.Emit(reviews > 0 ? RowRole.Parent : RowRole.Leaf);
            foreach (var (date, quorate) in p.Reviews)
            {
                if (date > h)
                {
                    break;
                }
                if (date < ctx.RecordsBegin)
                {
                    continue;
                }
                cpReviews.Set("cp_review_id", NextId("CPR"));
                cpReviews.Set("cp_plan_id", planId);
                cpReviews.Set("review_date", Format.Date(date));
                cpReviews.Set("quorate", Format.YesNo(quorate));
                cpReviews.Set("last_modified", Stamp(date));
                cpReviews.Emit();
            }
        }

        var eh = T(ExtractSchema.EarlyHelp);
        foreach (var e in child.EarlyHelp)
        {
            if (e.Start > h || EndedBeforeRecords(e.End))
            {
                continue;
            }
            var end = Seen(e.End);
            var assessed = Held(e.AssessmentDate);
            eh.Set("early_help_id", NextId("EH"));
            eh.Set("child_id", childId);
            eh.Set("start_date", Format.Date(Begin(e.Start)));
            eh.Set("end_date", Format.Date(end));
            eh.Set("assessment_date", Format.Date(assessed));
            eh.Set("lead_agency", e.LeadAgency);
            eh.Set("last_modified", Stamp(Latest(Latest(Begin(e.Start), end), assessed)));
            eh.Emit();
        }

        WriteCare(child, childId);
        WriteAllocationsAndVisits(child, childId);
    }

    private void WriteCare(ChildCase child, string childId)
    {
        var h = _ctx.Horizon;
        var episodes = T(ExtractSchema.ClaEpisodes);
        var all = child.CarePeriods.SelectMany(p => p.Episodes).Concat(child.ShortBreaks)
            .Where(e => e.Start <= h && !EndedBeforeRecords(e.End)).OrderBy(e => e.Start);
        foreach (var e in all)
        {
            var end = Seen(e.End);
            if (e.Placement.Connected is { Id.Length: 0 } carer)
            {
                carer.Id = NextId("FK", "D5");
            }
            episodes.Set("episode_id", NextId("EP"));
            episodes.Set("child_id", childId);
            // An episode running when the records begin is the first the case system knows of.
            var migrated = e.Start < _ctx.RecordsBegin;
            episodes.Set("start_date", Format.Date(Begin(e.Start)));
            episodes.Set("end_date", Format.Date(end));
            episodes.Set("legal_status", e.Legal);
            episodes.Set("reason_new_episode", migrated ? "S" : e.Reason);
            episodes.Set("placement_type", e.Placement.Type);
            episodes.Set("placement_provider", e.Placement.Provider);
            episodes.Set("reason_ceased", end is null ? null : e.Ceased);
            episodes.Set("carer_id", e.Placement.Carer);
            episodes.Set("placement_postcode_district", e.Placement.Postcode);
            episodes.Set("last_modified", Stamp(Latest(Begin(e.Start), end)));
            episodes.Emit();
        }

        var carers = T(ExtractSchema.FosterCarers);
        foreach (var c in child.ConnectedCarers)
        {
            if (c.Approved > h || c.Id.Length == 0 || EndedBeforeRecords(c.Deregistered))
            {
                continue;
            }
            var dereg = Seen(c.Deregistered);
            carers.Set("carer_id", c.Id);
            carers.Set("carer_type", "CONNECTED");
            carers.Set("approved_date", Format.Date(Begin(c.Approved)));
            carers.Set("deregistered_date", Format.Date(dereg));
            carers.Set("places", Format.Integer(c.Places));
            carers.Set("last_modified", Stamp(Latest(Begin(c.Approved), dereg)));
            carers.Emit();
        }

        var reviews = T(ExtractSchema.ClaReviews);
        foreach (var (date, participation) in child.ClaReviews)
        {
            if (date < _ctx.RecordsBegin)
            {
                continue;
            }
            reviews.Set("cla_review_id", NextId("LR"));
            reviews.Set("child_id", childId);
            reviews.Set("review_date", Format.Date(date));
            reviews.Set("participation", participation);
            reviews.Set("last_modified", Stamp(date));
            reviews.Emit();
        }

        var health = T(ExtractSchema.HealthAssessments);
        foreach (var (type, date) in child.HealthAssessments)
        {
            if (date < _ctx.RecordsBegin)
            {
                continue;
            }
            health.Set("health_assessment_id", NextId("HA"));
            health.Set("child_id", childId);
            health.Set("assessment_type", type);
            health.Set("completed_date", Format.Date(date));
            health.Set("last_modified", Stamp(date));
            health.Emit();
        }

        var dental = T(ExtractSchema.DentalChecks);
        foreach (var date in child.DentalChecks)
        {
            if (date < _ctx.RecordsBegin)
            {
                continue;
            }
            dental.Set("dental_check_id", NextId("DC"));
            dental.Set("child_id", childId);
            dental.Set("check_date", Format.Date(date));
            dental.Set("last_modified", Stamp(date));
            dental.Emit();
        }

        var immunisations = T(ExtractSchema.Immunisations);
        foreach (var (date, upToDate) in child.Immunisations)
        {
            if (date < _ctx.RecordsBegin)
            {
                continue;
            }
            immunisations.Set("child_id", childId);
            immunisations.Set("as_at_date", Format.Date(date));
            immunisations.Set("up_to_date", Format.YesNo(upToDate));
            immunisations.Set("last_modified", Stamp(date));
            immunisations.Emit();
        }

        var peps = T(ExtractSchema.Peps);
        foreach (var (date, type) in child.Peps)
        {
            if (date < _ctx.RecordsBegin)
            {
                continue;
            }
            peps.Set("pep_id", NextId("PEP"));
            peps.Set("child_id", childId);
            peps.Set("pep_date", Format.Date(date));
            peps.Set("pep_type", type);
            peps.Set("last_modified", Stamp(date));
            peps.Emit();
        }

        var proceedings = T(ExtractSchema.Proceedings);
        foreach (var p in child.Proceedings)
        {
            if (p.Issued > h || EndedBeforeRecords(p.FinalOrderDate))
            {
                continue;
            }
            var final = Seen(p.FinalOrderDate);
            proceedings.Set("proceedings_id", NextId("PRO"));
            proceedings.Set("child_id", childId);
            proceedings.Set("issued_date", Format.Date(Begin(p.Issued)));
            proceedings.Set("final_order_date", Format.Date(final));
            proceedings.Set("final_order", final is null ? null : p.FinalOrder);
            proceedings.Set("last_modified", Stamp(Latest(Begin(p.Issued), final)));
            proceedings.Emit();
        }

        if (child.Adoption is { } ad && ad.Adm <= h && new[] { ad.Adm, ad.PlacementOrder, ad.Matched, ad.Placed, ad.Order }.Any(d => Held(d) is not null))
        {
            var adoptions = T(ExtractSchema.Adoptions);
            var adm = Held(ad.Adm);
            var po = Held(ad.PlacementOrder);
            var matched = Held(ad.Matched);
            var placed = Held(ad.Placed);
            var order = Held(ad.Order);
            adoptions.Set("child_id", childId);
            adoptions.Set("adm_decision_date", Format.Date(adm));
            adoptions.Set("placement_order_date", Format.Date(po));
            adoptions.Set("matched_date", Format.Date(matched));
            adoptions.Set("placed_date", Format.Date(placed));
            adoptions.Set("adoption_order_date", Format.Date(order));
            adoptions.Set("last_modified", Stamp(Latest(Latest(Latest(Latest(adm ?? _ctx.RecordsBegin, po), matched), placed), order)));
            adoptions.Emit();
        }

        var leavers = T(ExtractSchema.CareLeavers);
        foreach (var c in child.CareLeaver)
        {
            if (c.Birthday < _ctx.RecordsBegin)
            {
                continue;
            }
            leavers.Set("care_leaver_id", NextId("CL"));
            leavers.Set("child_id", childId);
            leavers.Set("birthday_date", Format.Date(c.Birthday));
            leavers.Set("contact_date", Format.Date(c.ContactDate is { } contacted ? Begin(contacted) : null));
            leavers.Set("in_touch", c.InTouch);
            leavers.Set("activity", c.Activity);
            leavers.Set("accommodation", c.Accommodation);
            leavers.Set("accommodation_suitable", c.Suitable is { } s ? Format.YesNo(s) : null);
            leavers.Set("last_modified", Stamp(Latest(c.Birthday, c.ContactDate is { } lastContact ? Begin(lastContact) : null)));
            leavers.Emit();
        }
    }

    /// <summary>Who held the case: one allocation per case-holding stretch, re-allocated when a worker leaves.</summary>
    private void AllocateWorkers(ChildCase child)
    {
        _allocations.Clear();
        var ctx = _ctx;
        foreach (var holding in child.Holdings)
        {
            if (holding.End <= ctx.HistoryStart || holding.Start > ctx.Horizon)
            {
                continue;
            }
            var d = Dates.Max(holding.Start, ctx.HistoryStart);
            while (d < holding.End && d <= ctx.Horizon)
            {
                var w = _workforce.PickCaseHolder(_alloc, holding.Area, d);
                if (w is null)
                {
                    break;
                }
                var start = d == ctx.HistoryStart && holding.Start < d ? Dates.Max(holding.Start, w.Start) : d;
                var end = w.End is { } we && we < holding.End ? we : holding.End;
                _allocations.Add((w, start, end));
                d = end;
            }
        }
    }

    private Workforce.Worker? WorkerOn(DateOnly d)
    {
        foreach (var (worker, start, end) in _allocations)
        {
            if (start <= d && d < end)
            {
                return worker;
            }
        }
        return null;
    }

    private void WriteAllocationsAndVisits(ChildCase child, string childId)
    {
        var ctx = _ctx;
        var h = ctx.Horizon;
        var allocations = T(ExtractSchema.Allocations);
        var supervisions = T(ExtractSchema.CaseSupervisions);
        foreach (var (worker, start, end) in _allocations)
        {
            if (EndedBeforeRecords(end))
            {
                continue;
            }
            var seenEnd = Seen(end);
            allocations.Set("allocation_id", NextId("AL"));
            allocations.Set("child_id", childId);
            allocations.Set("worker_id", worker.Id);
            allocations.Set("start_date", Format.Date(Begin(start)));
            allocations.Set("end_date", Format.Date(seenEnd));
            allocations.Set("last_modified", Stamp(Latest(Begin(start), seenEnd)));
            allocations.Emit();

            var s = Dates.Max(start, ctx.PracticeStart).AddDays(_alloc.Between(7, 35));
            while (s < end && s <= h)
            {
                if (s >= ctx.RecordsBegin && _workforce.ManagerOf(worker.Team, s) is { } manager)
                {
                    supervisions.Set("supervision_id", NextId("SUP", "D7"));
                    supervisions.Set("child_id", childId);
                    supervisions.Set("worker_id", manager.Id);
                    supervisions.Set("supervision_date", Format.Date(s));
                    supervisions.Set("last_modified", Stamp(s));
                    supervisions.Emit();
                }
                s = s.AddDays(_alloc.Between(28, 70));
            }
        }

        var visits = T(ExtractSchema.Visits);
        foreach (var v in child.Visits)
        {
            if (v.Date < ctx.RecordsBegin)
            {
                continue;
            }
            visits.Set("visit_id", NextId("V", "D7"));
            visits.Set("child_id", childId);
            visits.Set("visit_date", Format.Date(v.Date));
            visits.Set("visit_type", v.Type);
            visits.Set("seen", Format.YesNo(v.Seen));
            visits.Set("seen_alone", v.SeenAlone is { } alone ? Format.YesNo(alone) : null);
            visits.Set("location", v.Location);
            visits.Set("worker_id", WorkerOn(v.Date)?.Id);
            visits.Set("last_modified", Stamp(v.Date));
            visits.Emit();
        }
    }

    public void Dispose()
    {
        foreach (var t in _tables.Values)
        {
            t.Dispose();
        }
        _defectFile.Dispose();
    }
}
