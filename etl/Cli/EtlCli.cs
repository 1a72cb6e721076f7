using System.CommandLine;
using ChildrensWarehouse.Indicators;
using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Warehouse;
using Microsoft.Extensions.Configuration;
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
        root.Subcommands.Add(SchemaCommand(stdout));
        root.Subcommands.Add(WarehouseCommands.MigrateCommand(stdout, stderr));
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

    internal static ILogger Logger(TextWriter _) => new LoggerConfiguration()
        .MinimumLevel.Information()
        .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture,
            outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}")
        .CreateLogger();

    private static Option<string> SourceOption(string? defaultValue) => new("--source")
    {
        Description = "The case-system extract folder (manifest.json, table CSVs, reference/), or sql:CONNECTION-STRING for its SQL views (sql: alone: Source:ConnectionString from configuration).",
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
        var outDir = new Option<string>("--out") { Description = "Where the report pack is written.", DefaultValueFactory = _ => "out" };
        var command = new Command("run", "Run the whole pipeline once: read and validate the extract, load the warehouse, compute the indicators.")
        {
            source, warehouse, asAt, outDir,
        };
        command.SetAction((parse, ct) =>
        {
            var request = Request(parse.GetValue(source)!, WarehouseCommands.Resolve(parse.GetValue(warehouse), Configuration()), parse.GetValue(asAt));
            var summary = new RunPipeline(Logger(stderr)).Run(request, ct);
            RunSummaryPrinter.Print(summary, stdout);
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
        };
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
