using System.Diagnostics;
using System.Text.Json;
using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Derivation;
using ChildrensWarehouse.Indicators;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Warehouse;
using Serilog;

namespace ChildrensWarehouse.Pipeline;

/// <summary>What one run is asked to do.</summary>
public sealed record RunRequest
{
    /// <summary>The extract folder, or <c>sql:</c> and a connection string for the case system's SQL views.</summary>
    public required string SourceFolder { get; init; }
    /// <summary>A DuckDB file, or a SQL Server connection string (<see cref="WarehouseTarget"/>).</summary>
    public required string WarehousePath { get; init; }
    public DateTime? AsAt { get; init; }
    public int Months { get; init; } = 24;
    public RuleSettings Rules { get; init; } = new();
    /// <summary>The schema folder; null = the engine's own (warehouse-schema/duckdb or warehouse-schema/sqlserver).</summary>
    public string? SchemaFolder { get; init; }
    /// <summary>Privacy:PseudonymSalt from configuration; null = a salt file beside the warehouse.</summary>
    public string? PseudonymSalt { get; init; }
}

/// <summary>What one run did: row accounting, timings, where things are.</summary>
public sealed record RunSummary(
    long RunId,
    Manifest Manifest,
    DateTime AsAt,
    IReadOnlyList<TableAccounting> Accounting,
    IReadOnlyList<(string Stage, TimeSpan Elapsed)> Timings,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<KpiRow> Kpis,
    string WarehousePath);

