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
    /// <summary>
    /// DuckDB's memory limit while building (configuration Warehouse:DuckDbMemoryLimit, e.g. 2GB); null = DuckDB's own
    /// default (80% of the machine's memory). Beyond it DuckDB spills to disk where it can; a national warehouse's
    /// post-load data tests pass with 256MB.
    /// </summary>
    public string? DuckDbMemoryLimit { get; init; }

    /// <summary>
    /// The folder whose pack/ receives the report packs (OUT; null: none), read from the build and written while it is
    /// published (<see cref="PackPublisher"/>). DuckDB only: on SQL Server the RDL reports are the pack.
    /// </summary>
    public string? PackFolder { get; init; }

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

    /// <summary>Children derived (all in a full run; in an incremental run those whose inputs changed).</summary>
    public long ChildrenDerived { get; init; }

    /// <summary>True when the run parsed only the records that changed since the last run (<see cref="IncrementalRead"/>).</summary>
    public bool ChangedRecordsOnly { get; init; }

    /// <summary>True when the run derived again only the children whose inputs changed, in the context of the last run (same program, rules, as-at date).</summary>
    public bool ChangedChildrenOnly { get; init; }
}

/// <summary>What a load of several councils' extracts did: one summary per council, and the stages run once for all.</summary>
public sealed record BatchSummary(IReadOnlyList<RunSummary> Runs, IReadOnlyList<(string Stage, TimeSpan Elapsed)> Timings)
{
    /// <summary>The packs written (<see cref="RunRequest.PackFolder"/>; none on SQL Server).</summary>
    public IReadOnlyList<PublishedPack> Packs { get; init; } = [];

    /// <summary>Why a pack could not be written after the warehouse was published (null when every pack was).</summary>
    public System.Runtime.ExceptionServices.ExceptionDispatchInfo? PackFailure { get; init; }
}

/// <summary>
/// One run of the pipeline (DESIGN.md "Flow"): read + validate -> stage -> derive and load facts -> indicators -> data
/// tests -> publish. Everything is built into a copy of the warehouse; only a run that succeeded is published.
/// Cancellation is honoured between stages, tables and children (safe points): a cancelled run publishes nothing.
/// Several councils' extracts (a regional or national load) go into one build, published together: all or none.
/// Each child is derived, its rows appended and then forgotten (children are shared out over the cores, their rows
/// written in order by one writer), so memory holds one council's extract, not its facts; a full run into DuckDB lets go
/// of the extract's children once they are staged and derives them from child-ordered readers of the staging
/// (<see cref="StagedChildren"/>), so the derivation holds a few children, not the council.
/// An incremental run reads only the records that changed where it can (<see cref="IncrementalRead"/>; else the whole
/// extract, staging only rows whose hash changed), re-derives only the children whose inputs changed (every child when
/// the context did: <see cref="ChildInputs"/>) and rewrites only the children whose rows changed; a full run writes
/// everything. Both write exactly the same rows (lineage aside), which the tests prove.
/// </summary>
public sealed class RunPipeline(ILogger log)
{
    /// <summary>The stage in which each child is derived and its rows appended (the two overlap).</summary>
    public const string DeriveAndLoadStage = "derive and load facts";

    public RunSummary Run(RunRequest request, CancellationToken cancellationToken = default)
    {
        var batch = RunMany(request, [request.SourceFolder], cancellationToken);
        var run = batch.Runs[0];
        return run with { Timings = run.Timings.Concat(batch.Timings).ToList() };
    }

