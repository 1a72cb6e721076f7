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

// The benchmark: `dotnet run -c Release --project tests/bench -- [--sizes 1,10,152] [--work DIR] [--report FILE]`.
// For each size it generates councils with the seeds generator (10 years, 2016-04-01 to 2026-04-01), runs the
// pipeline over every council into one warehouse, and reports per stage: seconds, rows/s, peak RSS and warehouse
// size, with DuckDB's own read_csv over the same files as the floor for reading and staging. Then full versus
// incremental runs on the bundled extract with a day's delta.
if (Array.IndexOf(args, "--load") >= 0) return LoadInChildProcess(Arg("--load", ""), Arg("--warehouse", ""));
var sizes = Arg("--sizes", "1,10").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
var work = Arg("--work", Path.Combine(Path.GetTempPath(), "cw-bench"));
var reportFile = Arg("--report", "");
var log = new LoggerConfiguration().CreateLogger();
var report = new StringBuilder();
void Say(string line)
{
    Console.WriteLine(line);
    report.AppendLine(line);
}

Say($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {DateTime.Now:yyyy-MM-dd HH:mm}");
Say("");
Say("Each size is loaded by `etl`'s pipeline in a process of its own (peak RSS is that process's), all councils into one warehouse in one build.");
Say("");
Say("| councils | rows | generate s | read+validate s | stage s | derive and load facts s | aggregate s | data tests s | publish s | total s | rows/s | DuckDB read_csv s | (read+stage) / read_csv | peak RSS MiB | warehouse MiB |");
Say("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var size in sizes)
{
    var folder = Path.Combine(work, $"size-{size}");
    if (Directory.Exists(folder)) Directory.Delete(folder, true);
    var clock = Stopwatch.StartNew();
    var generated = SeedGenerator.Generate(new GeneratorOptions
    {
        From = new DateOnly(2016, 4, 1), AsAt = new DateTime(2026, 4, 1), Seed = 874, Councils = size,
    }, Path.Combine(folder, "extracts"));
    var generateSeconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"size {size}: {generated.RowsWritten:N0} rows generated in {generateSeconds:0.0} s; loading");
    var warehouse = Path.Combine(folder, "warehouse.duckdb");
    var (stages, total, peak) = LoadInOwnProcess(Path.Combine(folder, "extracts"), warehouse);
    Console.WriteLine($"size {size}: loaded in {total:0.0} s; DuckDB read_csv floor");
    var floor = ReadCsvFloor(generated.ExtractFolders, Path.Combine(folder, "floor.duckdb"));
    double S(string stage) => stages.GetValueOrDefault(stage);
    Say(string.Create(CultureInfo.InvariantCulture,
        $"| {size} | {generated.RowsWritten:N0} | {generateSeconds:0.0} | {S("read+validate"):0.0} | {S("stage"):0.0} | {S(RunPipeline.DeriveAndLoadStage):0.0} | {S("aggregate"):0.0} | {S("data tests"):0.0} | {S("publish"):0.0} | {total:0.0} | {generated.RowsWritten / total:N0} | {floor:0.0} | {(S("read+validate") + S("stage")) / floor:0.0} | {peak:N0} | {new FileInfo(warehouse).Length / 1048576.0:N0} |"));
    Directory.Delete(folder, true);
}

Say("");
Say("Full versus incremental on the bundled extract (seeds/peterborough), with the pack:");
Say("");
Say("| run | seconds | children rewritten | staging rows changed |");
Say("|---|---|---|---|");
var bundled = Path.Combine(Repo(), "seeds", "peterborough");
var incrementalFolder = Path.Combine(work, "incremental");
if (Directory.Exists(incrementalFolder)) Directory.Delete(incrementalFolder, true);
var today = Path.Combine(incrementalFolder, "today");
CopyFolder(bundled, today);
var db = Path.Combine(incrementalFolder, "warehouse.duckdb");
(RunSummary, double) Timed(string source, bool incremental)
{
    var watch = Stopwatch.StartNew();
    var s = new RunPipeline(log).Run(new RunRequest
    {
        SourceFolder = source, WarehousePath = db, Rules = new RuleSettings(), Incremental = incremental, PseudonymSalt = "benchmark salt, not a secret",
    });
    PackRenderer.Render(new PackOptions { WarehousePath = db, OutputFolder = Path.Combine(incrementalFolder, "pack") });
    return (s, watch.Elapsed.TotalSeconds);
}
var (full, fullSeconds) = Timed(today, false);
Say($"| full rebuild | {fullSeconds:0.00} | {full.ChildrenRewritten:N0} | {full.StagedRowsChanged:N0} |");
foreach (var (name, minutes) in new[] { ("incremental, 15 minutes later (a live run)", 15), ("incremental, the next morning (a day's delta)", 24 * 60) })
{
    var later = Path.Combine(incrementalFolder, $"later-{minutes}");
    CopyFolder(bundled, later);
    Delta.Apply(later, TimeSpan.FromMinutes(minutes));
    var (inc, incSeconds) = Timed(later, true);
    Say($"| {name} | {incSeconds:0.00} ({100 * incSeconds / fullSeconds:0}% of full) | {inc.ChildrenRewritten:N0} | {inc.StagedRowsChanged:N0} |");
    Timed(today, false);
}
Directory.Delete(incrementalFolder, true);
if (reportFile.Length > 0) File.WriteAllText(reportFile, report.ToString());
return 0;

// Loads a folder of extracts (or one extract) in this process and prints "stage<TAB>seconds" lines, then the peak RSS.
int LoadInChildProcess(string extracts, string warehousePath)
{
    var councils = ExtractSources.CouncilFolders(extracts) ?? [extracts];
    var watch = Stopwatch.StartNew();
    var batch = new RunPipeline(new LoggerConfiguration().CreateLogger()).RunMany(new RunRequest
    {
        SourceFolder = extracts, WarehousePath = warehousePath, Rules = new RuleSettings(), PseudonymSalt = "benchmark salt, not a secret",
    }, councils);
    var sums = new Dictionary<string, double>();
    foreach (var (stage, elapsed) in batch.Runs.SelectMany(r => r.Timings).Concat(batch.Timings)) sums[stage] = sums.GetValueOrDefault(stage) + elapsed.TotalSeconds;
    foreach (var (stage, seconds) in sums) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stage\t{stage}\t{seconds}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total\t{watch.Elapsed.TotalSeconds}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak\t{PeakRssMiB()}"));
    return 0;
}

static (Dictionary<string, double> Stages, double Total, double PeakMiB) LoadInOwnProcess(string extracts, string warehousePath)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
    foreach (var a in new[] { "--load", extracts, "--warehouse", warehousePath }) start.ArgumentList.Add(a);
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
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Warehouse.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("run the benchmark from the repository");
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
            cmd.CommandText = $"CREATE TABLE t{n++} AS SELECT * FROM read_csv($file, header = true, all_varchar = true)";
            cmd.Parameters.Add(new DuckDBParameter("file", Path.Combine(extract, spec.RelativePath)));
            cmd.ExecuteNonQuery();
        }
    }
    return watch.Elapsed.TotalSeconds;
}

