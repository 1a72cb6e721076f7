using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Reports;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Seeds;
using DuckDB.NET.Data;
using Serilog;

// The benchmark: `dotnet run -c Release --project tests/bench -- [--sizes 1,10,152] [--work DIR] [--report FILE]
// [--duckdb-memory 1GB] [--keep] [--reuse-extracts] [--floor-only]` (--keep leaves each size's extracts, --reuse-extracts
// loads them again instead of generating: the generator is deterministic; --floor-only times only DuckDB's read_csv).
// For each size it generates councils with the seeds generator (10 years, 2016-04-01 to 2026-04-01), runs the
// pipeline over every council into one warehouse, and reports per stage: seconds, rows/s, peak RSS and warehouse
// size, with DuckDB's own read_csv over the same files as the floor for reading and staging. Then full versus
// incremental runs on the bundled extract with a day's delta.
if (Array.IndexOf(args, "--load") >= 0) return LoadInChildProcess(Arg("--load", ""), Arg("--warehouse", ""), Arg("--duckdb-memory", ""), Array.IndexOf(args, "--incremental") >= 0);
var sizes = Arg("--sizes", "1,10").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
var work = Arg("--work", Path.Combine(Path.GetTempPath(), "cw-bench"));
var reportFile = Arg("--report", "");
var reuse = Array.IndexOf(args, "--reuse-extracts") >= 0;   // use the extracts an earlier run kept (--keep)
var keep = Array.IndexOf(args, "--keep") >= 0;
var floorOnly = Array.IndexOf(args, "--floor-only") >= 0;
var duckDbMemory = Arg("--duckdb-memory", "1GB");
var log = new LoggerConfiguration().CreateLogger();
if (reportFile.Length > 0) File.WriteAllText(reportFile, "");
void Say(string line)
{
    Console.WriteLine(line);
    if (reportFile.Length > 0) File.AppendAllText(reportFile, line + Environment.NewLine);   // as it goes: a long run keeps what it measured
}