/// <summary>
/// One run of the pipeline (DESIGN.md "Flow"): read + validate -> stage -> derive -> facts -> indicators -> publish.
/// Everything is built into a copy of the warehouse; only a run that succeeded is published.
/// </summary>
public sealed class RunPipeline(ILogger log)
{
    public RunSummary Run(RunRequest request, CancellationToken cancellationToken = default)
    {
        var timings = new List<(string, TimeSpan)>();
        var clock = Stopwatch.StartNew();
        void Stage(string name)
        {
            timings.Add((name, clock.Elapsed));
            log.Information("Stage {Stage} done in {Seconds:0.000} s", name, clock.Elapsed.TotalSeconds);
            clock.Restart();
        }

        var startedAt = DateTime.Now;
        var extract = new ExtractReader().Read(request.SourceFolder, cancellationToken);
        var manifest = extract.Manifest;
        var asAt = request.AsAt ?? manifest.ExtractedAt;
        foreach (var warning in extract.Warnings) log.Warning("{Warning}", warning);
        log.Information("Read extract {LaCode}: {Rows} rows loaded, {Quarantined} quarantined",
            manifest.LaCode, extract.Tables.Values.Sum(t => t.Rows.Count), extract.Quarantine.Count);
        var calendar = Calendar(extract);
        var population = PopulationOf(extract);
        Stage("read+validate");

        using IWarehouse warehouse = WarehouseFactory.OpenForBuild(request.WarehousePath, request.SchemaFolder, log);
        var runId = warehouse.NextRunId();
        warehouse.ClearCouncil(manifest.LaCode);
        foreach (var spec in CaseSystemContract.AllTables)
        {
            cancellationToken.ThrowIfCancellationRequested();
            warehouse.Stage(extract, spec);
        }
        warehouse.WriteQuarantine(runId, manifest.LaCode, extract.Quarantine);
        warehouse.LoadDateDimension(calendar);
        warehouse.LoadIndicatorDimension(IndicatorDictionary.All.Values);
        var pseudonyms = Pseudonymiser.FromConfiguration(request.PseudonymSalt, request.WarehousePath);
        warehouse.Append("dim", "child", FactRows.Children(extract, DateOnly.FromDateTime(asAt), runId, pseudonyms));
        Stage("stage");

        var view = new CaseView(asAt);
        var context = new DerivationContext
        {
            Rules = request.Rules,
            Calendar = calendar,
            AsAt = asAt,
            ContactsNamedByReferrals = view.Referrals(extract).Where(r => r.ContactId is not null).Select(r => r.ContactId!).ToHashSet(StringComparer.Ordinal),
        };
        var facts = view.Cases(extract).Select(c => ChildDerivation.Derive(c, context)).ToList();
        Stage("derive");

        var la = manifest.LaCode;
        warehouse.Append("fact", "contact", facts.SelectMany(f => FactRows.Contacts(la, runId, f)));
        warehouse.Append("fact", "referral", facts.SelectMany(f => FactRows.Referrals(la, runId, f)));
        warehouse.Append("fact", "assessment", facts.SelectMany(f => FactRows.Assessments(la, runId, f, request.Rules)));
        warehouse.Append("fact", "cla_episode", facts.SelectMany(f => FactRows.ClaEpisodes(la, runId, f)));
        warehouse.Append("fact", "period_of_care", facts.SelectMany(f => FactRows.PeriodsOfCare(la, runId, f)));
        warehouse.Append("fact", "s47", facts.SelectMany(f => FactRows.S47(la, runId, f, request.Rules)));
        warehouse.Append("fact", "cin_plan", facts.SelectMany(f => FactRows.CinPlans(la, runId, f)));
        warehouse.Append("fact", "cp_plan", facts.SelectMany(f => FactRows.CpPlans(la, runId, f, request.Rules)));
        warehouse.Append("fact", "cp_review_obligation", facts.SelectMany(f => FactRows.CpReviewObligations(la, runId, f)));
        warehouse.Append("fact", "visit", facts.SelectMany(f => FactRows.Visits(la, runId, f, calendar, request.Rules.ChildProtection.VisitIntervalWorkingDays)));
        warehouse.Append("fact", "placement_spell", facts.SelectMany(f => FactRows.PlacementSpells(la, runId, f)));
        warehouse.Append("fact", "cla_review_obligation", facts.SelectMany(f => FactRows.ClaReviewObligations(la, runId, f)));
        warehouse.Append("fact", "health_assessment_obligation", facts.SelectMany(f => FactRows.HealthAssessmentObligations(la, runId, f)));
        warehouse.Append("fact", "pep", facts.SelectMany(f => FactRows.Peps(la, runId, f)));
        warehouse.Append("fact", "adoption", facts.SelectMany(f => FactRows.Adoptions(la, runId, f)));
        warehouse.Append("fact", "proceedings", facts.SelectMany(f => FactRows.Proceedings(la, runId, f, request.Rules)));
        warehouse.Append("fact", "care_leaver", facts.SelectMany(f => FactRows.CareLeavers(la, runId, f)));
        var council = view.Council(extract);
        var teamOfWorker = council.Workers.ToDictionary(w => w.WorkerId, w => w.TeamId, StringComparer.Ordinal);
        var periods = ReportingPeriods.Ending(asAt, request.Months);
        warehouse.Append("fact", "allocation_snapshot", facts.SelectMany(f => FactRows.AllocationSnapshots(la, runId, f, periods.MonthEnds, teamOfWorker)));
        warehouse.Append("fact", "supervision", facts.SelectMany(f => FactRows.Supervisions(la, runId, f)));
        Stage("load facts");

        var calculator = new IndicatorCalculator(periods, calendar, request.Rules, council, IndicatorDictionary.All);
        foreach (var f in facts) calculator.Add(f);
        var kpis = calculator.Results(population, KpiReference.From(extract));
        warehouse.WriteKpis(la, asAt, runId, kpis);
        warehouse.WriteKpiMembers(la, runId, calculator.Members);
        Stage("aggregate");

        var accounting = extract.Accounting;
        warehouse.WriteRun(new RunRecord(runId, la, "full", ExtractSources.Describe(request.SourceFolder), startedAt, DateTime.Now, "succeeded", asAt,
            manifest.ExtractedAt, accounting.Sum(a => a.Read), accounting.Sum(a => a.Loaded), accounting.Sum(a => a.Quarantined),
            request.Rules.RulebookVersion, request.Rules.ToJson(),
            JsonSerializer.Serialize(accounting.ToDictionary(a => a.Table, a => new[] { a.Read, a.Loaded, a.Quarantined })),
            JsonSerializer.Serialize(timings.ToDictionary(t => t.Item1, t => Math.Round(t.Item2.TotalSeconds, 3))), null));
        warehouse.Commit();
        Stage("publish");
        return new RunSummary(runId, manifest, asAt, accounting, timings, extract.Warnings, kpis, WarehouseTarget.Parse(request.WarehousePath).Location);
    }

    public static WorkingDayCalendar Calendar(Extract extract)
    {
        var data = extract["bank_holidays"];
        int date = data.Spec.IndexOf("date"), name = data.Spec.IndexOf("name");
        var holidays = data.Rows.Select(r => (r.Date(date)!.Value, r.Text(name)!)).ToList();
        if (holidays.Count == 0)
        {
            throw new ExtractUnusableException($"{Path.Combine(extract.Folder, data.Spec.RelativePath)}: no bank holidays loaded; working days cannot be counted");
        }
        return new WorkingDayCalendar(holidays);
    }

    public static Population PopulationOf(Extract extract)
    {
        var data = extract["population"];
        int la = data.Spec.IndexOf("la_code"), year = data.Spec.IndexOf("mid_year"), count = data.Spec.IndexOf("age_0_17");
        return new Population(data.Rows
            .Where(r => r.Text(la) == extract.Manifest.LaCode)
            .Select(r => ((int)r.Integer(year)!.Value, r.Integer(count)!.Value)));
    }
}
