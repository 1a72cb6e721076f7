using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChildrensWarehouse.Seeds;

/// <summary>manifest.json and the reference/ folder of an extract.</summary>
internal static class ReferenceData
{
    private const string ReportSource = "Peterborough scrutiny report 2015-16";
    private const string LocalTarget = "Local target (illustrative)";
    private const string Illustrative = "Statistical neighbour average (illustrative, not a published figure)";

    /// <summary>(indicator, valid_from, valid_to, target, amber_tolerance, target_upper, source).</summary>
    private static readonly (string Code, string From, string? To, double Target, double Amber, double? Upper, string Source)[] Targets =
    [
        ("K01", "2013-04-01", null, 40, 5, null, LocalTarget),
        ("K01T", "2013-04-01", null, 95, 5, null, LocalTarget),
        ("K02", "2013-04-01", null, 550, 50, null, LocalTarget),
        ("K03", "2013-04-01", null, 90, 5, null, LocalTarget),
        ("K04", "2013-04-01", null, 150, 25, null, LocalTarget),
        ("K05", "2013-04-01", "2015-03-31", 80, 5, null, LocalTarget),
        ("K05", "2015-04-01", null, 85, 5, null, LocalTarget),
        ("K05M", "2013-04-01", "2015-03-31", 80, 5, null, LocalTarget),
        ("K05M", "2015-04-01", null, 85, 5, null, LocalTarget),
        ("K05W", "2013-04-01", null, 90, 5, null, LocalTarget),
        ("K06", "2013-04-01", null, 23, 3, null, LocalTarget),
        ("K07", "2013-04-01", null, 35, 5, 45, LocalTarget),
        ("K08", "2013-04-01", "2014-03-31", 95, 3, null, LocalTarget),
        ("K08", "2014-04-01", "2015-03-31", 98, 2, null, ReportSource),
        ("K08", "2015-04-01", null, 100, 2, null, ReportSource),
        ("K09", "2013-04-01", null, 95, 5, null, LocalTarget),
        // The report's range is 325-360 children looked after; K10 is a rate per 10,000, so the
        // band is stored as that range over the mid-2015 population of 43,400 (74.9-82.9).
        ("K10", "2013-04-01", null, 74.9, 3, 82.9, ReportSource + ": 325-360 children at 43,400 children aged 0-17"),
        ("K11", "2013-04-01", null, 10, 2, null, LocalTarget),
        ("K12", "2013-04-01", null, 95, 5, null, LocalTarget),
        ("K13", "2013-04-01", null, 95, 5, null, LocalTarget),
        ("K14", "2013-04-01", "2015-03-31", 60, 10, null, LocalTarget),
        ("K14", "2015-04-01", null, 80, 10, null, LocalTarget),
        ("K14M", "2013-04-01", "2015-03-31", 60, 10, null, LocalTarget),
        ("K14M", "2015-04-01", null, 80, 10, null, LocalTarget),
        ("K15", "2013-04-01", null, 90, 5, null, LocalTarget),
        ("K16", "2013-04-01", null, 85, 5, null, LocalTarget),
        ("K17", "2013-04-01", null, 95, 5, null, LocalTarget),
        ("K19", "2013-04-01", null, 18, 3, null, LocalTarget),
        ("K20", "2013-04-01", null, 40, 5, null, LocalTarget),
        ("K21", "2013-04-01", null, 140, 20, null, LocalTarget),
        ("K22", "2013-04-01", null, 90, 5, null, LocalTarget),
        ("K23", "2013-04-01", null, 5, 2, null, LocalTarget),
        ("K24", "2013-04-01", null, 80, 10, null, LocalTarget),
        ("K25", "2014-04-22", null, 70, 10, null, LocalTarget),
        ("K25D", "2014-04-22", null, 26, 4, null, LocalTarget),
        ("K26", "2013-04-01", null, 70, 5, null, LocalTarget),
        ("K27", "2013-04-01", null, 110, 10, null, LocalTarget),
        ("K28", "2013-04-01", null, 20, 2, null, LocalTarget),
        ("K28X", "2013-04-01", null, 20, 10, null, LocalTarget),
        ("K29", "2013-04-01", null, 1400, 150, 1900, LocalTarget),
        ("K30", "2013-04-01", null, 85, 5, null, LocalTarget),
        ("K31", "2013-04-01", null, 55, 5, null, LocalTarget),
        ("K33", "2013-04-01", null, 35, 5, null, LocalTarget),
    ];