Say($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {DateTime.Now:yyyy-MM-dd HH:mm}");
Say("");
Say($"Each size is loaded by `etl`'s pipeline in a process of its own (peak RSS is that process's), all councils into one warehouse in one build, DuckDB memory limit {duckDbMemory}.");
Say("");
Say("| councils | rows | generate s | read+validate s | stage s | derive and load facts s | aggregate s | data tests s | publish s | total s | rows/s | DuckDB read_csv s | (read+stage) / read_csv | peak RSS MiB | warehouse MiB |");
Say("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
var dayDeltas = new List<(int Size, double Full, double Incremental, Dictionary<string, double> Stages, double PeakMiB, double WarehouseMiB)>();
foreach (var size in sizes)
{
    var folder = Path.Combine(work, $"size-{size}");
    var extracts = Path.Combine(folder, "extracts");
    var clock = Stopwatch.StartNew();
    GenerationResult generated;
    double generateSeconds;
    if (reuse && ExtractSources.CouncilFolders(extracts) is { Count: var n } councils && n == size)
    {
        // --reuse-extracts: the files of an earlier run of this size (the generator is deterministic), not generated again.
        // Rows are counted as lines here (a quoted line break counts twice: 0.03% more than the generator's count).
        generated = new GenerationResult(councils.Sum(c => CaseSystemContract.AllTables.Sum(t => File.ReadLines(Path.Combine(c, t.RelativePath)).LongCount() - 1)),
            new Dictionary<string, long>(), councils);
        generateSeconds = double.NaN;
        foreach (var stale in Directory.GetFiles(folder, floorOnly ? "floor.duckdb*" : "*.duckdb*")) File.Delete(stale);
    }
    else
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, true);
        generated = SeedGenerator.Generate(new GeneratorOptions
        {
            From = new DateOnly(2016, 4, 1), AsAt = new DateTime(2026, 4, 1), Seed = 874, Councils = size,
        }, extracts);
        generateSeconds = clock.Elapsed.TotalSeconds;
    }
    Console.WriteLine($"size {size}: {generated.RowsWritten:N0} rows generated in {generateSeconds:0.0} s; loading");
    var warehouse = Path.Combine(folder, "warehouse.duckdb");
    if (floorOnly)
    {
        // --floor-only: DuckDB's read_csv over kept extracts, for a size whose load was measured before.
        Say(string.Create(CultureInfo.InvariantCulture, $"| {size} | {generated.RowsWritten:N0} | floor only | DuckDB read_csv {ReadCsvFloor(generated.ExtractFolders, Path.Combine(folder, "floor.duckdb")):0.0} s |"));
        continue;
    }
    var (stages, total, peak) = LoadInOwnProcess(extracts, warehouse, duckDbMemory);
    Console.WriteLine($"size {size}: loaded in {total:0.0} s; DuckDB read_csv floor");
    var floor = ReadCsvFloor(generated.ExtractFolders, Path.Combine(folder, "floor.duckdb"));
    double S(string stage) => stages.GetValueOrDefault(stage);
    Say(string.Create(CultureInfo.InvariantCulture,
        $"| {size} | {generated.RowsWritten:N0} | {(double.IsNaN(generateSeconds) ? "reused" : generateSeconds.ToString("0.0", CultureInfo.InvariantCulture))} | {S("read+validate"):0.0} | {S("stage"):0.0} | {S(RunPipeline.DeriveAndLoadStage):0.0} | {S("aggregate"):0.0} | {S("data tests"):0.0} | {S("publish"):0.0} | {total:0.0} | {generated.RowsWritten / total:N0} | {floor:0.0} | {(S("read+validate") + S("stage")) / floor:0.0} | {peak:N0} | {new FileInfo(warehouse).Length / 1048576.0:N0} |"));
    // The same councils a day on: the whole working day's changes in every council's extract (as at the same moment),
    // loaded incrementally into the warehouse the full load wrote, in a process of its own.
    // Kept extracts already carry a day's changes (--keep), so reused ones are not measured again.
    if (reuse)
    {
        Console.WriteLine($"size {size}: reused extracts already carry a day's changes; the incremental load is not measured");
    }
    else
    {
        foreach (var council in generated.ExtractFolders) Delta.Apply(council, TimeSpan.Zero, 1.0);
        var (incrementalStages, incrementalTotal, incrementalPeak) = LoadInOwnProcess(extracts, warehouse, duckDbMemory, incremental: true);
        dayDeltas.Add((size, total, incrementalTotal, incrementalStages, incrementalPeak, new FileInfo(warehouse).Length / 1048576.0));
    }
    if (!keep) Directory.Delete(folder, true);
}
if (dayDeltas.Count > 0)
{
    Say("");
    Say("A day's changes in every council (about 40 contacts, 70 visits, 60 supervisions and 20 decisions each), loaded incrementally into the warehouse of the full load above:");
    Say("");
    Say("| councils | full load s | incremental load s | % of full | read+validate s | stage s | derive and load facts s | aggregate s | data tests s | publish s | the rest s | peak RSS MiB | warehouse MiB after |");
    Say("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    foreach (var (size, fullLoad, incrementalLoad, stages, peak, mib) in dayDeltas)
    {
        double S(string stage) => stages.GetValueOrDefault(stage);
        Say(string.Create(CultureInfo.InvariantCulture, $"| {size} | {fullLoad:0.0} | {incrementalLoad:0.0} | {100 * incrementalLoad / fullLoad:0.0}% | {S("read+validate"):0.00} | {S("stage"):0.00} | {S(RunPipeline.DeriveAndLoadStage):0.00} | {S("aggregate"):0.00} | {S("data tests"):0.00} | {S("publish"):0.00} | {incrementalLoad - stages.Values.Sum():0.00} | {peak:N0} | {mib:N0} |"));
    }
}

Say("");
Say("Full versus incremental on the bundled extract (seeds/peterborough), each with the pack, in this process (warm), median of 3:");
Say("");
Say("| run | seconds | % of full | children re-derived | children rewritten | staging rows changed | read+validate s | stage s | derive and load facts s | aggregate + data tests + publish s | pack s (reading it, and the wait after publishing for its files) |");
Say("|---|---|---|---|---|---|---|---|---|---|---|");
var bundled = Path.Combine(Repo(), "seeds", "peterborough");
var incrementalFolder = Path.Combine(work, "incremental");
if (Directory.Exists(incrementalFolder)) Directory.Delete(incrementalFolder, true);
var today = Path.Combine(incrementalFolder, "today");
CopyFolder(bundled, today);
var db = Path.Combine(incrementalFolder, "warehouse.duckdb");
(RunSummary, double Seconds, double Pack) Timed(string source, bool incremental)
{
    // As `etl run` and the worker: the pack is read from the build and written while it is published.
    var watch = Stopwatch.StartNew();
    var s = new RunPipeline(log).Run(new RunRequest
    {
        SourceFolder = source, WarehousePath = db, Rules = new RuleSettings(), Incremental = incremental, PseudonymSalt = "benchmark salt, not a secret",
        PackFolder = incrementalFolder,
    });
    return (s, watch.Elapsed.TotalSeconds, s.Timings.Where(t => t.Stage is "pack" or "pack files").Sum(t => t.Elapsed.TotalSeconds));
}
(RunSummary, double Seconds, double Pack) Median(Func<(RunSummary, double Seconds, double Pack)> run) =>
    Enumerable.Range(0, 3).Select(_ => run()).OrderBy(r => r.Seconds).ElementAt(1);
void Row(string name, (RunSummary S, double Seconds, double Pack) r, double full)
{
    double T(string stage) => r.S.Timings.Where(t => t.Stage == stage).Sum(t => t.Elapsed.TotalSeconds);
    Say(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {r.Seconds:0.00} | {100 * r.Seconds / full:0}% | {r.S.ChildrenDerived:N0} | {r.S.ChildrenRewritten:N0} | {r.S.StagedRowsChanged:N0} | {T("read+validate"):0.00} | {T("stage"):0.00} | {T(RunPipeline.DeriveAndLoadStage):0.00} | {T("aggregate") + T("data tests") + T("publish"):0.00} | {r.Pack:0.00} |"));
}
Timed(today, false);   // warm up
var full = Median(() => Timed(today, false));
Row("full rebuild (the nightly run, extract of 06:00)", full, full.Seconds);
// The worker rebuilds in full every night and runs incrementally through the working day, so a live run's delta is
// at most the day's changes on the same as-at date; a run on a later date than the last re-derives every child.
foreach (var (name, later, dayShare) in new[]
{
    ("incremental, 15 minutes later (a live run: 15 minutes of changes)", TimeSpan.FromMinutes(15), 15.0 / (13 * 60)),
    ("incremental at 19:00 (a live run: the whole day's changes)", TimeSpan.FromHours(13), 1.0),
    ("incremental the next morning, no nightly run between (a day's changes, new as-at date: every child re-derived)", TimeSpan.FromHours(24), 1.0),
})
{
    var folder = Path.Combine(incrementalFolder, $"later-{later.TotalMinutes}");
    CopyFolder(bundled, folder);
    Delta.Apply(folder, later, dayShare);
    var run = Median(() =>
    {
        Timed(today, false);
        return Timed(folder, true);
    });
    Row(name, run, full.Seconds);
}
Directory.Delete(incrementalFolder, true);
return 0;

// Loads a folder of extracts (or one extract) in this process and prints "stage<TAB>seconds" lines, then the peak RSS.
int LoadInChildProcess(string extracts, string warehousePath, string duckDbMemory, bool incremental)
{
    var councils = ExtractSources.Councils(extracts);
    var watch = Stopwatch.StartNew();
    var batch = new RunPipeline(new LoggerConfiguration().CreateLogger()).RunMany(new RunRequest
    {
        SourceFolder = extracts, WarehousePath = warehousePath, Rules = new RuleSettings(), PseudonymSalt = "benchmark salt, not a secret",
        DuckDbMemoryLimit = duckDbMemory.Length > 0 ? duckDbMemory : null, Incremental = incremental,
    }, councils);
    var sums = new Dictionary<string, double>();
    foreach (var (stage, elapsed) in batch.Runs.SelectMany(r => r.Timings).Concat(batch.Timings)) sums[stage] = sums.GetValueOrDefault(stage) + elapsed.TotalSeconds;
    foreach (var (stage, seconds) in sums) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stage\t{stage}\t{seconds}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total\t{watch.Elapsed.TotalSeconds}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak\t{PeakRssMiB()}"));
    return 0;
}

static (Dictionary<string, double> Stages, double Total, double PeakMiB) LoadInOwnProcess(string extracts, string warehousePath, string duckDbMemory, bool incremental = false)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
    foreach (var a in new[] { "--load", extracts, "--warehouse", warehousePath, "--duckdb-memory", duckDbMemory }) start.ArgumentList.Add(a);
    if (incremental) start.ArgumentList.Add("--incremental");
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"the load failed (exit {process.ExitCode})");
    var stages = new Dictionary<string, double>();
    double total = 0, peak = 0;
    foreach (var parts in output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split('\t')))
    {
        switch (parts[0])
        {
            case "stage": stages[parts[1]] = double.Parse(parts[2], CultureInfo.InvariantCulture); break;
            case "total": total = double.Parse(parts[1], CultureInfo.InvariantCulture); break;
            case "peak": peak = double.Parse(parts[1], CultureInfo.InvariantCulture); break;
        }
    }
    return (stages, total, peak);
}

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static string Repo()
{
    foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Warehouse.sln"))) return dir.FullName;
        }
    }
    throw new InvalidOperationException("run the benchmark from the repository");
}

