using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Warehouse;
using Dapper;

namespace ChildrensWarehouse.Pipeline;

/// <summary>
/// An incremental run's reading of an extract (docs/DECISIONS.md "Incremental reading"): every record's print is taken
/// (<see cref="IChangeTrackedSource"/>: a CSV record's bytes, a SQL row's key and last_modified), and only the records
/// whose print differs from the last successful run's record at the same line, or that follow its last record, are
/// read and validated (a SQL source's query returns only the rows modified since the last run). The rest of the extract
/// is as the last run staged it. It gives exactly what reading the whole extract would give, or
/// nothing (<see cref="TryRead"/> returns null with the reason, and the run reads the extract in full), when:
/// <list type="bullet">
/// <item>a file is not plain enough to split without parsing, records moved to other lines or were removed (a
/// deletion), or a SQL row changed without its last_modified moving past the last run's extract moment;</item>
/// <item>a council table (workers, teams, reference lists...) changed: every child is then derived again anyway;</item>
/// <item>a check across rows could come out differently for a row that did not change: a changed row's key is
/// another row's too (duplicates), its parent is not loaded (an orphan), a removed key still has rows that name it,
/// a child's episodes now overlap, or the last run held back a row as a duplicate, orphan or overlap that the change
/// could release; or the extract moment moved while a row was held back for a time after it.</item>
/// </list>
/// Only a DuckDB warehouse is read this way (its build sees the run's own staging); SQL Server runs read in full.
/// </summary>
public sealed class IncrementalRead
{
    /// <summary>The changes of one child table: the lines whose records changed (their old rows go) and the rows now loaded there or after.</summary>
    public sealed record TableDelta(TableSpec Spec, IReadOnlyList<int> ChangedLines, IReadOnlyList<ExtractRow> Added);

