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
    /// <summary>Rewrite only what changed since the council's last successful run (a full run when there is none).</summary>
    public bool Incremental { get; init; }
    /// <summary>The folder holding data-tests.csv and data-tests/ (post-load data tests).</summary>
    public string DataTestsFolder { get; init; } = DataTests.DefaultFolder;
    /// <summary>Told the name of each stage as it starts (progress display, tests).</summary>
    public IProgress<string>? Progress { get; init; }
}

/// <summary>What one run did: row accounting, timings, where things are.</summary>
public sealed record RunSummary(
    long RunId,
    string Mode,
    Manifest Manifest,
    DateTime AsAt,
    IReadOnlyList<TableAccounting> Accounting,
    IReadOnlyList<(string Stage, TimeSpan Elapsed)> Timings,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<KpiRow> Kpis,
    string WarehousePath,
    long ChildrenRewritten,
    long StagedRowsChanged)
{
    /// <summary>For a source in another layout (the statutory returns): every row of its files, loaded, quarantined or not used.</summary>
    public IReadOnlyList<SourceFileAccounting> SourceAccounting { get; init; } = [];
}

/// <summary>
/// One run of the pipeline (DESIGN.md "Flow"): read + validate -> stage -> derive -> facts -> indicators -> publish.
/// Everything is built into a copy of the warehouse; only a run that succeeded is published. Cancellation is
/// honoured between stages and tables (safe points): a cancelled run publishes nothing.
/// An incremental run reads and validates the whole extract, stages only rows whose hash changed, re-evaluates every
/// child in memory (pure and cheap) and rewrites only the children whose rows changed; a full run writes everything.
/// Both write exactly the same rows (lineage aside), which the tests prove.
/// </summary>
public sealed class RunPipeline(ILogger log)
{
    public RunSummary Run(RunRequest request, CancellationToken cancellationToken = default)
    {
        var startedAt = DateTime.Now;
        string? laCode = null;
        try
        {
            return RunOnce(request, startedAt, la => laCode = la, cancellationToken);
        }
        catch (Exception e) when (laCode is not null && e is not (OperationCanceledException or WarehouseBusyException or ExtractUnusableException or CalendarRangeException)
                                  && !IsFileSystemFailure(e))
        {
            RecordFailure(request, laCode, startedAt, e);
            throw;
        }
    }