static void CopyFolder(string from, string to)
{
    foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
    {
        var target = Path.Combine(to, Path.GetRelativePath(from, file));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(file, target);
    }
}

static double PeakRssMiB()
{
    var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
}

// DuckDB's own CSV reader loading every file of the extracts into tables: the floor for reading and staging.
static double ReadCsvFloor(IReadOnlyList<string> extracts, string path)
{
    using var connection = new DuckDBConnection($"Data Source={path}");
    connection.Open();
    var watch = Stopwatch.StartNew();
    var n = 0;
    foreach (var extract in extracts)
    {
        foreach (var spec in CaseSystemContract.AllTables)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"""CREATE TABLE t{n++} AS SELECT * FROM read_csv($file, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')""";
            cmd.Parameters.Add(new DuckDBParameter("file", Path.Combine(extract, spec.RelativePath)));
            cmd.ExecuteNonQuery();
        }
    }
    return watch.Elapsed.TotalSeconds;
}

/// <summary>
/// A realistic delta: a later extract moment and a share of a working day's new rows (a day is about 40 contacts,
/// 70 visits and 60 supervisions at Peterborough's size), some of the open contacts decided.
/// </summary>
internal static class Delta
{
    public static void Apply(string folder, TimeSpan later, double dayShare)
    {
        var manifest = File.ReadAllText(Path.Combine(folder, "manifest.json"));
        var extractedAt = System.Text.Json.JsonDocument.Parse(manifest).RootElement.GetProperty("extracted_at").GetString()!;
        var asAt = DateTime.Parse(extractedAt, CultureInfo.InvariantCulture);
        var next = asAt + later;
        File.WriteAllText(Path.Combine(folder, "manifest.json"), manifest.Replace(extractedAt, next.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)));
        int Share(int perDay) => Math.Max(1, (int)Math.Round(perDay * dayShare));
        var stamp = (asAt + later / 2).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var day = DateOnly.FromDateTime(asAt + later / 2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var children = File.ReadLines(Path.Combine(folder, "children.csv")).Skip(1).Select(l => l.Split(',')[0]).Take(5000).ToList();
        var random = new Random(1);
        string Child() => children[random.Next(children.Count)];
        Append(folder, "contacts", Share(40), i => $"DC{i},{Child()},{stamp},1A,{stamp},NFA,,{stamp}");
        Append(folder, "visits", Share(70), i => $"DV{i},{Child()},{day},CIN,Y,Y,HOME,,{stamp}");
        Append(folder, "case_supervisions", Share(60), i => $"DS{i},{Child()},{FirstWorker(folder)},{day},{stamp}");
        DecideOpenContacts(folder, Share(20), stamp);
    }

