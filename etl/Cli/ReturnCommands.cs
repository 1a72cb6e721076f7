using System.CommandLine;
using ChildrensWarehouse.Returns;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Warehouse;

namespace ChildrensWarehouse.Cli;

/// <summary>
/// The statutory returns and the inspection lists from the warehouse: `export 903|cin` (the council's returns for a year),
/// `reconcile` (the warehouse against a return it sent: exit 4 when they differ) and `annex-a` (Ofsted's Annex A lists).
/// </summary>
public static class ReturnCommands
{
    private static Option<string?> Council() => new("--council") { Description = "The council's la_code, when the warehouse holds several." };

    private static Option<int?> Year() => new("--year")
    {
        Description = "The collection year, named by the 31 March it ends on (2016 = 1 April 2015 to 31 March 2016, the 2015-16 return). Default: the last year complete at the warehouse's as-at.",
    };

    private static StagedExtract.Staged Staged(ParseResult parse, Option<string?> warehouse, Option<string?> council) =>
        StagedExtract.Read(WarehouseCommands.Resolve(parse.GetValue(warehouse), EtlCli.Configuration()), parse.GetValue(council));

    private static RuleSettings Rules() => RuleSettings.Load(RuleSettings.DefaultPath, EtlCli.Configuration());

    private static int YearOf(StagedExtract.Staged staged, int? year, TextWriter stderr)
    {
        var y = year ?? ReturnExport.LastCompleteYear(staged.AsAt);
        if (y is < 1990 or > 2099) throw new UsageException($"--year {y}: give the year a collection ends in, e.g. 2016");
        if (ReturnDates.YearEndMoment(y) > staged.AsAt)
        {
            stderr.WriteLine($"warning: the warehouse is as at {staged.AsAt:yyyy-MM-dd HH:mm:ss}: the year ending 31 March {y} is not complete");
        }
        return y;
    }

    public static Command ExportCommand(TextWriter stdout, TextWriter stderr)
    {
        Command Kind(string name, string description, bool folder)
        {
            var warehouse = WarehouseCommands.WarehouseOption();
            var council = Council();
            var year = Year();
            var output = new Option<string>("--out") { Description = folder ? "The folder for the CSV tables." : "The XML file to write.", Required = true };
            var command = new Command(name, description) { warehouse, council, year, output };
            command.SetAction(parse =>
            {
                var staged = Staged(parse, warehouse, council);
                var y = YearOf(staged, parse.GetValue(year), stderr);
                var export = new ReturnExport(staged.Extract, y, Rules());
                var path = parse.GetValue(output)!;
                if (folder)
                {
                    var ret = export.Ssda903();
                    var files = Ssda903Writer.Write(ret, path);
                    stdout.WriteLine($"SSDA903 {y - 1}-{y % 100:00} for {staged.Extract.Manifest.LaCode}: {ret.Rows(Ssda903Tables.Header).Count:N0} children, " +
                        $"{ret.Rows(Ssda903Tables.Episodes).Count:N0} episodes in {files.Count} tables in {Path.GetFullPath(path)}");
                }
                else
                {
                    var census = export.CinCensus();
                    CinCensusWriter.Write(census, path);
                    stdout.WriteLine($"CIN census {y - 1}-{y % 100:00} for {staged.Extract.Manifest.LaCode}: {census.Children.Count:N0} children, " +
                        $"{census.Children.Sum(c => c.Details.Count):N0} CIN episodes in {Path.GetFullPath(path)}");
                }
                return ExitCodes.Success;
            });
            return command;
        }
        return new Command("export", "Write the council's statutory returns for a year from the warehouse, in the published formats.")
        {
            Kind("903", "The SSDA903 (children looked after) return as CSV tables: header, episodes, reviews, uasc, oc2, oc3, ad1, placed_for_adoption.", folder: true),
            Kind("cin", "The Children in Need census as XML.", folder: false),
        };
    }

