using System.CommandLine;
using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Indicators;
using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Warehouse;
using ChildrensWarehouse.Service;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ILogger = Serilog.ILogger;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace ChildrensWarehouse.Cli;

/// <summary>The one executable's commands (the composition root).</summary>
public static class EtlCli
{
    public const string DefaultSource = "seeds/peterborough";
    public const string DefaultWarehouse = "out/warehouse.duckdb";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Children's services performance warehouse: reads the case system, applies the statutory rules, loads the warehouse and computes the indicators.");
        root.Subcommands.Add(RunCommand(stdout, stderr));
        root.Subcommands.Add(KpisCommand(stdout, stderr));
        root.Subcommands.Add(StatusCommand(stdout));
        root.Subcommands.Add(WorkerCommand(stderr));
        root.Subcommands.Add(ReportCommand(stdout));
        root.Subcommands.Add(SeedsCommand(stdout, stderr));
        root.Subcommands.Add(SchemaCommand(stdout));
        root.Subcommands.Add(WarehouseCommands.MigrateCommand(stdout, stderr));
        root.Subcommands.Add(ReturnCommands.ExportCommand(stdout, stderr));
        root.Subcommands.Add(ReturnCommands.ReconcileCommand(stdout, stderr));
        root.Subcommands.Add(ReturnCommands.AnnexACommand(stdout, stderr));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            stderr.WriteLine($"error: bad arguments: {parse.Errors[0].Message} (see --help)");
            return ExitCodes.BadArguments;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (Exception e)
        {
            return CliErrors.Report(e, stderr);
        }
    }

    /// <summary>
    /// Serilog: console (stderr) and, for runs and the worker, a rolling file (daily, size-capped, kept N days) under
    /// Logging:Folder (default: &lt;out&gt;/logs). Messages carry counts and ids, never names, NHS numbers or passwords.
    /// </summary>
    internal static ILogger Logger(TextWriter _, string? logFolder = null, LogEventLevel console = LogEventLevel.Information)
    {
        var configuration = Configuration();
        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .Enrich.FromLogContext()
            .WriteTo.Console(restrictedToMinimumLevel: console, standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}");
        logFolder = configuration["Logging:Folder"] ?? logFolder;
        if (logFolder is not null)
        {
            logger.WriteTo.File(Path.Combine(logFolder, "etl-.log"), formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                rollingInterval: RollingInterval.Day, fileSizeLimitBytes: 50L * 1024 * 1024, rollOnFileSizeLimit: true,
                retainedFileCountLimit: int.TryParse(configuration["Logging:RetainedDays"], out var days) ? days : 14,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}");
        }
        return logger.CreateLogger();
    }

    /// <summary>True when a person watches: progress is drawn instead of log lines.</summary>
    private static bool Interactive(TextWriter stdout) =>
        ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null;

    private static Option<string> SourceOption(string? defaultValue) => new("--source")
    {
        Description = "The case-system extract folder (manifest.json, table CSVs, reference/), or sql:CONNECTION-STRING for its SQL Server views (sql: alone: Source:ConnectionString from configuration), or duckdb:FILE for the same views in a DuckDB file, "
            + "or statutory returns: 903:DIR;cin:FILE.xml;annexa:FILE.xlsx[;la:CODE][;year:YYYY][;reference:DIR] (any of 903, cin, annexa).",
        DefaultValueFactory = defaultValue is null ? null! : _ => defaultValue,
    };

    /// <summary>Configuration layers: appsettings.json beside the program, then in the working folder, then CSW_* environment variables.</summary>
    public static IConfiguration Configuration() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
        .AddEnvironmentVariables("CSW_")
        .Build();


    private static Command RunCommand(TextWriter stdout, TextWriter stderr)
    {
        var source = SourceOption(DefaultSource);
        var warehouse = WarehouseCommands.WarehouseOption();
        var asAt = new Option<string?>("--as-at") { Description = "The as-at moment (default: the manifest's extracted_at). A date means the end of that day." };
        var outDir = new Option<string>("--out") { Description = "Where the report pack (and logs/) are written.", DefaultValueFactory = _ => "out" };
        var incremental = new Option<bool>("--incremental") { Description = "Rewrite only what changed since the council's last successful run." };
        var command = new Command("run", "Run the whole pipeline once: read and validate the extract, load the warehouse, compute the indicators.")
        {
            source, warehouse, asAt, outDir, incremental,
        };
        command.SetAction((parse, ct) =>
        {
            var request = Request(parse.GetValue(source)!, WarehouseCommands.Resolve(parse.GetValue(warehouse), Configuration()), parse.GetValue(asAt)) with
            {
                Incremental = parse.GetValue(incremental), PackFolder = parse.GetValue(outDir)!,
            };
            var logFolder = Path.Combine(parse.GetValue(outDir)!, "logs");
            // A folder of extracts (one subfolder per council) loads every council in one build, published together.
            var councils = ExtractSources.Councils(request.SourceFolder);
            BatchSummary batch;
            if (Interactive(stdout))
            {
                var log = Logger(stderr, logFolder, LogEventLevel.Warning);
                batch = Spectre.Console.AnsiConsole.Status().Start("Reading the extract", ctx =>
                    new RunPipeline(log).RunMany(request with { Progress = new InlineProgress<string>(stage => ctx.Status = $"{stage}...") }, councils, ct));
            }
            else
            {
                batch = new RunPipeline(Logger(stderr, logFolder)).RunMany(request, councils, ct);
            }
            foreach (var run in batch.Runs)
            {
                RunSummaryPrinter.Print(batch.Runs.Count == 1 ? run with { Timings = run.Timings.Concat(batch.Timings).ToList() } : run, stdout);
            }
            if (batch.Runs.Count > 1)
            {
                stdout.WriteLine($"{batch.Runs.Count} councils loaded and published together:");
                foreach (var (stage, elapsed) in batch.Timings) stdout.WriteLine($"{stage,-28}{elapsed.TotalSeconds,10:0.000} s");
                stdout.WriteLine();
            }
            batch.PackFailure?.Throw();
            if (batch.Packs.Count == 0) stdout.WriteLine("Pack: not written (the built-in renderer reads a DuckDB warehouse; on SQL Server use the RDL reports)");
            foreach (var (_, pack, elapsed) in batch.Packs)
            {
                stdout.WriteLine($"Pack: {pack.HtmlPath} (and pack.pdf, pack.xlsx, dq.csv, rdl/) in {elapsed.TotalSeconds:0.000} s");
            }
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command KpisCommand(TextWriter stdout, TextWriter stderr)
    {
        var source = SourceOption(null);
        var warehouse = new Option<string?>("--warehouse") { Description = "Print from the kpi_month table of an existing warehouse instead of an extract." };
        var asAt = new Option<string?>("--as-at") { Description = "The as-at moment (default: the manifest's extracted_at)." };
        var months = new Option<int>("--months") { Description = "How many months, ending with the as-at month.", DefaultValueFactory = _ => 24 };
        var format = new Option<string>("--format") { Description = "csv (the output contract) or table.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "table");
        var council = new Option<string?>("--council") { Description = "The council's la_code, when the warehouse holds several." };
        var explain = new Option<string?>("--explain") { Description = "Instead of the indicator rows, list the children behind one indicator's numerator and denominator (with --period)." };
        var period = new Option<string?>("--period") { Description = "The month to explain, YYYY-MM." };
        var identifiable = new Option<bool>("--identifiable") { Description = "With --explain: show child ids instead of pseudonyms (internal use only)." };
        var command = new Command("kpis",
            "Print the indicator rows of KPIS.md's output contract (CSV on stdout, logs on stderr). Implemented: "
            + string.Join(", ", IndicatorCalculator.ImplementedCodes) + ".")
        {
            source, warehouse, asAt, months, format, council, explain, period, identifiable,
        };
        command.SetAction((parse, ct) =>
        {
            var n = parse.GetValue(months);
            if (n < 1) throw new UsageException("--months must be 1 or more");
            var code = parse.GetValue(explain);
            var month = code is null ? default : ParseMonth(parse.GetValue(period));
            if (code is not null && !IndicatorCalculator.ImplementedCodes.Contains(code)) throw new UsageException($"--explain {code}: not an implemented indicator");
            WithWarehouse(parse, source, warehouse, asAt, council, n, stderr, ct, (path, la) =>
            {
                if (code is null)
                {
                    KpiOutput.Write(KpiStore.Read(path, la, n), parse.GetValue(format)!, stdout);
                }
                else
                {
                    KpiOutput.WriteDrill(DrillStore.Read(path, la, code, month.Year, month.Month, parse.GetValue(identifiable)), stdout);
                }
            });
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static (int Year, int Month) ParseMonth(string? text)
    {
        if (text is { Length: 7 } && int.TryParse(text[..4], out var y) && text[4] == '-' && int.TryParse(text[5..], out var m) && m is >= 1 and <= 12)
        {
            return (y, m);
        }
        throw new UsageException($"--period '{text}': give the month as YYYY-MM");
    }

    /// <summary>Runs <paramref name="use"/> on the given warehouse, or on a temporary one built from the given extract.</summary>
    private static void WithWarehouse(ParseResult parse, Option<string> source, Option<string?> warehouse, Option<string?> asAt, Option<string?> council,
        int months, TextWriter stderr, CancellationToken ct, Action<string, string?> use)
    {
        var warehouseFile = parse.GetValue(warehouse);
        var sourceFolder = parse.GetValue(source);
        if (warehouseFile is null && sourceFolder is null) warehouseFile = WarehouseCommands.Configured(Configuration());
        if ((warehouseFile is null) == (sourceFolder is null))
        {
            throw new UsageException("give exactly one of --source DIR or --warehouse FILE");
        }
        if (warehouseFile is not null)
        {
            if (parse.GetValue(asAt) is not null) throw new UsageException("--as-at goes with --source (a warehouse holds the as-at of its last run)");
            use(warehouseFile, parse.GetValue(council));
            return;
        }
        var temp = Path.Combine(Path.GetTempPath(), "etl-kpis-" + Guid.NewGuid().ToString("N"));
        try
        {
            var summary = new RunPipeline(Logger(stderr)).Run(Request(sourceFolder!, Path.Combine(temp, "warehouse.duckdb"), parse.GetValue(asAt)) with { Months = months }, ct);
            use(summary.WarehousePath, summary.Manifest.LaCode);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>A run request with the rulebook and privacy settings from configuration.</summary>
    private static RunRequest Request(string sourceFolder, string warehousePath, string? asAt)
    {
        var configuration = Configuration();
        return new RunRequest
        {
            SourceFolder = WarehouseCommands.ResolveSource(sourceFolder, configuration),
            WarehousePath = warehousePath,
            AsAt = ArgumentParsing.AsAt(asAt),
            Rules = RuleSettings.Load(RuleSettings.DefaultPath, configuration),
            PseudonymSalt = configuration["Privacy:PseudonymSalt"],
            DuckDbMemoryLimit = configuration["Warehouse:DuckDbMemoryLimit"],
        };
    }

    private static Command ReportCommand(TextWriter stdout)
    {
        var warehouse = new Option<string>("--warehouse") { Description = "The DuckDB warehouse file.", DefaultValueFactory = _ => DefaultWarehouse };
        var period = new Option<string?>("--period") { Description = "The month, YYYY-MM (default: the latest in the warehouse)." };
        var outDir = new Option<string>("--out") { Description = "Where the pack is written.", DefaultValueFactory = _ => "out/pack" };
        var council = new Option<string?>("--council") { Description = "The council's la_code, when the warehouse holds several." };
        var team = new Option<string?>("--team") { Description = "Narrow the drill-through and data-quality lists to one team." };
        var identifiable = new Option<bool>("--identifiable") { Description = "Include case-system child ids (internal packs only)." };
        var isPublic = new Option<bool>("--public") { Description = "The public version: no drill-through, numbers under 5 suppressed." };
        var command = new Command("report", "Write the report pack (pack.html, pack.pdf, pack.xlsx, dq.csv) and the RDL files from a warehouse.")
        {
            warehouse, period, outDir, council, team, identifiable, isPublic,
        };
        command.SetAction((parse, ct) =>
        {
            var month = parse.GetValue(period) is { } text ? ParseMonth(text) : ((int, int)?)null;
            var path = parse.GetValue(warehouse)!;
            if (!File.Exists(path)) throw new UsageException($"--warehouse {path}: no warehouse here (run `etl run` first)");
            var pack = ChildrensWarehouse.Reports.PackRenderer.Render(new ChildrensWarehouse.Reports.PackOptions
            {
                WarehousePath = path, OutputFolder = parse.GetValue(outDir)!, LaCode = parse.GetValue(council), Team = parse.GetValue(team),
                Period = month is { } m ? new DateOnly(m.Item1, m.Item2, 1) : null,
                Identifiable = parse.GetValue(identifiable), Public = parse.GetValue(isPublic),
            }, ct);
            stdout.WriteLine($"Pack for {pack.LaCode}, period ending {pack.PeriodEnd:yyyy-MM-dd}: {pack.ChartPages} chart pages, {pack.IndicatorPages} indicator pages, {pack.DataQualityItems} data-quality items");
            stdout.WriteLine($"  {pack.HtmlPath}");
            stdout.WriteLine($"  {pack.PdfPath} ({pack.PdfPages} pages)");
            stdout.WriteLine($"  {pack.ExcelPath}");
            stdout.WriteLine($"  {pack.DataQualityCsvPath}");
            stdout.WriteLine($"  {pack.RdlFolder} ({pack.RdlFiles.Count} files)");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command StatusCommand(TextWriter stdout)
    {
        var warehouse = new Option<string>("--warehouse") { Description = "The DuckDB warehouse file.", DefaultValueFactory = _ => DefaultWarehouse };
        var last = new Option<int>("--last") { Description = "How many runs to show.", DefaultValueFactory = _ => 10 };
        var command = new Command("status", "Print the last runs of the warehouse (audit.etl_run) as a table.") { warehouse, last };
        command.SetAction(parse =>
        {
            RunSummaryPrinter.PrintHistory(RunHistory.Last(parse.GetValue(warehouse)!, Math.Max(1, parse.GetValue(last))), stdout);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command WorkerCommand(TextWriter stderr)
    {
        var source = new Option<string?>("--source") { Description = "The extract folder (default: Worker:Source)." };
        var warehouse = new Option<string?>("--warehouse") { Description = "The warehouse (default: Worker:Warehouse)." };
        var outDir = new Option<string?>("--out") { Description = "Pack and logs folder (default: Worker:Out)." };
        var command = new Command("worker",
            "Run as a long-lived service: a full rebuild at the nightly cron time and live incremental runs during the day (configuration section Worker). Stops gracefully on SIGTERM or Ctrl+C.")
        {
            source, warehouse, outDir,
        };
        command.SetAction(async (parse, ct) =>
        {
            var configuration = Configuration();
            var options = new WorkerOptions();
            configuration.GetSection("Worker").Bind(options, o => o.ErrorOnUnknownConfiguration = true);
            options.Source = parse.GetValue(source) ?? options.Source;
            options.Warehouse = parse.GetValue(warehouse) ?? options.Warehouse;
            options.Out = parse.GetValue(outDir) ?? options.Out;
            var schedule = new RunSchedule(options.Validate());
            var log = Logger(stderr, Path.Combine(options.Out, "logs"));
            var executor = new PipelineRunExecutor(mode => Request(options.Source, options.Warehouse, null) with { Incremental = mode == RunMode.Incremental }, log, options.Out);
            var builder = Host.CreateApplicationBuilder();
            builder.Services.AddSystemd();
            builder.Services.AddWindowsService(o => o.ServiceName = "ChildrensWarehouse");
            builder.Services.AddHostedService(_ => new EtlWorker(schedule, executor, TimeProvider.System, log));
            builder.Logging.ClearProviders();
            using var host = builder.Build();
            await host.RunAsync(ct);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command SeedsCommand(TextWriter stdout, TextWriter stderr)
    {
        var council = new Option<string>("--council") { Description = "The (first) council: peterborough is the calibrated one.", DefaultValueFactory = _ => "peterborough" };
        var from = new Option<string>("--from") { Description = "Start of the simulated flow of contacts, YYYY-MM-DD.", DefaultValueFactory = _ => "2013-04-01" };
        var asAt = new Option<string>("--as-at") { Description = "The extraction moment (manifest extracted_at), YYYY-MM-DDTHH:MM[:SS].", DefaultValueFactory = _ => "2016-02-01T06:00" };
        var seed = new Option<int>("--seed") { Description = "The random seed: the same arguments give the same bytes.", DefaultValueFactory = _ => 874 };
        var outDir = new Option<string>("--out") { Description = "Where to write the extract (one folder per council when --councils > 1).", Required = true };
        var councils = new Option<int>("--councils") { Description = "How many councils (152 = England).", DefaultValueFactory = _ => 1 };
        var scale = new Option<double>("--scale") { Description = "Multiplies every council's child population.", DefaultValueFactory = _ => 1.0 };
        var defects = new Option<double>("--defects") { Description = "Share of rows given a tagged data-quality defect (listed in defects.csv).", DefaultValueFactory = _ => 0.0 };
        var generate = new Command("generate", "Write a synthetic, calibrated case-system extract (the stub case system; see seeds/README.md).")
        {
            council, from, asAt, seed, outDir, councils, scale, defects,
        };
        generate.SetAction((parse, ct) =>
        {
            if (!ChildrensWarehouse.Contract.ValueParser.TryParseDate(parse.GetValue(from)!, out var fromDate)) throw new UsageException($"--from '{parse.GetValue(from)}' is not a date YYYY-MM-DD");
            var asAtValue = ArgumentParsing.AsAt(parse.GetValue(asAt)) ?? throw new UsageException("--as-at is required");
            if (parse.GetValue(councils) < 1) throw new UsageException("--councils must be 1 or more");
            if (parse.GetValue(scale) is <= 0 or > 100) throw new UsageException("--scale must be above 0 and at most 100");
            if (parse.GetValue(defects) is < 0 or > 0.5) throw new UsageException("--defects must be between 0 and 0.5");
            var options = new ChildrensWarehouse.Seeds.GeneratorOptions
            {
                Council = parse.GetValue(council)!, From = fromDate, AsAt = asAtValue, Seed = parse.GetValue(seed),
                Councils = parse.GetValue(councils), Scale = parse.GetValue(scale), DefectRate = parse.GetValue(defects),
            };
            var output = parse.GetValue(outDir)!;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            ChildrensWarehouse.Seeds.GenerationResult result;
            if (Interactive(stdout))
            {
                result = Spectre.Console.AnsiConsole.Progress().Start(ctx =>
                {
                    var task = ctx.AddTask("Generating", maxValue: options.Councils);
                    return ChildrensWarehouse.Seeds.SeedGenerator.Generate(options, output, new InlineProgress<ChildrensWarehouse.Seeds.GenerationProgress>(p =>
                    {
                        task.Description = $"{p.RowsWritten:N0} rows";
                        task.Value = Math.Max(task.Value, p.CouncilIndex);
                    }), ct);
                });
            }
            else
            {
                var last = 0L;
                result = ChildrensWarehouse.Seeds.SeedGenerator.Generate(options, output, new InlineProgress<ChildrensWarehouse.Seeds.GenerationProgress>(p =>
                {
                    if (p.RowsWritten - last < 1_000_000) return;
                    last = p.RowsWritten;
                    stderr.WriteLine($"{p.RowsWritten:N0} rows written ({p.Council}, council {p.CouncilIndex + 1} of {p.CouncilCount})");
                }), ct);
            }
            var seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            stdout.WriteLine($"Wrote {result.RowsWritten:N0} rows in {result.ExtractFolders.Count} extract folder(s) under {Path.GetFullPath(output)} in {seconds:0.0} s ({result.RowsWritten / seconds:N0} rows/s)");
            return Task.FromResult(ExitCodes.Success);
        });
        return new Command("seeds", "The stub case system.") { generate };
    }

    private static Command SchemaCommand(TextWriter stdout)
    {
        var folder = new Option<string>("--folder") { Description = "The DuckDB schema folder to write into.", DefaultValueFactory = _ => "warehouse-schema/duckdb" };
        var sqlServerFolder = WarehouseCommands.SqlServerFolderOption();
        var write = new Command("write-staging", "Write the staging-table DDL files (DuckDB and SQL Server) from the extract contract (developers).") { folder, sqlServerFolder };
        write.SetAction(parse =>
        {
            foreach (var (name, sql) in StagingSchema.DuckDbFiles())
            {
                File.WriteAllText(Path.Combine(parse.GetValue(folder)!, name), sql);
                stdout.WriteLine(name);
            }
            WarehouseCommands.WriteSqlServerStaging(parse.GetValue(sqlServerFolder)!, stdout);
            return ExitCodes.Success;
        });
        return new Command("schema", "Schema maintenance for developers.") { write, WarehouseCommands.WriteDescriptionsCommand(stdout), WarehouseCommands.WriteDictionaryCommand(stdout) };
    }
}