    /// <summary>A full disk or a file-system error: writing even an audit row could make things worse, so nothing is written.</summary>
    private static bool IsFileSystemFailure(Exception e) =>
        e is IOException || (e is DuckDB.NET.Data.DuckDBException db && db.Message.Contains("IO Error", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A run that failed after reading its extract leaves the warehouse's contents as they were and adds one audit
    /// row (status failed, the error) so `status` shows it. Best effort: a warehouse that cannot be opened is left alone.
    /// </summary>
    private void RecordFailure(RunRequest request, string laCode, DateTime startedAt, Exception error)
    {
        if (!File.Exists(request.WarehousePath)) return;
        try
        {
            using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={request.WarehousePath}");
            connection.Open();
            Dapper.SqlMapper.Execute(connection,
                """
                INSERT INTO audit.etl_run (run_id, la_code, mode, source, started_at, ended_at, status, error)
                SELECT coalesce(max(run_id), 0) + 1, $la, $mode, $source, $started, $ended, 'failed', $error FROM audit.etl_run
                """,
                new { la = laCode, mode = request.Incremental ? "incremental" : "full", source = ExtractSources.Describe(request.SourceFolder), started = startedAt, ended = DateTime.Now, error = error.Message });
        }
        catch (Exception e) when (e is IOException or DuckDB.NET.Data.DuckDBException)
        {
            log.Warning("Could not record the failed run in {Warehouse}: {Error}", request.WarehousePath, e.Message);
        }
    }

    private RunSummary RunOnce(RunRequest request, DateTime startedAt, Action<string> councilKnown, CancellationToken cancellationToken)
    {
        var timings = new List<(string, TimeSpan)>();
        var clock = Stopwatch.StartNew();
        void Begin(string name)
        {
            cancellationToken.ThrowIfCancellationRequested();
            request.Progress?.Report(name);
        }
        void Done(string name)
        {
            timings.Add((name, clock.Elapsed));
            log.Information("Stage {Stage} done in {Seconds:0.000} s", name, clock.Elapsed.TotalSeconds);
            FaultInjection.StageDone(name);
            clock.Restart();
        }

        Begin("read+validate");
        var extract = new ExtractReader().Read(request.SourceFolder, cancellationToken);
        var manifest = extract.Manifest;
        var la = manifest.LaCode;
        councilKnown(la);
        var asAt = request.AsAt ?? manifest.ExtractedAt;
        foreach (var warning in extract.Warnings) log.Warning("{Warning}", warning);
        log.Information("Read extract {LaCode}: {Rows} rows loaded, {Quarantined} quarantined",
            la, extract.Tables.Values.Sum(t => t.Rows.Count), extract.Quarantine.Count);
        var calendar = Calendar(extract);
        var population = PopulationOf(extract);
        Done("read+validate");

        Begin("stage");
        using IWarehouse warehouse = WarehouseFactory.OpenForBuild(request.WarehousePath, request.SchemaFolder, log);
        var runId = warehouse.NextRunId();
        var previous = request.Incremental ? warehouse.LastSuccessfulRun(la) : null;
        var incremental = previous is not null;
        if (request.Incremental && !incremental) log.Information("No earlier successful run of {LaCode}: running in full", la);
        long stagedChanges = 0;
        if (!incremental) warehouse.ClearCouncil(la);
        foreach (var spec in CaseSystemContract.AllTables)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stagedChanges += incremental ? warehouse.StageChanges(extract, spec) : warehouse.Stage(extract, spec);
        }
        warehouse.WriteQuarantine(runId, la, extract.Quarantine);
        warehouse.LoadDateDimension(calendar);
        warehouse.LoadIndicatorDimension(IndicatorDictionary.All.Values);
        Done("stage");

        Begin("derive");
        var view = new CaseView(asAt);
        var context = new DerivationContext
        {
            Rules = request.Rules,
            Calendar = calendar,
            AsAt = asAt,
            ContactsNamedByReferrals = view.Referrals(extract).Where(r => r.ContactId is not null).Select(r => r.ContactId!).ToHashSet(StringComparer.Ordinal),
        };
        var council = view.Council(extract);
        var periods = ReportingPeriods.Ending(asAt, request.Months);
        var unavailable = IndicatorInputs.Unavailable(extract.Coverage);
        IndicatorCalculator NewCalculator() => new(periods, calendar, request.Rules, council, IndicatorDictionary.All, unavailable);
        var pseudonyms = Pseudonymiser.FromConfiguration(request.PseudonymSalt, request.WarehousePath);
        var outputs = new ChildOutputs(la, runId, request.Rules, calendar, periods,
            council.Workers.ToDictionary(w => w.WorkerId, w => w.TeamId, StringComparer.Ordinal), ChildOutputs.ChildRows(extract, runId, pseudonyms));
        // The derivation is pure per child: children are shared out over the cores, each part with its own indicator
        // tally, merged afterwards (sums and member lists; the order of children in the output is kept).
        var cases = view.Cases(extract).ToList();
        var children = new ChildOutput[cases.Count];
        var parts = Math.Clamp(Environment.ProcessorCount, 1, 8);
        var calculators = Enumerable.Range(0, parts).Select(_ => NewCalculator()).ToArray();
        try
        {
            Parallel.For(0, parts, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = parts }, part =>
            {
                var tally = calculators[part];
                for (var i = part; i < cases.Count; i += parts)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var facts = ChildDerivation.Derive(cases[i], context);
                    var membersBefore = tally.MemberCount;
                    tally.Add(facts);
                    children[i] = outputs.For(facts, tally.MembersSince(membersBefore));
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        var calculator = calculators[0];
        foreach (var other in calculators.Skip(1)) calculator.Merge(other);
        Done("derive");

        Begin("load facts");
        var stored = incremental ? warehouse.ChildStates(la) : new Dictionary<string, string>();
        var rewrite = children.Where(c => !stored.TryGetValue(c.ChildId, out var h) || h != c.Hash).ToList();
        if (incremental)
        {
            var current = children.Select(c => c.ChildId).ToHashSet(StringComparer.Ordinal);
            var gone = stored.Keys.Where(id => !current.Contains(id));
            warehouse.DeleteChildren(la, rewrite.Select(c => c.ChildId).Concat(gone).ToList(), outputs.TableNames.Append(("audit", "child_state")));
        }
        foreach (var (schema, table) in outputs.TableNames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            warehouse.Append(schema, table, rewrite.SelectMany(c => c.Tables.Single(t => t.Schema == schema && t.Table == table).Rows));
        }
        warehouse.Append("audit", "child_state", rewrite.Select(c => new object?[] { la, c.ChildId, c.Hash, runId }));
        Done("load facts");

        Begin("aggregate");
        var kpis = calculator.Results(population, KpiReference.From(extract));
        warehouse.DeleteCouncilRows(la, "fact", "kpi_month");
        warehouse.DeleteCouncilRows(la, "fact", "kpi_availability");
        warehouse.WriteKpis(la, asAt, runId, kpis);
        // Council-wide drill-through members (workers, carers) belong to no child: always rewritten.
        warehouse.DeleteCouncilRows(la, "fact", "kpi_member", whereNullColumn: "child_id");
        warehouse.Append("fact", "kpi_member", outputs.KpiMemberRows(calculator.Members.Where(m => m.ChildId is null)));
        Done("aggregate");

        Begin("data tests");
        warehouse.RunDataTests(DataTests.Load(request.DataTestsFolder));
        Done("data tests");

        Begin("publish");
        var accounting = extract.Accounting;
        var mode = incremental ? "incremental" : "full";
        warehouse.WriteRun(new RunRecord(runId, la, mode, ExtractSources.Describe(request.SourceFolder), startedAt, DateTime.Now, "succeeded", asAt,
            manifest.ExtractedAt, accounting.Sum(a => a.Read), accounting.Sum(a => a.Loaded), accounting.Sum(a => a.Quarantined),
            request.Rules.RulebookVersion, request.Rules.ToJson(),
            JsonSerializer.Serialize(accounting.ToDictionary(a => a.Table, a => new[] { a.Read, a.Loaded, a.Quarantined })
                .Concat(extract.SourceAccounting.Select(a => KeyValuePair.Create($"{a.File} ({a.Table})", new[] { a.Read, a.Loaded, a.Quarantined, a.NotUsedCount })))
                .ToDictionary()),
            JsonSerializer.Serialize(timings.ToDictionary(t => t.Item1, t => Math.Round(t.Item2.TotalSeconds, 3))), null,
            Watermark: manifest.ExtractedAt, ChildrenRederived: rewrite.Count));
        cancellationToken.ThrowIfCancellationRequested();
        warehouse.Commit();
        Done("publish");
        log.Information("Run {RunId} ({Mode}) published: {Children} children rewritten, {Staged} staging rows changed", runId, mode, rewrite.Count, stagedChanges);
        return new RunSummary(runId, mode, manifest, asAt, accounting, timings, extract.Warnings, kpis, WarehouseTarget.Parse(request.WarehousePath).Location,
            rewrite.Count, stagedChanges)
        { SourceAccounting = extract.SourceAccounting };
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
