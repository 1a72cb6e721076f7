using System.Globalization;
using System.Text;
using ChildrensWarehouse.Reports.Data;
using ChildrensWarehouse.Reports.Definitions;
using ChildrensWarehouse.Reports.Rdl;
using ChildrensWarehouse.Reports.Rendering;

namespace ChildrensWarehouse.Reports;

/// <summary>What pack to make, from which warehouse, into which folder.</summary>
public sealed record PackOptions
{
    /// <summary>The published DuckDB warehouse file (opened read-only).</summary>
    public required string WarehousePath { get; init; }

    /// <summary>Where pack.html, pack.pdf, pack.xlsx, dq.csv and rdl/ are written (created if missing).</summary>
    public required string OutputFolder { get; init; }

    /// <summary>The council; optional when the warehouse holds one council only.</summary>
    public string? LaCode { get; init; }

    /// <summary>Any day of the month to report (its period end is read from mart.kpi_month); null = the latest
    /// period end in mart.kpi_month.</summary>
    public DateOnly? Period { get; init; }

    /// <summary>Restricts the drill-through and data-quality lists to one team; null = all teams.</summary>
    public string? Team { get; init; }

    /// <summary>Lists children by case-system id (mart_identifiable) as well as by pseudonym. Off by default.</summary>
    public bool Identifiable { get; init; }

    /// <summary>The public version for committee papers: no drill-through or item lists, small numbers suppressed.</summary>
    public bool Public { get; init; }

    /// <summary>The report definitions folder; null = reports/definitions beside the program.</summary>
    public string? DefinitionsFolder { get; init; }

    /// <summary>The time printed as "produced"; null = now.</summary>
    public DateTime? GeneratedAt { get; init; }
}

/// <summary>What was written.</summary>
public sealed record PackResult(
    string LaCode,
    DateOnly PeriodEnd,
    string HtmlPath,
    string PdfPath,
    string ExcelPath,
    string DataQualityCsvPath,
    string RdlFolder,
    IReadOnlyList<string> RdlFiles,
    int ChartPages,
    int IndicatorPages,
    int PdfPages,
    int DataQualityItems);

/// <summary>A pack's contents as read from the warehouse, before any file is written.</summary>
public sealed record PreparedPack(PackData Data, string LaCode, DateOnly PeriodEnd, string? DefinitionsFolder);

/// <summary>
/// Makes the report pack from a warehouse: runs the report definitions' datasets over the mart views, writes
/// pack.html, pack.pdf, pack.xlsx and dq.csv, and the RDL files (with the shared data source) in rdl/.
/// </summary>
public static class PackRenderer
{
    public static PackResult Render(PackOptions options, CancellationToken cancellationToken = default)
    {
        CheckOptions(options);
        PreparedPack pack;
        using (var warehouse = WarehouseReader.Open(options.WarehousePath))
        {
            pack = Read(warehouse, options, cancellationToken);
        }
        return Write(pack, options.OutputFolder, cancellationToken);
    }

    /// <summary>Reads everything the pack shows (the report definitions' datasets over the mart views); no file is written.</summary>
    public static PreparedPack Read(WarehouseReader warehouse, PackOptions options, CancellationToken cancellationToken = default)
    {
        CheckOptions(options);
        var definitions = ReportDefinitions.Load(options.DefinitionsFolder);
        var laCode = Council(warehouse, options.LaCode);
        var periodEnd = PeriodEnd(warehouse, laCode, options.Period);
        var parameters = new ParameterValues(laCode, ParameterValues.StartOf(periodEnd, 24), periodEnd, string.IsNullOrWhiteSpace(options.Team) ? null : options.Team);
        var data = PackData.Read(warehouse, definitions, parameters, options.Public, options.Identifiable, options.GeneratedAt ?? DateTime.Now, cancellationToken);
        return new PreparedPack(data, laCode, periodEnd, options.DefinitionsFolder);
    }

    /// <summary>Writes a pack read by <see cref="Read"/>: pack.html, pack.pdf, pack.xlsx, dq.csv and rdl/ in <paramref name="outputFolder"/>.</summary>
    public static PackResult Write(PreparedPack pack, string outputFolder, CancellationToken cancellationToken = default)
    {
        var data = pack.Data;
        var folder = Path.GetFullPath(outputFolder);
        var rdlFolder = Path.Combine(folder, "rdl");
        Directory.CreateDirectory(folder);
        var html = Path.Combine(folder, "pack.html");
        var pdf = Path.Combine(folder, "pack.pdf");
        var xlsx = Path.Combine(folder, "pack.xlsx");
        var csv = Path.Combine(folder, "dq.csv");
        var utf8 = new UTF8Encoding(false);

        cancellationToken.ThrowIfCancellationRequested();
        // The writers are independent (the RDL files need no data): the workbook, the RDL and the HTML run beside the
        // PDF, the slowest.
        var excelTask = Task.Run(() => ExcelPackWriter.Write(data, xlsx), cancellationToken);
        var rdlTask = Task.Run(() => RdlWriter.WriteAll(rdlFolder, pack.DefinitionsFolder), cancellationToken);
        var htmlTask = Task.Run(() =>
        {
            File.WriteAllText(html, HtmlPackWriter.Render(data), utf8);
            File.WriteAllText(csv, DataQualityCsv.Render(data), utf8);
        }, cancellationToken);
        int pdfPages;
        try
        {
            pdfPages = PdfPackWriter.Write(data, pdf);
        }
        finally
        {
            // Never leave a writer running behind a failure; its own failure is reported below.
            try
            {
                Task.WaitAll(excelTask, rdlTask, htmlTask);
            }
            catch (AggregateException)
            {
            }
        }
        htmlTask.GetAwaiter().GetResult();
        excelTask.GetAwaiter().GetResult();
        var rdl = rdlTask.GetAwaiter().GetResult();

        return new PackResult(pack.LaCode, pack.PeriodEnd, html, pdf, xlsx, csv, rdlFolder, rdl, data.Charts.Count, data.Extras.Count, pdfPages, data.DataQuality.Count);
    }

    private static void CheckOptions(PackOptions options)
    {
        if (options.Public && options.Identifiable)
        {
            throw new ReportPackException("--public and --identifiable contradict each other: a public pack never identifies children");
        }
    }

    private static string Council(WarehouseReader warehouse, string? laCode)
    {
        var councils = warehouse.Councils();
        if (councils.Count == 0) throw new ReportPackException($"{warehouse.Path}: the warehouse holds no indicators (run `etl run` first)");
        if (laCode is null)
        {
            if (councils.Count > 1) throw new ReportPackException($"{warehouse.Path} holds {councils.Count} councils ({string.Join(", ", councils)}): give the council");
            return councils[0];
        }
        return councils.Contains(laCode) ? laCode : throw new ReportPackException($"council {laCode}: not in {warehouse.Path} (it holds {string.Join(", ", councils)})");
    }

    private static DateOnly PeriodEnd(WarehouseReader warehouse, string laCode, DateOnly? period)
    {
        var periods = warehouse.Periods(laCode);
        if (period is null) return periods[0];
        var match = periods.Where(p => p.Year == period.Value.Year && p.Month == period.Value.Month).ToList();
        return match.Count > 0
            ? match.Max()
            : throw new ReportPackException($"period {period.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture)}: no indicators for that month in {warehouse.Path} " +
                $"(it has {periods[^1].ToString("yyyy-MM", CultureInfo.InvariantCulture)} to {periods[0].ToString("yyyy-MM", CultureInfo.InvariantCulture)})");
    }
}