    public static Command ReconcileCommand(TextWriter stdout, TextWriter stderr)
    {
        var warehouse = WarehouseCommands.WarehouseOption();
        var council = Council();
        var ret = new Option<string>("--return")
        {
            Description = "The return the council sent: 903:DIR (SSDA903 tables, one or more years) and/or cin:FILE.xml (or a folder of census files), joined by ';'.",
            Required = true,
        };
        var command = new Command("reconcile",
            "Compare the warehouse with a return the council sent (children looked after at 31 March, starts, ceases, placements, OC2 health, referrals, re-referrals, " +
            "assessments, s47, CP plans), listing every difference with its child. Exit 0 when there is none, 4 when there are.")
        {
            warehouse, council, ret,
        };
        command.SetAction(parse =>
        {
            var spec = ReturnSourceSpec.Parse(parse.GetValue(ret)!);
            if (spec.AnnexA.Count > 0 || (spec.Ssda903.Count == 0 && spec.Cin.Count == 0))
            {
                throw new UsageException("--return: give the returns the council sent, 903:DIR and/or cin:FILE.xml (Annex A is not a return to reconcile)");
            }
            var staged = Staged(parse, warehouse, council);
            var rules = Rules();
            var warnings = new List<string>();
            var reports = new List<ReconciliationReport>();
            foreach (var path in spec.Ssda903)
            {
                foreach (var year in Ssda903Reader.Read(path, spec.Year, warnings))
                {
                    YearOf(staged, year.Year, stderr);
                    reports.Add(Reconciliation.Compare(new ReturnExport(staged.Extract, year.Year, rules).Ssda903(), year, $"903:{Path.GetFullPath(path)}"));
                }
            }
            foreach (var path in spec.Cin)
            {
                foreach (var census in CinCensusReader.Read(path, spec.Year, warnings))
                {
                    YearOf(staged, census.Year, stderr);
                    if (census.LaCode is { } lea && lea != staged.Extract.Manifest.LaCode)
                    {
                        warnings.Add($"{census.File}: the census is from council {lea}, the warehouse's is {staged.Extract.Manifest.LaCode}");
                    }
                    reports.Add(Reconciliation.Compare(new ReturnExport(staged.Extract, census.Year, rules).CinCensus(), census, $"cin:{census.File}"));
                }
            }
            foreach (var w in warnings) stderr.WriteLine($"warning: {w}");
            stdout.WriteLine($"Warehouse {staged.Warehouse}, council {staged.Extract.Manifest.LaCode}, as at {staged.AsAt:yyyy-MM-dd HH:mm:ss}");
            foreach (var report in reports) Reconciliation.Write(report, stdout);
            var total = reports.Sum(r => r.DifferenceCount);
            stdout.WriteLine(total == 0 ? "No differences." : $"{total:N0} difference(s) in all.");
            return total == 0 ? ExitCodes.Success : ExitCodes.Differences;
        });
        return command;
    }

    public static Command AnnexACommand(TextWriter stdout, TextWriter stderr)
    {
        var warehouse = WarehouseCommands.WarehouseOption();
        var council = Council();
        var asAt = new Option<string>("--as-at") { Description = "The inspection's date: the lists look back from the end of this day (YYYY-MM-DD).", Required = true };
        var output = new Option<string>("--out") { Description = "The workbook to write (.xlsx).", Required = true };
        var command = new Command("annex-a",
            "Write Ofsted's Annex A child-level lists 1-11 for an inspection's look-back from a date, one sheet per list in the headings and column order of Ofsted's template.")
        {
            warehouse, council, asAt, output,
        };
        command.SetAction(parse =>
        {
            var moment = ArgumentParsing.AsAt(parse.GetValue(asAt)) ?? throw new UsageException("--as-at is required");
            var staged = Staged(parse, warehouse, council);
            if (moment > staged.AsAt)
            {
                stderr.WriteLine($"warning: the warehouse is as at {staged.AsAt:yyyy-MM-dd HH:mm:ss}: nothing after it is known");
            }
            var lists = new AnnexA(staged.Extract, moment, Rules()).Lists();
            var path = parse.GetValue(output)!;
            AnnexAWorkbook.Write(lists, path);
            stdout.WriteLine($"Annex A for {staged.Extract.Manifest.LaCode} as at {moment:yyyy-MM-dd}: {Path.GetFullPath(path)}");
            foreach (var list in lists) stdout.WriteLine($"  List {list.Number} ({list.Title}): {list.Rows.Count:N0} rows");
            return ExitCodes.Success;
        });
        return command;
    }
}