    /// <summary>(indicator, period_end, value, source).</summary>
    private static readonly (string Code, string PeriodEnd, double Value, string Source)[] StatNeighbours =
    [
        ("K02", "2013-03-31", 545, Illustrative), ("K02", "2014-03-31", 560, Illustrative), ("K02", "2015-03-31", 575, Illustrative),
        ("K05", "2013-03-31", 76, Illustrative), ("K05", "2014-03-31", 80, Illustrative), ("K05", "2015-03-31", 82, Illustrative),
        ("K06", "2013-03-31", 24.5, Illustrative), ("K06", "2014-03-31", 24.0, Illustrative), ("K06", "2015-03-31", 23.5, Illustrative),
        ("K07", "2013-03-31", 40.5, Illustrative), ("K07", "2014-03-31", 42.0, Illustrative), ("K07", "2015-03-31", 44.5, Illustrative),
        ("K08", "2013-03-31", 94, Illustrative), ("K08", "2014-03-31", 94.5, Illustrative), ("K08", "2015-03-31", 95, Illustrative),
        ("K10", "2013-03-31", 76, Illustrative), ("K10", "2014-03-31", 77, Illustrative), ("K10", "2015-03-31", 79, ReportSource),
        ("K11", "2013-03-31", 11, Illustrative), ("K11", "2014-03-31", 11, Illustrative), ("K11", "2015-03-31", 10, Illustrative),
        ("K15", "2013-03-31", 87, Illustrative), ("K15", "2014-03-31", 88, Illustrative), ("K15", "2015-03-31", 89, Illustrative),
        ("K16", "2013-03-31", 82, Illustrative), ("K16", "2014-03-31", 84, Illustrative), ("K16", "2015-03-31", 85, Illustrative),
        ("K18", "2013-03-31", 28, Illustrative), ("K18", "2014-03-31", 30, Illustrative), ("K18", "2015-03-31", 24, Illustrative),
        ("K19", "2013-03-31", 15, Illustrative), ("K19", "2014-03-31", 16, Illustrative), ("K19", "2015-03-31", 17, Illustrative),
        ("K21", "2013-03-31", 125, Illustrative), ("K21", "2014-03-31", 135, Illustrative), ("K21", "2015-03-31", 140, Illustrative),
        ("K23", "2013-03-31", 4.5, Illustrative), ("K23", "2014-03-31", 4.0, Illustrative), ("K23", "2015-03-31", 3.5, Illustrative),
        ("K25D", "2015-03-31", 30, Illustrative),
        ("K26", "2013-03-31", 66, Illustrative), ("K26", "2014-03-31", 67, Illustrative), ("K26", "2015-03-31", 68, Illustrative),
    ];

    public static long WriteAll(SimulationContext ctx, string folder, IDictionary<string, long> rows)
    {
        var council = ctx.Council;
        var manifest = "{\"local_authority\": " + JsonSerializer.Serialize(council.Name)
            + ", \"la_code\": " + JsonSerializer.Serialize(council.LaCode)
            + ", \"extracted_at\": \"" + Format.Timestamp(ctx.AsAt) + "\", \"contract_version\": 1}\n";
        File.WriteAllText(Path.Combine(folder, "manifest.json"), manifest, new UTF8Encoding(false));

        var reference = Path.Combine(folder, "reference");
        Directory.CreateDirectory(reference);
        long total = 0;

        using (var population = new CsvFile(Path.Combine(reference, "population.csv"), ["la_code", "mid_year", "age_0_17"]))
        {
            var first = Math.Min(ctx.From.Year - 1, council.KnownPopulation.Keys.Min());
            var last = Math.Max(ctx.AsAt.Year, council.KnownPopulation.Keys.Max());
            if (!council.Calibrated)
            {
                first = ctx.From.Year - 1;
                last = ctx.AsAt.Year;
            }
            for (var year = first; year <= last; year++)
            {
                population.Write([council.LaCode, Format.Integer(year), Format.Integer(council.PopulationAt(year))]);
            }
            rows["reference/population"] = population.Records;
            total += population.Records;
        }

        using (var targets = new CsvFile(Path.Combine(reference, "targets.csv"),
                   ["indicator_code", "valid_from", "valid_to", "target", "amber_tolerance", "target_upper", "source"]))
        {
            foreach (var t in Targets)
            {
                targets.Write([t.Code, t.From, t.To, Number(t.Target), Number(t.Amber), t.Upper is { } u ? Number(u) : null, t.Source]);
            }
            rows["reference/targets"] = targets.Records;
            total += targets.Records;
        }

        using (var neighbours = new CsvFile(Path.Combine(reference, "stat_neighbours.csv"), ["indicator_code", "period_end", "value", "source"]))
        {
            foreach (var s in StatNeighbours)
            {
                neighbours.Write([s.Code, s.PeriodEnd, Number(s.Value), s.Source]);
            }
            rows["reference/stat_neighbours"] = neighbours.Records;
            total += neighbours.Records;
        }

        using (var holidays = new CsvFile(Path.Combine(reference, "bank_holidays.csv"), ["date", "name"]))
        {
            foreach (var (date, name) in BankHolidays.EnglandAndWales)
            {
                holidays.Write([Format.Date(date), name]);
            }
            rows["reference/bank_holidays"] = holidays.Records;
            total += holidays.Records;
        }
        return total;
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