    /// <summary>Loads several extracts (one per council, <see cref="RunRequest.SourceFolder"/> ignored) in one build.</summary>
    public BatchSummary RunMany(RunRequest request, IReadOnlyList<string> sources, CancellationToken cancellationToken = default)
    {
        var startedAt = DateTime.Now;
        string? laCode = null;
        string? source = null;
        try
        {
            return RunBatch(request, sources, startedAt, (la, from) => (laCode, source) = (la, from), cancellationToken);
        }
        catch (Exception e) when (laCode is not null && e is not (OperationCanceledException or WarehouseBusyException or ExtractUnusableException or CalendarRangeException or ArgumentException)
                                  && !IsFileSystemFailure(e))
        {
            RecordFailure(request, laCode, source!, startedAt, e);
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
    private void RecordFailure(RunRequest request, string laCode, string source, DateTime startedAt, Exception error)
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
                new { la = laCode, mode = request.Incremental ? "incremental" : "full", source = ExtractSources.Describe(source), started = startedAt, ended = DateTime.Now, error = error.Message });
        }
        catch (Exception e) when (e is IOException or DuckDB.NET.Data.DuckDBException)
        {
            log.Warning("Could not record the failed run in {Warehouse}: {Error}", request.WarehousePath, e.Message);
        }
    }

    /// <summary>Times the stages of one council, or of the batch.</summary>
    private sealed class StageClock(RunRequest request, ILogger log, CancellationToken cancellationToken)
    {
        private readonly Stopwatch _clock = new();
        public List<(string, TimeSpan)> Timings { get; } = [];

        private TimeSpan _moved;

        public void Begin(string name)
        {
            cancellationToken.ThrowIfCancellationRequested();
            request.Progress?.Report(name);
            _clock.Restart();
        }

        /// <param name="moved">Time spent in this stage on the next one's work (a table staged as it is read): counted there.</param>
        public void Done(string name, TimeSpan moved = default)
        {
            var elapsed = _clock.Elapsed - moved + _moved;
            _moved = moved;
            Timings.Add((name, elapsed));
            log.Information("Stage {Stage} done in {Seconds:0.000} s", name, elapsed.TotalSeconds);
            FaultInjection.StageDone(name);
        }
    }

    private BatchSummary RunBatch(RunRequest request, IReadOnlyList<string> sources, DateTime startedAt, Action<string, string> councilKnown,
        CancellationToken cancellationToken)
    {
        if (sources.Count == 0) throw new ArgumentException("no extract to load", nameof(sources));
        IWarehouse? warehouse = null;
        try
        {
            long firstRunId = 0;
            var loaded = new List<(RunSummary Summary, RunRecord Record)>();
            foreach (var source in sources)
            {
                var clock = new StageClock(request, log, cancellationToken);
                var councilStarted = loaded.Count == 0 ? startedAt : DateTime.Now;
                clock.Begin("read+validate");
                var input = Read(source);
                var la = input.Manifest.LaCode;
                NotLoadedYet(la, source);
                councilKnown(la, source);
                clock.Done("read+validate", moved: input.StagedWhileRead?.Elapsed ?? TimeSpan.Zero);
                // Opened once the first extract is known to be readable: an unusable extract touches nothing.
                (warehouse, firstRunId) = Open(warehouse, firstRunId);
                loaded.Add(LoadCouncil(warehouse, request, input, firstRunId + loaded.Count, councilStarted, clock, cancellationToken));
            }

            void NotLoadedYet(string la, string source)
            {
                if (loaded.FirstOrDefault(l => l.Summary.Manifest.LaCode == la) is { Summary: not null } earlier)
                {
                    throw new ArgumentException($"{source}: council {la} is already in this load ({earlier.Record.Source}); a folder of extracts holds one extract per council");
                }
            }

            // Reads one council's extract. A method of its own, so that no slot of this one keeps the extract: the input
            // holds it, and lets go of the children's rows once they are staged (a full run into DuckDB).
            CouncilInput Read(string source)
            {
                // An incremental run into DuckDB from a source that can tell its changed records (a CSV extract, SQL views)
                // reads only those where it can (IncrementalRead); otherwise, and for every other source, the whole extract is read.
                IncrementalRead? delta = null;
                Extract? extract;
                StagedWhileRead? staging = null;
                var opened = ExtractSources.Open(source);
                var tracked = WarehouseTarget.Parse(request.WarehousePath).Engine == WarehouseEngine.DuckDb ? opened as IChangeTrackedSource : null;
                try
                {
                    if (request.Incremental && tracked is not null)
                    {
                        // The manifest and tables first: an unusable extract fails before the warehouse is opened.
                        var manifest = tracked.ReadManifest();
                        var warnings = new List<string>();
                        tracked.CheckTables(CaseSystemContract.AllTables.ToList(), warnings);
                        (warehouse, firstRunId) = Open(warehouse, firstRunId);
                        delta = IncrementalRead.TryRead((DuckDbWarehouse)warehouse, tracked, manifest, warnings, (council, previous) => ContextProblem(request, council, previous),
                            cancellationToken, out var whyNot);
                        if (delta is null) log.Information("Reading the whole extract: {Reason}", whyNot);
                    }
                    // A full read keeps its prints for the next incremental run (a file changed while it was read gets none).
                    if (delta is null) tracked?.BeginFullRead();
                    // A full run from a CSV extract or SQL views into DuckDB stages each table as soon as its rows are final,
                    // keeping only the rows it needs afterwards, so that reading holds about two tables, not the extract.
                    if (delta is null && !request.Incremental && tracked is not null)
                    {
                        // The manifest and tables first: an unusable extract fails before the warehouse is opened.
                        var manifest = tracked.ReadManifest();
                        tracked.CheckTables(CaseSystemContract.AllTables.ToList(), []);
                        NotLoadedYet(manifest.LaCode, source);
                        councilKnown(manifest.LaCode, source);
                        (warehouse, firstRunId) = Open(warehouse, firstRunId);
                        staging = new StagedWhileRead(warehouse, manifest.LaCode);
                    }
                    extract = delta is null ? new ExtractReader().Read(opened, cancellationToken, staging is null ? null : staging.Table) : null;
                }
                finally
                {
                    (opened as IDisposable)?.Dispose();   // the source is read: a database source lets go of its file or connection
                }
                return new CouncilInput(source, extract, delta, delta is null ? tracked : null) { StagedWhileRead = staging };
            }

            (IWarehouse, long) Open(IWarehouse? opened, long runId)
            {
                if (opened is not null) return (opened, runId);
                var build = WarehouseFactory.OpenForBuild(request.WarehousePath, request.SchemaFolder, log, request.DuckDbMemoryLimit);
                if (build is DuckDbWarehouse { Compacted.Count: > 0 } compacted)
                {
                    log.Information("Rewrote {Tables} without their deleted rows (more of them than live rows)", string.Join(", ", compacted.Compacted));
                }
                if (build is DuckDbWarehouse { CompactionSkipped: { } skipped }) log.Warning("Warehouse tables not compacted: {Reason}", skipped);
                return (build, build.NextRunId());
            }

            var batchClock = new StageClock(request, log, cancellationToken);
            batchClock.Begin("data tests");
            // Where every council derived again only the children whose inputs changed (in the context of its last run),
            // the rows the batch did not write passed these tests when they were written, and the tests of rows are
            // limited to those it wrote; the reconciliations and the shared dimensions are tested whole. Any other
            // batch (a full run, a new as-at date, another program or rules) tests every row.
            long? writtenSince = request.Incremental && loaded.All(l => l.Summary.ChangedChildrenOnly) ? firstRunId : null;
            if (writtenSince is not null) log.Information("Data tests of the rows this run wrote (runs from {RunId} on) and the reconciliations", writtenSince);
            warehouse!.RunDataTests(DataTests.Load(request.DataTestsFolder), writtenSince);
            batchClock.Done("data tests");

            // The run rows, then the packs (which show the last successful run's quarantine), read from the build and
            // written while it is published (PackPublisher).
            batchClock.Begin("pack");
            foreach (var (summary, record) in loaded)
            {
                var timings = summary.Timings.Concat(batchClock.Timings).ToDictionary(t => t.Item1, t => Math.Round(t.Item2.TotalSeconds, 3));
                warehouse.WriteRun(record with { EndedAt = DateTime.Now, StageTimings = JsonSerializer.Serialize(timings) });
            }
            // The warehouse is published whatever becomes of its packs: a pack that cannot be read or written is
            // reported after publishing, never a reason to keep a checked warehouse back.
            PackPublisher? packs = null;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo? packFailure = null;
            try
            {
                packs = request.PackFolder is null ? null
                    : PackPublisher.Begin(warehouse, loaded.Select(l => l.Summary.Manifest.LaCode).ToList(), request.PackFolder, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                packFailure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            }
            using var packsAside = packs;
            batchClock.Done("pack");

            batchClock.Begin("publish");
            cancellationToken.ThrowIfCancellationRequested();
            warehouse.Commit();
            batchClock.Done("publish");
            foreach (var (s, _) in loaded)
            {
                log.Information("Run {RunId} ({Mode}) of {LaCode} published: {Derived} children derived, {Children} rewritten, {Staged} staging rows changed",
                    s.RunId, s.Mode, s.Manifest.LaCode, s.ChildrenDerived, s.ChildrenRewritten, s.StagedRowsChanged);
            }

            IReadOnlyList<PublishedPack> written = [];
            if (packs is not null)
            {
                batchClock.Begin("pack files");
                try
                {
                    written = packs.Install();
                }
                catch (Exception e)
                {
                    packFailure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                }
                batchClock.Done("pack files");
                foreach (var p in written) log.Information("Pack of {LaCode} written in {Seconds:0.000} s", p.LaCode, p.Elapsed.TotalSeconds);
            }
            return new BatchSummary(loaded.Select(l => l.Summary).ToList(), batchClock.Timings) { Packs = written, PackFailure = packFailure };
        }
        finally
        {
            warehouse?.Dispose();
        }
    }

    /// <summary>One council's extract as read: whole (<paramref name="extract"/>) or, in an incremental run, only what changed (<paramref name="delta"/>).
    /// <paramref name="tracked"/> is the source of a full read whose prints the next incremental run compares with (DuckDB only).</summary>
    private sealed class CouncilInput(string source, Extract? extract, IncrementalRead? delta, IChangeTrackedSource? tracked)
    {
        public string Source => source;
        public Extract? Extract { get; private set; } = extract;
        public IncrementalRead? Delta => delta;
        public IChangeTrackedSource? Tracked => tracked;
        public Manifest Manifest => Extract?.Manifest ?? Delta!.Manifest;
        /// <summary>The council's own tables (workers, teams, reference lists, bank holidays...): the whole extract, or those read whole beside the changes.</summary>
        public Extract Council => Extract ?? Delta!.CouncilTables;
        public IReadOnlyList<string> Warnings => Extract?.Warnings ?? Delta!.Warnings;
        public IReadOnlyList<TableAccounting> Accounting { get; } = extract?.Accounting ?? delta!.Accounting;
        public IReadOnlyList<SourceFileAccounting> SourceAccounting { get; } = extract?.SourceAccounting ?? [];
        public long Quarantined => Accounting.Sum(a => a.Quarantined);

        /// <summary>The tables staged as they were read (a full run into DuckDB from a CSV extract or SQL views); null when they were not.</summary>
        public StagedWhileRead? StagedWhileRead { get; init; }

        /// <summary>
        /// Lets go of the children's rows (staged by now): the council's tables stay. The row lists themselves are emptied,
        /// so that no reference left to the whole extract (a temporary of the runtime's) keeps them.
        /// </summary>
        public void KeepCouncilTablesOnly()
        {
            var whole = Extract!;
            Extract = new Extract
            {
                Folder = whole.Folder, Manifest = whole.Manifest, Quarantine = whole.Quarantine, Warnings = whole.Warnings, Coverage = whole.Coverage,
                SourceAccounting = whole.SourceAccounting,
                Tables = whole.Tables.ToDictionary(t => t.Key, t => ChildInputs.IsChildTable(t.Value.Spec) ? new TableData(t.Value.Spec, [], t.Value.Read, t.Value.Loaded) : t.Value),
            };
            foreach (var table in whole.Tables.Values.Where(t => ChildInputs.IsChildTable(t.Spec)))
            {
                if (table.Rows is List<ExtractRow> rows)
                {
                    rows.Clear();
                    rows.TrimExcess();
                }
            }
        }
    }

    /// <summary>
    /// A full read's tables staged as each one's rows become final (<see cref="ExtractReader"/>'s tableDone), the council
    /// cleared first. Kept in memory afterwards: the council's own tables, the children (their dimension rows) and the
    /// referrals (which contacts they name); every other child table's rows go once staged, and the children are then
    /// derived from the staging (<see cref="StagedChildren"/>). Each table's loaded lines are kept for the record prints.
    /// </summary>
    private sealed class StagedWhileRead(IWarehouse warehouse, string la)
    {
        private readonly Stopwatch _clock = new();
        private bool _cleared;

        public long Rows { get; private set; }
        public TimeSpan Elapsed => _clock.Elapsed;
        public Dictionary<string, int[]> Lines { get; } = new(StringComparer.Ordinal);

        /// <summary>Stages the table; true when its rows are still needed in memory.</summary>
        public bool Table(TableData table)
        {
            _clock.Start();
            try
            {
                if (!_cleared) warehouse.ClearCouncil(la);
                _cleared = true;
                Rows += warehouse.Stage(la, table.Spec, table.Rows, hashOnEveryCore: true);
                Lines[table.Spec.Name] = table.Rows.Select(r => r.Line).ToArray();
            }
            finally
            {
                _clock.Stop();
            }
            return !ChildInputs.IsChildTable(table.Spec) || table.Spec.Name is "children" or "referrals";
        }
    }

    /// <summary>
    /// Which children an incremental run derives again (null: all), their rows, and what their derivation needs.
    /// <paramref name="StoredTallies"/>: the stored contributions of at least the children derived again and gone, when
    /// already read with their states (else null: read afterwards).
    /// </summary>
    private sealed record ChildSelection(Extract ToDerive, IReadOnlyDictionary<string, string> InputHashes, IReadOnlySet<string> ContactsNamed,
        HashSet<string>? Derive, IReadOnlyList<string> Gone, IReadOnlyDictionary<string, ChildState> Stored, IReadOnlyDictionary<string, string?>? StoredTallies = null);

    /// <summary>Why an incremental run cannot keep the last run's children (null when it can): ChildInputs' context, and the last run's totals.</summary>
    private static string? ContextProblem(RunRequest request, Extract council, RunRecord previous)
    {
        var asAt = request.AsAt ?? council.Manifest.ExtractedAt;
        if (previous.AsAt is not { } previousAsAt || previous.Tally is null) return "the last run kept no indicator totals";
        var pseudonyms = Pseudonymiser.FromConfiguration(request.PseudonymSalt, request.WarehousePath);
        if (previous.ContextHash != ChildInputs.ContextHash(council, request.Rules, request.Months, asAt, pseudonyms, IndicatorInputs.Unavailable(council.Coverage).Keys))
        {
            return "the derivation's context changed (program, rules, months, as-at date, council tables or salt): every child is derived again";
        }
        return ChildInputs.ContactsPassedFromStaging(previousAsAt, asAt, request.Rules, Calendar(council, request.Rules)) is null
            ? "the contact decision window is too long to find the contacts whose times passed from the staged rows"
            : null;
    }

    private (RunSummary, RunRecord) LoadCouncil(IWarehouse warehouse, RunRequest request, CouncilInput input, long runId, DateTime startedAt,
        StageClock clock, CancellationToken cancellationToken)
    {
        var source = input.Source;
        var extract = input.Extract;
        var delta = input.Delta;
        var tracked = input.Tracked;
        var manifest = input.Manifest;
        var la = manifest.LaCode;
        var asAt = request.AsAt ?? manifest.ExtractedAt;
        foreach (var warning in input.Warnings) log.Warning("{Warning}", warning);
        log.Information("Read extract {LaCode}: {Rows} rows loaded, {Quarantined} quarantined{Delta}",
            la, input.Accounting.Sum(a => a.Loaded), input.Quarantined, delta is null ? "" : $" ({delta.Deltas.Sum(d => d.ChangedLines.Count + d.Added.Count)} records changed)");
        var calendar = Calendar(input.Council, request.Rules);
        var population = PopulationOf(input.Council);
        var view = new CaseView(asAt);

        // Each child's input hash (for incremental runs) needs only the extract: worked out beside the staging.
        var contactsNamedByReferrals = extract is null ? null
            : view.ContactsNamedByReferrals(extract);
        // An incremental run chooses its children by their input hashes (a full run hashes each child as it derives it).
        var inputHashesTask = extract is null || !request.Incremental ? null : Task.Run(() => ChildInputs.InputHashes(extract, contactsNamedByReferrals!), cancellationToken);
        // The records' prints, for the next incremental run to compare with (into DuckDB only).
        var printsTask = delta is not null ? Task.FromResult<IReadOnlyDictionary<string, byte[]?>?>(delta.Prints.ToDictionary(x => x.Key, x => (byte[]?)x.Value))
            : tracked is not null ? Task.Run<IReadOnlyDictionary<string, byte[]?>?>(() => IncrementalRead.PrintsOfFullRead(tracked, extract!, input.StagedWhileRead?.Lines), cancellationToken)
            : Task.FromResult<IReadOnlyDictionary<string, byte[]?>?>(null);

        clock.Begin("stage");
        var previous = delta?.Previous ?? (request.Incremental ? warehouse.LastSuccessfulRun(la) : null);
        var incremental = previous is not null;
        if (request.Incremental && !incremental) log.Information("No earlier successful run of {LaCode}: running in full", la);
        long stagedChanges = 0;
        if (delta is not null)
        {
            stagedChanges = StageDelta((DuckDbWarehouse)warehouse, delta, runId);
        }
        else if (input.StagedWhileRead is { } stagedWhileRead)
        {
            stagedChanges = stagedWhileRead.Rows;
            warehouse.WriteQuarantine(runId, la, extract!.Quarantine);
        }
        else
        {
            if (!incremental) warehouse.ClearCouncil(la);
            foreach (var spec in CaseSystemContract.AllTables)
            {
                cancellationToken.ThrowIfCancellationRequested();
                stagedChanges += incremental ? warehouse.StageChanges(extract!, spec) : warehouse.Stage(extract!, spec);
            }
            warehouse.WriteQuarantine(runId, la, extract!.Quarantine);
        }
        if (warehouse is DuckDbWarehouse duck) duck.WriteSourceFingerprints(la, runId, printsTask.GetAwaiter().GetResult(), onlyThese: delta is not null);
        warehouse.LoadDateDimension(calendar);
        warehouse.LoadIndicatorDimension(IndicatorDictionary.All.Values);
        clock.Done("stage");

        clock.Begin(DeriveAndLoadStage);
        var council = view.Council(input.Council);
        var periods = ReportingPeriods.Ending(asAt, request.Months);
        var unavailable = IndicatorInputs.Unavailable(input.Council.Coverage);
        var pseudonyms = Pseudonymiser.FromConfiguration(request.PseudonymSalt, request.WarehousePath);
        var contextHash = ChildInputs.ContextHash(input.Council, request.Rules, request.Months, asAt, pseudonyms, unavailable.Keys);
        var selection = delta is not null
            ? SelectFromStaging((DuckDbWarehouse)warehouse, delta, request, asAt, calendar, view)
            : SelectFromExtract(extract!, inputHashesTask?.GetAwaiter().GetResult() ?? [], contactsNamedByReferrals!, previous, incremental, contextHash, request, asAt, calendar,
                incremental ? warehouse.ChildStates(la) : new Dictionary<string, ChildState>());
        var (toDerive, inputHashes, contactsNamed, derive, gone, stored, tallies) = selection;
        selection = null;
        var storedTallies = tallies ?? (incremental ? warehouse.ChildTallies(la, derive?.Concat(gone).ToList()) : new Dictionary<string, string?>());
        var context = new DerivationContext
        {
            Rules = request.Rules,
            Calendar = calendar,
            AsAt = asAt,
            ContactsNamedByReferrals = contactsNamed,
        };
        var outputs = new ChildOutputs(la, runId, request.Rules, calendar, periods,
            council.Workers.ToDictionary(w => w.WorkerId, w => w.TeamId, StringComparer.Ordinal), ChildOutputs.ChildRows(toDerive, runId, pseudonyms),
            DataTests.Relationships(request.DataTestsFolder));
        // The children, one at a time, in child_id order. A full run into DuckDB from a CSV extract or SQL views (whose
        // staged lines are the extract's row order) lets go of the extract's children here (they are staged) and reads
        // them back child by child from child-ordered readers, so that memory holds a few children rather than the
        // council (DESIGN.md "Per-child derivation"); otherwise the extract's rows are grouped by child once. Either way
        // each child's typed records are made by the worker that derives it, then forgotten.
        using var staged = extract is not null && tracked is not null && !incremental && warehouse is DuckDbWarehouse duckDb
            ? new StagedChildren(duckDb, input.Council) : null;
        IEnumerable<Extract> children;
        if (staged is not null)
        {
            input.KeepCouncilTablesOnly();
            extract = null;
            toDerive = null!;
            // The collector keeps the memory the extract held for later use; given back now, the derivation and DuckDB's
            // sorting readers use it instead of adding to it.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            children = staged.Children(cancellationToken);
        }
        else
        {
            children = ChildInputs.ByChild(toDerive).All();
        }
        var childTables = outputs.TableNames;
        var rewritten = new List<string>();
        // For each table, the children whose rows in it are written again (an incremental run deletes their old ones).
        var rewrittenIn = childTables.Select(_ => new List<string>()).ToArray();
        // A council last loaded by a program that kept no child states nor totals: a child without a stored state may
        // still have rows, in any table.
        var rowsUnknown = incremental && previous!.Tally is null;
        var states = new List<object?[]>();
        var derived = 0;
        // The derivation is pure per child: children are shared out over the cores, each part with its own indicator
        // tally (merged afterwards: sums and the council-wide members), and each child's rows go, in the children's
        // order, to one writer that appends those of the children whose rows changed (all of them in a full run).
        var parts = Math.Clamp(Environment.ProcessorCount, 1, 8);
        var calculators = Enumerable.Range(0, parts)
            .Select(_ => new IndicatorCalculator(periods, calendar, request.Rules, council, IndicatorDictionary.All, unavailable)).ToArray();
        using (var sink = warehouse.OpenAppenders(childTables))
        {
            derived = OrderedParallel.Run(children, parts, (part, child) =>
            {
                var tally = calculators[part];
                var facts = ChildDerivation.Derive(view.Cases(child).Single(), context);
                var membersBefore = tally.MemberCount;
                tally.Add(facts);
                return outputs.For(facts, tally.TakeMembersSince(membersBefore)) with
                {
                    Tally = tally.LastChildTally(),
                    InputHash = ChildInputs.InputHashes(child, contactsNamed)[facts.ChildId],
                };
            }, child =>
            {
                var inputHash = child.InputHash;
                var before = stored.GetValueOrDefault(child.ChildId);
                if (before is not null && before.OutputHash == child.Hash && before.InputHash == inputHash && storedTallies.GetValueOrDefault(child.ChildId) == child.Tally) return;
                states.Add([la, child.ChildId, child.Hash, runId, inputHash, child.Tally]);
                if (before?.OutputHash == child.Hash) return;
                rewritten.Add(child.ChildId);
                foreach (var t in outputs.TablesToRewrite(before?.OutputHash ?? (rowsUnknown ? "" : null), child.Hash))
                {
                    if (incremental) rewrittenIn[t].Add(child.ChildId);
                    foreach (var row in child.Tables[t].Rows) sink.Append(t, row);
                }
            }, cancellationToken);
        }
        var calculator = calculators[0];
        foreach (var other in calculators.Skip(1)) calculator.Merge(other);
        if (derive is not null)
        {
            // The other children's contributions: the last run's total, less what the children derived now (and those
            // gone) contributed then.
            calculator.Replay(previous!.Tally!);
            foreach (var id in derive.Concat(gone))
            {
                if (storedTallies.GetValueOrDefault(id) is { } old) calculator.Replay(old, sign: -1);
            }
        }
        var childrenTally = calculator.ChildrenTally();
        if (incremental)
        {
            // The rewritten children's earlier rows in each table written again (their new ones carry this run's id),
            // and every row of children no longer in the extract; then the changed child states. A table no child's
            // rows changed in is not touched (each one touched costs a live run its writes and its checkpoint).
            warehouse.DeleteChildren(la, childTables.Select((t, i) => (t.Schema, t.Table, (IReadOnlyCollection<string>)rewrittenIn[i].Concat(gone).ToList())).ToList(),
                exceptRunId: runId);
            warehouse.DeleteChildren(la, [("audit", "child_state", states.Select(s => (string)s[1]!).Concat(gone).ToList())]);
        }
        warehouse.Append("audit", "child_state", states);
        clock.Done(DeriveAndLoadStage);

        clock.Begin("aggregate");
        var kpis = calculator.Results(population, KpiReference.From(input.Council));
        warehouse.DeleteCouncilRows(la, "fact", "kpi_month");
        warehouse.DeleteCouncilRows(la, "fact", "kpi_availability");
        warehouse.WriteKpis(la, asAt, runId, kpis);
        // Council-wide drill-through members (workers, carers) belong to no child: always rewritten.
        warehouse.DeleteCouncilRows(la, "fact", "kpi_member", whereNullColumn: "child_id");
        warehouse.Append("fact", "kpi_member", outputs.KpiMemberRows(calculator.Members.Where(m => m.ChildId is null)));
        clock.Done("aggregate");

        var accounting = input.Accounting;
        var sourceAccounting = input.SourceAccounting;
        var mode = incremental ? "incremental" : "full";
        var record = new RunRecord(runId, la, mode, ExtractSources.Describe(source), startedAt, null, "succeeded", asAt,
            manifest.ExtractedAt, accounting.Sum(a => a.Read), accounting.Sum(a => a.Loaded), accounting.Sum(a => a.Quarantined),
            request.Rules.RulebookVersion, request.Rules.ToJson(),
            JsonSerializer.Serialize(accounting.ToDictionary(a => a.Table, a => new[] { a.Read, a.Loaded, a.Quarantined })
                .Concat(sourceAccounting.Select(a => KeyValuePair.Create($"{a.File} ({a.Table})", new[] { a.Read, a.Loaded, a.Quarantined, a.NotUsedCount })))
                .ToDictionary()),
            null, null, Watermark: manifest.ExtractedAt, ChildrenRederived: derived, ContextHash: contextHash, ChildrenWritten: rewritten.Count, Tally: childrenTally);
        var summary = new RunSummary(runId, mode, manifest, asAt, accounting, clock.Timings, input.Warnings, kpis,
            WarehouseTarget.Parse(request.WarehousePath).Location, rewritten.Count, stagedChanges)
        { SourceAccounting = sourceAccounting, ChildrenDerived = derived, ChangedRecordsOnly = delta is not null, ChangedChildrenOnly = derive is not null };
        return (summary, record);
    }

    /// <summary>
    /// The children to derive from a whole extract: all of them, or in an incremental run in the same context as the last
    /// (same program, rules, months, as-at date, council tables), only those whose rows changed or whose contact times the
    /// as-at moment passed; the others' rows stay and their stored contributions are added back to the sums (ChildInputs).
    /// </summary>
    private static ChildSelection SelectFromExtract(Extract extract, Dictionary<string, string> inputHashes, IReadOnlySet<string> contactsNamed,
        RunRecord? previous, bool incremental, string contextHash, RunRequest request, DateTime asAt, WorkingDayCalendar calendar,
        IReadOnlyDictionary<string, ChildState> stored)
    {
        HashSet<string>? derive = null;
        if (incremental && previous!.ContextHash == contextHash && previous.AsAt is { } previousAsAt && previous.Tally is not null
            && stored.Values.All(s => s.InputHash is not null))
        {
            derive = inputHashes.Where(x => !stored.TryGetValue(x.Key, out var state) || state.InputHash != x.Value)
                .Select(x => x.Key).ToHashSet(StringComparer.Ordinal);
            derive.UnionWith(ChildInputs.ContactTimesPassed(extract, previousAsAt, asAt, request.Rules, calendar));
        }
        var gone = stored.Keys.Where(id => !inputHashes.ContainsKey(id)).ToList();
        return new ChildSelection(derive is null ? extract : ChildInputs.Restrict(extract, derive), inputHashes, contactsNamed, derive, gone, stored);
    }

    /// <summary>
    /// The children to derive after an incremental read: of those the changed records touched, and those with a contact
    /// time the as-at moment passed, the ones whose inputs changed; their rows read back from the staging (with the
    /// run's changes), as are the referrals (which contacts a referral names) and the contacts whose times may have passed.
    /// </summary>
    private static ChildSelection SelectFromStaging(DuckDbWarehouse warehouse, IncrementalRead delta, RunRequest request, DateTime asAt,
        WorkingDayCalendar calendar, CaseView view)
    {
        var la = delta.Manifest.LaCode;
        var previousAsAt = delta.Previous.AsAt!.Value;
        var (contactCondition, contactParameters) = ChildInputs.ContactsPassedFromStaging(previousAsAt, asAt, request.Rules, calendar)!.Value;
        var contacts = CaseSystemContract.Get("contacts");
        var timed = new Extract
        {
            Folder = delta.SourceName, Manifest = delta.Manifest, Quarantine = [], Warnings = [],
            Tables = new Dictionary<string, TableData>
            {
                ["contacts"] = Staged(warehouse, contacts, la, contactCondition, contactParameters),
            },
        };
        var passed = ChildInputs.ContactTimesPassed(timed, previousAsAt, asAt, request.Rules, calendar);
        var withReferrals = new Extract
        {
            Folder = delta.SourceName, Manifest = delta.Manifest, Quarantine = [], Warnings = [],
            Tables = new Dictionary<string, TableData> { ["referrals"] = Staged(warehouse, NamingReferrals, la, "contact_id IS NOT NULL") },
        };
        var contactsNamed = view.ContactsNamedByReferrals(withReferrals);

        var candidates = delta.Touched.Concat(passed).ToHashSet(StringComparer.Ordinal);
        var tables = new Dictionary<string, TableData>(delta.CouncilTables.Tables);
        // Only the candidates' states (and stored contributions) are read: every child derived, kept or gone below is one of them.
        var storedTallies = new Dictionary<string, string?>(StringComparer.Ordinal);
        var stored = warehouse.ChildStates(la, candidates, storedTallies);
        var childTables = CaseSystemContract.AllTables.Where(ChildInputs.IsChildTable).ToList();
        var read = warehouse.ReadWithKeys(candidates, childTables, (connection, spec) => StagedExtract.ReadRows(connection, spec, "$", la, spec.Name == "cp_reviews"
            ? "cp_plan_id IN (SELECT cp_plan_id FROM stg.cp_plans WHERE extract_la_code = $la AND child_id IN (SELECT k FROM temp.etl_keys))"
            : "child_id IN (SELECT k FROM temp.etl_keys)"));
        for (var i = 0; i < childTables.Count; i++) tables[childTables[i].Name] = new TableData(childTables[i], read[i], read[i].Count);
        var children = new Extract
        {
            Folder = delta.SourceName, Manifest = delta.Manifest, Tables = tables, Quarantine = [], Warnings = delta.Warnings, Coverage = delta.CouncilTables.Coverage,
        };
        var inputHashes = ChildInputs.InputHashes(children, contactsNamed);
        var derive = inputHashes.Where(x => !stored.TryGetValue(x.Key, out var state) || state.InputHash != x.Value || passed.Contains(x.Key))
            .Select(x => x.Key).ToHashSet(StringComparer.Ordinal);
        var gone = candidates.Where(id => stored.ContainsKey(id) && !inputHashes.ContainsKey(id)).ToList();
        return new ChildSelection(ChildInputs.Restrict(children, derive), inputHashes, contactsNamed, derive, gone, stored, storedTallies);
    }

    /// <summary>The referrals table with only what <see cref="CaseView.ContactsNamedByReferrals"/> reads (a ten-year council holds 40,000 referrals naming a contact).</summary>
    private static readonly TableSpec NamingReferrals = CaseSystemContract.Get("referrals") with
    {
        Columns = CaseSystemContract.Get("referrals").Columns.Where(c => c.Name is "contact_id" or "referral_date").ToList(),
    };

    private static TableData Staged(DuckDbWarehouse warehouse, TableSpec spec, string la, string condition, IReadOnlyDictionary<string, object>? parameters = null)
    {
        var rows = StagedExtract.ReadRows(warehouse.Connection, spec, "$", la, condition, parameters);
        return new TableData(spec, rows, rows.Count);
    }

    /// <summary>
    /// Stages an incremental read: the changed lines' old rows go and the rows now loaded are appended; the quarantine is
    /// the last run's (but at the changed lines) and the changed records held back now.
    /// </summary>
    private static long StageDelta(DuckDbWarehouse warehouse, IncrementalRead delta, long runId)
    {
        var la = delta.Manifest.LaCode;
        long changes = 0;
        foreach (var d in delta.Deltas)
        {
            changes += warehouse.DeleteStagedLines(la, d.Spec.Name, d.ChangedLines);
            changes += warehouse.Stage(la, d.Spec, d.Added);
        }
        warehouse.CopyQuarantine(la, delta.Previous.RunId, runId, delta.Deltas.ToDictionary(d => d.Spec.Name, d => d.ChangedLines));
        warehouse.WriteQuarantine(runId, la, delta.NewQuarantine);
        return changes;
    }

    /// <summary>The working days: the extract's bank holidays and the rulebook's local closure days.</summary>
    public static WorkingDayCalendar Calendar(Extract extract, RuleSettings rules)
    {
        var data = extract["bank_holidays"];
        int date = data.Spec.IndexOf("date"), name = data.Spec.IndexOf("name");
        var holidays = data.Rows.Select(r => (r.Date(date)!.Value, r.Text(name)!)).ToList();
        if (holidays.Count == 0)
        {
            throw new ExtractUnusableException($"{Path.Combine(extract.Folder, data.Spec.RelativePath)}: no bank holidays loaded; working days cannot be counted");
        }
        return new WorkingDayCalendar(holidays, rules.Calendar.ExtraClosureDays);
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