    public required Manifest Manifest { get; init; }
    /// <summary>The source as named in messages (the extract folder, or the SQL source).</summary>
    public required string SourceName { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
    /// <summary>The council's own tables (workers, teams, reference lists...), read and validated whole; the child tables empty.</summary>
    public required Extract CouncilTables { get; init; }
    public required IReadOnlyList<TableDelta> Deltas { get; init; }
    /// <summary>Records of the changed lines held back by the checks of the row alone.</summary>
    public required IReadOnlyList<QuarantinedRow> NewQuarantine { get; init; }
    public required IReadOnlyList<TableAccounting> Accounting { get; init; }
    /// <summary>The children some changed record belonged to (before or after the change), or named through a referral's contact.</summary>
    public required IReadOnlySet<string> Touched { get; init; }
    /// <summary>The prints of the tables that changed, for this run (<see cref="CsvRecordScan.Pack"/>); the others' stay as stored.</summary>
    public required IReadOnlyDictionary<string, byte[]> Prints { get; init; }

    private static readonly string[] CrossRowReasons = ["duplicate ", "orphan: ", "episode overlaps "];

    /// <summary>The last successful run this one builds on.</summary>
    public required RunRecord Previous { get; init; }

    /// <summary>
    /// The extract read incrementally, or null (and why not) when it must be read in full. <paramref name="contextProblem"/>
    /// says why the council's tables and the run's settings stop the last run's children being kept (null when they do
    /// not): only children touched by the change are derived again, so every other child must stay as it is.
    /// </summary>
    /// <param name="source">The extract, its tables checked (<see cref="IExtractRowSource.CheckTables"/>, which gave <paramref name="warnings"/>).</param>
    public static IncrementalRead? TryRead(DuckDbWarehouse warehouse, IChangeTrackedSource source, Manifest manifest, List<string> warnings,
        Func<Extract, RunRecord, string?> contextProblem, CancellationToken cancellationToken, out string whyNot)
    {
        var reader = new Reader(warehouse, source, manifest, CaseSystemContract.AllTables.ToList(), contextProblem, cancellationToken);
        whyNot = reader.Why() ?? "";
        return whyNot.Length > 0 ? null : reader.Result(warnings);
    }

    /// <summary>
    /// Every table's prints as a full read found them (<see cref="IChangeTrackedSource.BeginFullRead"/> came before it), for
    /// the next incremental run. A table gets null (and is read in full next time) when the source cannot vouch for its
    /// prints, or they name other lines than the rows read and quarantined.
    /// </summary>
    /// <param name="loadedLines">Each table's loaded lines, when the extract does not hold its rows (staged as they were read).</param>
    public static Dictionary<string, byte[]?> PrintsOfFullRead(IChangeTrackedSource source, Extract extract, IReadOnlyDictionary<string, int[]>? loadedLines = null)
    {
        var prints = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        var quarantined = extract.Quarantine.ToLookup(q => q.Table, StringComparer.Ordinal);
        foreach (var spec in CaseSystemContract.AllTables)
        {
            var scan = source.PrintsOfFullRead(spec);
            var loaded = loadedLines is null ? extract[spec.Name].Rows.Select(r => r.Line) : loadedLines[spec.Name];
            var lines = loaded.Concat(quarantined[spec.Name].Select(q => q.Line)).Order().ToList();
            prints[spec.Name] = scan is not null && scan.Skip(1).Select(r => r.Line).SequenceEqual(lines) ? CsvRecordScan.Pack(scan) : null;
        }
        return prints;
    }

    private sealed class Reader(DuckDbWarehouse warehouse, IChangeTrackedSource source, Manifest manifest, List<TableSpec> specs,
        Func<Extract, RunRecord, string?> contextProblem, CancellationToken cancellationToken)
    {
        private readonly string _la = manifest.LaCode;
        private RunRecord? _previous;
        private readonly Dictionary<string, RecordPrint[]> _scans = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<RecordPrint>> _changed = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HashSet<int>> _changedLines = new(StringComparer.Ordinal);
        private readonly List<TableDelta> _deltas = [];
        private readonly List<QuarantinedRow> _newQuarantine = [];
        private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
        private List<QuarantinedRow> _previousQuarantine = [];
        private Extract? _council;
        // Per table: keys loaded now by the changed lines, and keys the changed lines held before (loaded).
        private readonly Dictionary<string, HashSet<string>> _keysAdded = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HashSet<string>> _keysRemoved = new(StringComparer.Ordinal);

        private DuckDB.NET.Data.DuckDBConnection Db => warehouse.Connection;

        /// <summary>Null when the extract can be read incrementally (then <see cref="Result"/>), else why not.</summary>
        public string? Why()
        {
            _previous = warehouse.LastSuccessfulRun(_la);
            if (_previous is null) return "no earlier successful run";
            if (_previous.ExtractedAt is not { } previousExtractedAt || manifest.ExtractedAt < previousExtractedAt) return "the extract is older than the last run's";
            var stored = warehouse.SourceFingerprints(_la);
            if (specs.Any(s => !stored.ContainsKey(s.Name))) return "the last run did not record every file's records";

            var scans = new System.Collections.Concurrent.ConcurrentDictionary<string, RecordPrint[]?>(StringComparer.Ordinal);
            Parallel.ForEach(specs, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = source.ReadsInParallel ? -1 : 1 },
                spec => scans[spec.Name] = source.CurrentPrints(spec, cancellationToken));
            foreach (var spec in specs)
            {
                var scan = scans[spec.Name];
                var where = source.Location(spec);
                if (scan is null || scan.Length == 0) return $"{where} cannot be split into records without reading it whole";
                _scans[spec.Name] = scan;
                var before = CsvRecordScan.Unpack(stored[spec.Name]);
                if (scan.Length < before.Length) return $"{where} has fewer records than at the last run (a deletion)";
                if (before.Length == 0 || before[0] != (scan[0].Line, scan[0].Hash)) return $"{where}: the header changed";
                var changed = new List<RecordPrint>();
                for (var i = 1; i < scan.Length; i++)
                {
                    if (i < before.Length && before[i].Line != scan[i].Line) return $"{where}: records moved to other lines";
                    if (i >= before.Length || before[i].Hash != scan[i].Hash) changed.Add(scan[i]);
                }
                if (changed.Count == 0) continue;
                if (!ChildInputs.IsChildTable(spec)) return $"{where} (a council table) changed";
                _changed[spec.Name] = changed;
                _changedLines[spec.Name] = changed.Where(c => c.Line <= before[^1].Line).Select(c => c.Line).ToHashSet();
            }

            _previousQuarantine = Db.Query<(string Table, string File, int Line, string? Column, string Reason, string? Raw, string? Child, DateTime? LastModified)>(
                    "SELECT table_name, file, line, column_name, reason, raw_text, child_id, last_modified FROM audit.etl_quarantine WHERE run_id = $run AND la_code = $la",
                    new { run = _previous.RunId, la = _la })
                .Select(q => new QuarantinedRow(q.Table, q.File, q.Line, q.Column, q.Reason, q.Raw ?? "") { ChildId = q.Child, LastModified = q.LastModified })
                .ToList();
            if (manifest.ExtractedAt != previousExtractedAt && _previousQuarantine.Any(q => q.Reason.Contains(" is after extracted_at ", StringComparison.Ordinal)))
            {
                return "the extract moment moved and the last run held back rows for a time after its moment";
            }
            if (ReadCouncilTables() is { } councilWhy) return councilWhy;
            if (contextProblem(_council!, _previous) is { } contextWhy) return contextWhy;
            foreach (var spec in specs.Where(s => _changed.ContainsKey(s.Name)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (ReadChanges(spec) is { } why) return why;
            }
            return RemovedKeysStillNamed() ?? HeldBackRowsReleased();
        }

        /// <summary>The council's own tables, validated whole by the same reader (the child tables given no records).</summary>
        private string? ReadCouncilTables()
        {
            foreach (var spec in specs.Where(s => !ChildInputs.IsChildTable(s)))
            {
                if (spec.ForeignKeys.Any(fk => ChildInputs.IsChildTable(CaseSystemContract.Get(fk.ParentTable)))) return $"{spec.Name} names a child table";
            }
            _council = new ExtractReader().Read(new CouncilTablesOnly(source), cancellationToken);
            return null;
        }

        /// <summary>Parses and checks the changed records of one child table; their rows, or why the run must read in full.</summary>
        private string? ReadChanges(TableSpec spec)
        {
            var location = source.Location(spec);
            var rows = new List<ExtractRow>();
            try
            {
                foreach (var record in source.RecordsAt(spec, _changed[spec.Name], _previous!.ExtractedAt!.Value, cancellationToken))
                {
                    if (ExtractReader.CheckRecord(spec, record, location, manifest.ExtractedAt, _newQuarantine) is { } row) rows.Add(row);
                }
            }
            catch (ChangeTrackingException e)
            {
                return e.Message;   // the changed records cannot be read exactly as a full read would: read the whole extract
            }
            var changedLines = _changedLines[spec.Name];
            var before = StagedAt(spec, changedLines);

            // Duplicates: a changed row's key must be no other loaded row's.
            var keys = rows.Select(r => ExtractReader.KeyOf(spec, r)).ToList();
            if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Count) return $"{spec.Name}: changed rows share a key";
            if (keys.Count > 0)
            {
                var clash = 0L;
                warehouse.WithKeys(keys, () => clash = Db.ExecuteScalar<long>(
                    $"SELECT count(*) FROM stg.\"{spec.Name}\" WHERE extract_la_code = $la AND row_key IN (SELECT k FROM temp.etl_keys)", new { la = _la }));
                var sameLine = before.Count(b => keys.Contains(ExtractReader.KeyOf(spec, b), StringComparer.Ordinal));
                if (clash != sameLine) return $"{spec.Name}: a changed row has the key of another row";
            }
            _keysAdded[spec.Name] = keys.ToHashSet(StringComparer.Ordinal);
            _keysRemoved[spec.Name] = before.Select(b => ExtractReader.KeyOf(spec, b)).Where(k => !_keysAdded[spec.Name].Contains(k)).ToHashSet(StringComparer.Ordinal);

            // Parents: every value a changed row names must be a loaded row of the parent table.
            foreach (var fk in spec.ForeignKeys)
            {
                var index = spec.IndexOf(fk.Column);
                var values = rows.Select(r => r.Text(index)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                var added = _keysAdded.GetValueOrDefault(fk.ParentTable) ?? [];
                var removed = _keysRemoved.GetValueOrDefault(fk.ParentTable) ?? [];
                if (values.Any(removed.Contains)) return $"{spec.Name}: a changed row names a {fk.ParentTable} row that went";
                var missing = values.Where(v => !added.Contains(v)).ToList();
                if (missing.Count == 0) continue;
                var parent = CaseSystemContract.Get(fk.ParentTable);
                var found = 0L;
                warehouse.WithKeys(missing, () => found = Db.ExecuteScalar<long>(
                    $"SELECT count(*) FROM stg.\"{parent.Name}\" WHERE extract_la_code = $la AND row_key IN (SELECT k FROM temp.etl_keys)", new { la = _la }));
                if (found != missing.Count) return $"{spec.Name}: a changed row names a {fk.ParentTable} row that is not loaded";
            }

            // Episodes of one child must not overlap.
            if (spec.Name == "cla_episodes" && rows.Count > 0)
            {
                var child = spec.IndexOf("child_id");
                var children = rows.Select(r => r.Text(child)!).Distinct(StringComparer.Ordinal).ToList();
                var episodes = new List<ExtractRow>();
                warehouse.WithKeys(children, () => episodes = StagedExtract.ReadRows(Db, spec, "$", _la, "child_id IN (SELECT k FROM temp.etl_keys)"));
                episodes = episodes.Where(e => !changedLines.Contains(e.Line)).Concat(rows).ToList();
                if (ExtractReader.RemoveOverlappingEpisodes(spec, episodes, [], location).Count != episodes.Count) return "cla_episodes: a changed episode overlaps another";
            }

            // The children the change touches: the rows' owners before and after, and for referrals the owners of the contacts they name.
            var owners = Owners(spec, before.Concat(rows).ToList());
            if (owners is null) return $"{spec.Name}: a changed row's child cannot be found";
            _touched.UnionWith(owners);
            if (spec.Name == "referrals")
            {
                var contact = spec.IndexOf("contact_id");
                var contacts = before.Concat(rows).Select(r => r.Text(contact)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                if (contacts.Count > 0)
                {
                    var named = new List<string>();
                    warehouse.WithKeys(contacts, () => named = Db.Query<string>(
                        "SELECT child_id FROM stg.contacts WHERE extract_la_code = $la AND contact_id IN (SELECT k FROM temp.etl_keys)", new { la = _la }).ToList());
                    _touched.UnionWith(named);
                }
            }
            _deltas.Add(new TableDelta(spec, changedLines.Order().ToList(), rows));
            return null;
        }

        /// <summary>The staged rows at these lines (the changed records' old rows, where they were loaded).</summary>
        private List<ExtractRow> StagedAt(TableSpec spec, IReadOnlySet<int> lines)
        {
            if (lines.Count == 0) return [];
            var rows = new List<ExtractRow>();
            warehouse.WithKeys(lines.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)), () =>
                rows = StagedExtract.ReadRows(Db, spec, "$", _la, "CAST(source_line AS VARCHAR) IN (SELECT k FROM temp.etl_keys)"));
            return rows;
        }

        /// <summary>The children these rows belong to (a CP review's through its plan, staged or changed now); null when one cannot be found.</summary>
        private HashSet<string>? Owners(TableSpec spec, List<ExtractRow> rows)
        {
            if (spec.Name != "cp_reviews")
            {
                var child = spec.IndexOf("child_id");
                return rows.Select(r => r.Text(child)!).ToHashSet(StringComparer.Ordinal);
            }
            var plan = spec.IndexOf("cp_plan_id");
            var plans = rows.Select(r => r.Text(plan)!).Distinct(StringComparer.Ordinal).ToList();
            var owners = new Dictionary<string, string>(StringComparer.Ordinal);
            if (plans.Count > 0)
            {
                warehouse.WithKeys(plans, () =>
                {
                    foreach (var (id, child) in Db.Query<(string, string)>(
                                 "SELECT cp_plan_id, child_id FROM stg.cp_plans WHERE extract_la_code = $la AND cp_plan_id IN (SELECT k FROM temp.etl_keys)", new { la = _la }))
                    {
                        owners[id] = child;
                    }
                });
            }
            // A plan changed in this run: its new row (its old one is still staged until the run stages the changes).
            var planDelta = _deltas.FirstOrDefault(d => d.Spec.Name == "cp_plans");
            if (planDelta is not null)
            {
                int id = planDelta.Spec.IndexOf("cp_plan_id"), child = planDelta.Spec.IndexOf("child_id");
                foreach (var p in planDelta.Added) owners[p.Text(id)!] = p.Text(child)!;
            }
            var result = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in plans)
            {
                if (!owners.TryGetValue(p, out var o)) return null;
                result.Add(o);
            }
            return result;
        }

