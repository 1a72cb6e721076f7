using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChildrensWarehouse.Reports.Definitions;

/// <summary>How one indicator is drawn on a chart.</summary>
public sealed record SeriesDefinition(string Indicator, string Label, string Style)
{
    public bool IsColumn => Style == "column";
}

/// <summary>One Appendix-1 chart (reports/definitions/chart-NN.json): its indicators, target and statistical-neighbour
/// lines, trend length and the indicator whose children are listed for the latest month.</summary>
public sealed record ChartDefinition(
    string Name,
    int Chart,
    string Title,
    IReadOnlyList<SeriesDefinition> Series,
    string? TargetLine,
    string? StatNeighbourLine,
    int Months,
    string? DrillThrough)
{
    public IReadOnlyList<string> Indicators => Series.Select(s => s.Indicator).ToList();
    public string Heading => $"Chart {Chart}: {Title}";
}

/// <summary>The pack (reports/definitions/pack.json): the charts in order and which other sections it has.</summary>
public sealed record PackDefinition(
    string Name,
    string Title,
    string Subtitle,
    IReadOnlyList<string> Charts,
    bool Headline,
    bool ExtraIndicators,
    bool DataQuality);

/// <summary>The report definitions of one folder: the pack and every chart it names.</summary>
public sealed record ReportDefinitions(PackDefinition Pack, IReadOnlyList<ChartDefinition> Charts)
{
    /// <summary>reports/definitions beside the program (copied there by the build).</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "reports", "definitions");

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = true,
    };

    public static ReportDefinitions Load(string? folder = null)
    {
        folder ??= DefaultFolder;
        if (!Directory.Exists(folder)) throw new ReportPackException($"{folder}: the report definitions folder is missing");
        var pack = Read<PackDefinition>(Path.Combine(folder, "pack.json"));
        var charts = pack.Charts.Select(name => Read<ChartDefinition>(Path.Combine(folder, name + ".json"))).ToList();
        var definitions = new ReportDefinitions(pack, charts);
        definitions.Validate(folder);
        return definitions;
    }

    private static T Read<T>(string path)
    {
        if (!File.Exists(path)) throw new ReportPackException($"{path}: report definition missing");
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json) ?? throw new ReportPackException($"{path}: empty report definition");
        }
        catch (JsonException e)
        {
            throw new ReportPackException($"{path}: not a valid report definition ({e.Message})");
        }
    }

    private void Validate(string folder)
    {
        foreach (var chart in Charts)
        {
            var where = Path.Combine(folder, chart.Name + ".json");
            if (chart.Series.Count == 0) throw new ReportPackException($"{where}: a chart needs at least one series");
            if (chart.Months is < 2 or > 120) throw new ReportPackException($"{where}: months must be 2 to 120");
            foreach (var s in chart.Series)
            {
                if (!IsCode(s.Indicator)) throw new ReportPackException($"{where}: '{s.Indicator}' is not an indicator code");
                if (s.Style is not ("line" or "column")) throw new ReportPackException($"{where}: series style must be line or column, not '{s.Style}'");
            }
            foreach (var code in new[] { chart.TargetLine, chart.StatNeighbourLine, chart.DrillThrough })
            {
                if (code is not null && !chart.Indicators.Contains(code)) throw new ReportPackException($"{where}: {code} is not one of the chart's series");
            }
        }
        var duplicate = Charts.GroupBy(c => c.Chart).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ReportPackException($"{folder}: chart {duplicate.Key} is defined twice");
    }

    /// <summary>Indicator codes go into dataset SQL as literals, so only plain codes are accepted.</summary>
    internal static bool IsCode(string code) => code.Length is > 0 and <= 16 && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
}