/// <summary>A realistic delta: a later extract moment, that period's new contacts, visits and supervisions, and some decisions and closures.</summary>
internal static class Delta
{
    public static void Apply(string folder, TimeSpan later)
    {
        var manifest = File.ReadAllText(Path.Combine(folder, "manifest.json"));
        var asAt = new DateTime(2016, 2, 1, 6, 0, 0);
        var next = asAt + later;
        File.WriteAllText(Path.Combine(folder, "manifest.json"), manifest.Replace("2016-02-01T06:00:00", next.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)));
        var scale = Math.Max(1, (int)(later.TotalMinutes / 15));   // a day is about 40 contacts, 70 visits and 60 supervisions
        var stamp = (asAt + later / 2).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var day = DateOnly.FromDateTime(asAt + later / 2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var children = File.ReadLines(Path.Combine(folder, "children.csv")).Skip(1).Select(l => l.Split(',')[0]).Take(5000).ToList();
        var random = new Random(1);
        string Child() => children[random.Next(children.Count)];
        Append(folder, "contacts", Math.Min(40, 1 + scale / 2), i => $"DC{i},{Child()},{stamp},1A,{stamp},NFA,,{stamp}");
        Append(folder, "visits", Math.Min(70, 1 + scale), i => $"DV{i},{Child()},{day},CIN,Y,Y,HOME,,{stamp}");
        Append(folder, "case_supervisions", Math.Min(60, 1 + scale), i => $"DS{i},{Child()},{FirstWorker(folder)},{day},{stamp}");
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