        /// <summary>A key that a changed line no longer loads must not be named by any other staged row.</summary>
        private string? RemovedKeysStillNamed()
        {
            foreach (var (parent, removed) in _keysRemoved)
            {
                if (removed.Count == 0) continue;
                foreach (var child in specs)
                {
                    foreach (var fk in child.ForeignKeys.Where(f => f.ParentTable == parent))
                    {
                        var lines = _changedLines.GetValueOrDefault(child.Name) ?? [];
                        var naming = new List<int>();
                        warehouse.WithKeys(removed, () => naming = Db.Query<int>(
                            $"SELECT source_line FROM stg.\"{child.Name}\" WHERE extract_la_code = $la AND \"{fk.Column}\" IN (SELECT k FROM temp.etl_keys)", new { la = _la }).ToList());
                        if (naming.Any(l => !lines.Contains(l))) return $"{child.Name} has rows naming a {parent} row that went";
                    }
                }
            }
            return null;
        }

        /// <summary>
        /// A row the last run held back because of other rows (a duplicate key, a parent not loaded, an overlapping
        /// episode) took part in the checks that came before its own, and its reason names other rows: when its key, a
        /// parent it names or (an episode) its child is touched by the change, the run reads in full.
        /// </summary>
        private string? HeldBackRowsReleased()
        {
            bool Touches(string table, string value) =>
                (_keysAdded.GetValueOrDefault(table)?.Contains(value) ?? false) || (_keysRemoved.GetValueOrDefault(table)?.Contains(value) ?? false);
            foreach (var q in _previousQuarantine.Where(q => CrossRowReasons.Any(r => q.Reason.StartsWith(r, StringComparison.Ordinal))))
            {
                var spec = CaseSystemContract.Get(q.Table);
                if (_changedLines.GetValueOrDefault(spec.Name)?.Contains(q.Line) ?? false) return $"{spec.Name} line {q.Line} was held back and changed";
                if (q.ChildId is not null && _touched.Contains(q.ChildId)) return $"{spec.Name} line {q.Line} was held back and belongs to a changed child";
                if (ParseHeldBack(spec, q) is not { } row) return $"{spec.Name} line {q.Line}: a held-back row cannot be read back";
                if (Touches(spec.Name, ExtractReader.KeyOf(spec, row))) return $"{spec.Name} line {q.Line} was held back and shares its key with a changed row";
                foreach (var fk in spec.ForeignKeys)
                {
                    if (row.Text(spec.IndexOf(fk.Column)) is { } value && Touches(fk.ParentTable, value))
                    {
                        return $"{spec.Name} line {q.Line} was held back and names a {fk.ParentTable} row that changed";
                    }
                }
            }
            return null;
        }