    /// <summary>Gives the first <paramref name="count"/> undecided contacts an NFA decision at <paramref name="stamp"/>.</summary>
    private static void DecideOpenContacts(string folder, int count, string stamp)
    {
        var path = Path.Combine(folder, "contacts.csv");
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int received = Array.IndexOf(header, "received_at"), decision = Array.IndexOf(header, "decision_at"), outcome = Array.IndexOf(header, "outcome"),
            modified = Array.IndexOf(header, "last_modified");
        for (var i = 1; i < lines.Length && count > 0; i++)
        {
            if (lines[i].Contains('"')) continue;
            var fields = lines[i].Split(',');
            if (fields.Length != header.Length || fields[decision].Length > 0 || string.CompareOrdinal(fields[received], stamp) > 0) continue;
            fields[decision] = stamp;
            fields[outcome] = "NFA";
            fields[modified] = stamp;
            lines[i] = string.Join(',', fields);
            count--;
        }
        File.WriteAllLines(path, lines);
    }

    private static string FirstWorker(string folder) =>
        File.ReadLines(Path.Combine(folder, "workers.csv")).Skip(1).First().Split(',')[0];

    private static void Append(string folder, string table, int count, Func<int, string> row)
    {
        var path = Path.Combine(folder, table + ".csv");
        var header = File.ReadLines(path).First().Split(',');
        var expected = CaseSystemContract.Get(table).Columns.Select(c => c.Name).ToArray();
        if (!header.SequenceEqual(expected)) throw new InvalidOperationException($"{table}.csv columns are not in contract order");
        File.AppendAllLines(path, Enumerable.Range(0, count).Select(row));
    }
}
