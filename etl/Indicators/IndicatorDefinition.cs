using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChildrensWarehouse.Indicators;

public enum IndicatorUnit { Percent, Rate, Count, Average }

/// <summary>One indicator of the catalogue, as the data dictionary (warehouse-schema/dictionary/indicators.csv) defines it.</summary>
public sealed record IndicatorDefinition(string Code, string? Chart, string Title, string Window, IndicatorUnit Unit, string Polarity, string Definition);

/// <summary>The indicator dictionary: the one file that says each indicator's title, window, unit and polarity.</summary>
public static class IndicatorDictionary
{
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "warehouse-schema", "dictionary", "indicators.csv");

    private static readonly Lazy<IReadOnlyDictionary<string, IndicatorDefinition>> Default = new(() => Load(DefaultPath));

    public static IReadOnlyDictionary<string, IndicatorDefinition> All => Default.Value;

    public static IReadOnlyDictionary<string, IndicatorDefinition> Load(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        var result = new Dictionary<string, IndicatorDefinition>(StringComparer.Ordinal);
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            var code = csv.GetField("code")!;
            var unit = csv.GetField("unit") switch
            {
                "percent" => IndicatorUnit.Percent,
                "rate" => IndicatorUnit.Rate,
                "count" => IndicatorUnit.Count,
                "average" => IndicatorUnit.Average,
                var other => throw new InvalidDataException($"{path}: indicator {code} has unknown unit '{other}'"),
            };
            var chart = csv.GetField("chart");
            result.Add(code, new IndicatorDefinition(code, string.IsNullOrEmpty(chart) ? null : chart, csv.GetField("title")!,
                csv.GetField("window")!, unit, csv.GetField("polarity")!, csv.GetField("definition")!));
        }
        return result;
    }
}