        /// <summary>A row held back by a check across rows, read back from its quarantine text (its values in contract order).</summary>
        private static ExtractRow? ParseHeldBack(TableSpec spec, QuarantinedRow q)
        {
            if (q.RawText.EndsWith(" characters]", StringComparison.Ordinal)) return null;   // clipped
            using var parser = new CsvHelper.CsvParser(new StringReader(q.RawText), CsvExtractSource.CsvConfig(() => { }));
            if (!parser.Read() || parser.Record is not { } fields || fields.Length != spec.Columns.Count) return null;
            var (values, _, why) = ExtractReader.ValidateRow(spec, fields.Select(f => f.Length == 0 ? null : f).ToArray(), DateTime.MaxValue);
            return why is null ? new ExtractRow(q.Line, values!) : null;
        }

        public IncrementalRead Result(List<string> warnings)
        {
            var accounting = new List<TableAccounting>();
            var quarantinedBefore = _previousQuarantine.GroupBy(q => q.Table).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            foreach (var spec in specs)
            {
                var read = _scans[spec.Name].Length - 1;
                var lines = _changedLines.GetValueOrDefault(spec.Name) ?? [];
                var quarantined = (quarantinedBefore.GetValueOrDefault(spec.Name)?.Count(q => !lines.Contains(q.Line)) ?? 0)
                                  + _newQuarantine.Count(q => q.Table == spec.Name);
                accounting.Add(new TableAccounting(spec.Name, read, read - quarantined, quarantined));
            }
            return new IncrementalRead
            {
                Manifest = manifest,
                SourceName = source.Name,
                Warnings = warnings,
                CouncilTables = _council!,
                Deltas = _deltas,
                NewQuarantine = _newQuarantine,
                Previous = _previous!,
                Accounting = accounting,
                Touched = _touched,
                Prints = _changed.Keys.ToDictionary(t => t, t => CsvRecordScan.Pack(_scans[t]), StringComparer.Ordinal),
            };
        }
    }

    /// <summary>The source with the child tables' records left out: the council's own tables read and validated as in a full read.</summary>
    private sealed class CouncilTablesOnly(IExtractRowSource source) : IExtractRowSource
    {
        public string Name => source.Name;
        public Manifest ReadManifest() => source.ReadManifest();
        public void CheckTables(IReadOnlyList<TableSpec> tables, List<string> warnings) { }
        public string Location(TableSpec table) => source.Location(table);
        public bool ReadsInParallel => source.ReadsInParallel;
        public long SizeHint(TableSpec table) => ChildInputs.IsChildTable(table) ? 0 : source.SizeHint(table);

        public IEnumerable<SourceRecord> Records(TableSpec table, CancellationToken cancellationToken) =>
            ChildInputs.IsChildTable(table) ? [] : source.Records(table, cancellationToken);
    }
}
