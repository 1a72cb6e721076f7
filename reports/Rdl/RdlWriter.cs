using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ChildrensWarehouse.Reports.Definitions;
using ChildrensWarehouse.Reports.Rendering;
using static ChildrensWarehouse.Reports.Rdl.RdlBuilder;

namespace ChildrensWarehouse.Reports.Rdl;

/// <summary>
/// Writes the report definitions as RDL 2016 for SQL Server Reporting Services: one report per chart and the pack
/// report (headline table, every chart as a subreport on its own page, the extra indicators, data quality and the
/// definitions), all reading the shared data source <c>Warehouse.rds</c> with the same dataset SQL the built-in
/// renderer runs.
/// </summary>
public static class RdlWriter
{
    public const string SharedDataSourceFile = "Warehouse.rds";
    private const double PageWidth = 11.69, PageHeight = 8.27, Margin = 0.4, BodyWidth = PageWidth - 2 * Margin;

    /// <summary>Writes every report (chart-NN.rdl, pack.rdl) and Warehouse.rds into <paramref name="folder"/>;
    /// returns the paths written.</summary>
    public static IReadOnlyList<string> WriteAll(string folder, string? definitionsFolder = null)
    {
        var definitions = ReportDefinitions.Load(definitionsFolder);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        var rds = Path.Combine(folder, SharedDataSourceFile);
        File.WriteAllText(rds, SharedDataSource(), new UTF8Encoding(false));
        written.Add(rds);
        foreach (var chart in definitions.Charts)
        {
            written.Add(Save(ChartReport(chart), Path.Combine(folder, chart.Name + ".rdl")));
        }
        written.Add(Save(PackReport(definitions), Path.Combine(folder, definitions.Pack.Name + ".rdl")));
        return written;
    }

    private static string Save(XDocument document, string path)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using (var writer = XmlWriter.Create(path, settings)) document.Save(writer);
        return path;
    }

    /// <summary>A stable id from a name, so regenerated files do not change without reason.</summary>
    private static string StableId(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("ChildrensWarehouse.Reports/" + name));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    /// <summary>The shared data source (SSDT .rds). The connection string is a placeholder: on the report server the
    /// administrator points the deployed data source at the council's warehouse database.</summary>
    public static string SharedDataSource() => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <RptDataSource xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Name="{DataSourceName}">
          <ConnectionProperties>
            <Extension>SQL</Extension>
            <ConnectString>Data Source=localhost;Initial Catalog=ChildrensWarehouse</ConnectString>
            <IntegratedSecurity>true</IntegratedSecurity>
          </ConnectionProperties>
          <DataSourceID>{StableId("datasource/" + DataSourceName)}</DataSourceID>
        </RptDataSource>

        """;

    private static XDocument Report(string name, string description, IReadOnlyList<Dataset> datasets, IEnumerable<XElement> items, double bodyHeight, int months)
    {
        var report = E("Report",
            new XAttribute(XNamespace.Xmlns + "rd", Rd.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName),
            E("Description", description),
            E("Author", "Children's services performance warehouse"),
            E("AutoRefresh", "0"),
            E("DataSources", E("DataSource", new XAttribute("Name", DataSourceName),
                E("DataSourceReference", DataSourceName),
                new XElement(Rd + "SecurityType", "None"),
                new XElement(Rd + "DataSourceID", StableId("datasource/" + DataSourceName)))),
            E("DataSets", datasets.Select(DataSet)),
            E("ReportSections", E("ReportSection",
                E("Body", E("ReportItems", items), E("Height", In(bodyHeight)), Style(("FontFamily", "Arial"))),
                E("Width", In(BodyWidth)),
                E("Page",
                    E("PageHeight", In(PageHeight)), E("PageWidth", In(PageWidth)),
                    E("LeftMargin", In(Margin)), E("RightMargin", In(Margin)), E("TopMargin", In(Margin)), E("BottomMargin", In(Margin)),
                    Style()))),
            Parameters(months),
            E("ReportParametersLayout", E("GridLayoutDefinition",
                E("NumberOfColumns", "3"), E("NumberOfRows", "1"),
                E("CellDefinitions",
                    Cell(0, ReportParameterNames.LaCode), Cell(1, ReportParameterNames.PeriodEnd), Cell(2, ReportParameterNames.Team)))),
            E("Language", "en-GB"),
            new XElement(Rd + "ReportUnitType", "Inch"),
            new XElement(Rd + "ReportID", StableId("report/" + name)));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), report);

        static XElement Cell(int column, string parameter) =>
            E("CellDefinition", E("ColumnIndex", column.ToString(CultureInfo.InvariantCulture)), E("RowIndex", "0"), E("ParameterName", parameter));
    }

    private static XElement Parameters(int months) => E("ReportParameters",
        E("ReportParameter", new XAttribute("Name", ReportParameterNames.LaCode),
            E("DataType", "String"),
            E("DefaultValue", E("DataSetReference", E("DataSetName", Datasets.CouncilsName), E("ValueField", "la_code"))),
            E("Prompt", "Council (LA code)"),
            E("ValidValues", E("DataSetReference", E("DataSetName", Datasets.CouncilsName), E("ValueField", "la_code"), E("LabelField", "la_code")))),
        E("ReportParameter", new XAttribute("Name", ReportParameterNames.PeriodEnd),
            E("DataType", "DateTime"),
            E("DefaultValue", E("DataSetReference", E("DataSetName", Datasets.PeriodsName), E("ValueField", "period_end"))),
            E("Prompt", "Period end (month)"),
            E("ValidValues", E("DataSetReference", E("DataSetName", Datasets.PeriodsName), E("ValueField", "period_end"), E("LabelField", "period_end")))),
        E("ReportParameter", new XAttribute("Name", ReportParameterNames.PeriodStart),
            E("DataType", "DateTime"),
            E("DefaultValue", E("Values", E("Value",
                $"=DateAdd(\"m\", -{months - 1}, DateSerial(Year(Parameters!{ReportParameterNames.PeriodEnd}.Value), Month(Parameters!{ReportParameterNames.PeriodEnd}.Value), 1))"))),
            E("Prompt", "Trend start"),
            E("Hidden", "true")),
        E("ReportParameter", new XAttribute("Name", ReportParameterNames.Team),
            E("DataType", "String"),
            E("Nullable", "true"),
            E("DefaultValue", E("Values", E("Value", new XAttribute(Xsi + "nil", "true")))),
            E("AllowBlank", "true"),
            E("Prompt", "Team (drill-through and data quality)"),
            E("ValidValues", E("DataSetReference", E("DataSetName", Datasets.TeamsName), E("ValueField", "team"), E("LabelField", "team_label")))));

    /// <summary>An expression picking one indicator's field, so one dataset feeds several chart series.</summary>
    private static string Pick(string code, string field) => $"=Max(IIf(Fields!indicator_code.Value = \"{code}\", Fields!{field}.Value, Nothing))";

    private static string RagBackground(string field = "Fields!rag.Value") =>
        "=Switch(" + string.Join(", ", Palette.All.Where(r => r != Palette.None).Select(r => $"{field} = \"{r.Code}\", \"{r.Fill}\"")) + $", True, \"{Palette.None.Fill}\")";

    private static string RagColour(string field = "Fields!rag.Value") =>
        "=Switch(" + string.Join(", ", Palette.All.Where(r => r != Palette.None).Select(r => $"{field} = \"{r.Code}\", \"{r.Text}\"")) + $", True, \"{Palette.None.Text}\")";

    private static string RagLabel(string field = "Fields!rag.Value") =>
        "=Switch(" + string.Join(", ", Palette.All.Where(r => r != Palette.None).Select(r => $"{field} = \"{r.Code}\", \"{r.Label}\"")) + ", True, \"\")";

    public static XDocument ChartReport(ChartDefinition chart)
    {
        var b = new RdlBuilder();
        var items = new List<XElement>
        {
            b.Textbox("Title", chart.Heading, 0, 0, BodyWidth, 0.4, 16, bold: true),
            b.Textbox("Period", $"=\"Council \" & Parameters!{ReportParameterNames.LaCode}.Value & \", figures to \" & Format(Parameters!{ReportParameterNames.PeriodEnd}.Value, \"d MMMM yyyy\")",
                0.42, 0, BodyWidth, 0.25, 10),
            Chart(b, chart, 0.75, 0, 6.6, 3.6),
        };
        items.Add(b.Tablix("Figures", Datasets.TrendName,
            [
                new("Indicator", "=Fields!indicator_code.Value", 0.6),
                new("Month", "=Fields!period_end.Value", 0.7, Format: "MMM yy"),
                new("Value", "=Fields!value.Value", 0.6, Format: "#,0.0"),
                new("Target", "=Fields!target.Value", 0.55, Format: "#,0.0"),
                new("RAG", RagLabel(), 0.55, RagBackground(), RagColour()),
                new("SN", "=Fields!stat_neighbour.Value", 0.5, Format: "#,0.0"),
            ], 0.75, 6.8, [("=Fields!indicator_code.Value", "Ascending"), ("=Fields!period_end.Value", "Descending")]));
        items.Add(b.Textbox("DefinitionHeading", "Definition", 4.45, 0, 6.6, 0.25, 11, bold: true));
        items.Add(b.Tablix("Definitions", Datasets.DefinitionName,
            [new("Indicator", "=Fields!indicator_code.Value", 0.8), new("Definition", "=Fields!definition.Value", 5.8)],
            4.7, 0, [("=Fields!indicator_code.Value", "Ascending")]));
        items.Add(b.Textbox("CommentaryHeading", "Commentary", 5.45, 0, 6.6, 0.25, 11, bold: true));
        items.Add(b.Textbox("Commentary", PackView.CommentaryPlaceholder, 5.7, 0, 6.6, 0.4, 9, colour: Palette.Muted));
        if (chart.DrillThrough is { } code)
        {
            items.Add(b.Textbox("DrillHeading", $"=\"Children behind {code} for \" & Format(Parameters!{ReportParameterNames.PeriodEnd}.Value, \"MMMM yyyy\")", 6.2, 0, BodyWidth, 0.25, 11, bold: true));
            items.Add(b.Tablix("Drill", Datasets.DrillName,
                [
                    new("Child", "=Fields!child.Value", 1.3), new("Record", "=Fields!record_id.Value", 1.3),
                    new("In numerator", "=IIf(Fields!in_numerator.Value, \"Yes\", \"No\")", 0.8),
                    new("In denominator", "=IIf(Fields!in_denominator.Value, \"Yes\", \"No\")", 0.9),
                    new("Due date", "=Fields!due_date.Value", 0.9, Format: "yyyy-MM-dd"), new("Outcome", "=Fields!outcome.Value", 0.8),
                    new("Worker", "=Fields!worker.Value", 1.8), new("Team", "=Fields!team.Value", 1.8),
                ], 6.45, 0, [("=Fields!team.Value", "Ascending"), ("=Fields!worker.Value", "Ascending"), ("=Fields!child.Value", "Ascending")],
                noRows: "No children in this month's figures."));
        }
        return Report(chart.Name, chart.Heading, Datasets.ForChart(chart), items, 7.0, chart.Months);
    }

    private static XElement Chart(RdlBuilder b, ChartDefinition chart, double top, double left, double width, double height)
    {
        var series = new List<(string Label, XElement Series)>();
        for (var i = 0; i < chart.Series.Count; i++)
        {
            var s = chart.Series[i];
            var colour = Palette.Series[i % Palette.Series.Count];
            series.Add((s.Label, E("ChartSeries", new XAttribute("Name", b.Name("Series" + s.Indicator)),
                E("ChartDataPoints", E("ChartDataPoint",
                    E("ChartDataPointValues", E("Y", Pick(s.Indicator, "value"))),
                    E("ChartDataLabel", Style(), E("Visible", "false")),
                    E("ToolTip", $"=\"{s.Indicator} \" & Format(Fields!period_end.Value, \"MMM yyyy\")"),
                    Style(("Color", colour)),
                    E("ChartMarker",
                        E("Type", s.IsColumn ? "None" : "Circle"), E("Size", "6pt"),
                        Style(("Color", RagBackground($"Max(IIf(Fields!indicator_code.Value = \"{s.Indicator}\", Fields!rag.Value, Nothing))")))),
                    E("DataElementOutput", "Output"))),
                E("Type", s.IsColumn ? "Column" : "Line"),
                E("Subtype", "Plain"),
                Style(("Border", null)).WithBorder(colour, "Solid", "2.25pt"),
                E("ChartEmptyPoints", Style(), E("ChartMarker", Style()), E("ChartDataLabel", Style())),
                E("LegendName", "Default"), E("ChartAreaName", "Default"), E("ValueAxisName", "Primary"), E("CategoryAxisName", "Primary"))));
        }
        if (chart.TargetLine is { } target)
        {
            series.Add(("Target", E("ChartSeries", new XAttribute("Name", b.Name("Target")),
                E("ChartDataPoints", E("ChartDataPoint", E("ChartDataPointValues", E("Y", Pick(target, "target"))), E("ChartMarker", E("Type", "None")))),
                E("Type", "Line"), E("Subtype", "Stepped"),
                Style().WithBorder(Palette.Target, "Dashed", "1.5pt"),
                E("LegendName", "Default"), E("ChartAreaName", "Default"), E("ValueAxisName", "Primary"), E("CategoryAxisName", "Primary"))));
            series.Add(("Target (upper)", E("ChartSeries", new XAttribute("Name", b.Name("TargetUpper")),
                E("ChartDataPoints", E("ChartDataPoint", E("ChartDataPointValues", E("Y", Pick(target, "target_upper"))), E("ChartMarker", E("Type", "None")))),
                E("Type", "Line"), E("Subtype", "Stepped"),
                Style().WithBorder(Palette.Target, "Dashed", "1.5pt"),
                E("ChartItemInLegend", E("Hidden", "true")),
                E("LegendName", "Default"), E("ChartAreaName", "Default"), E("ValueAxisName", "Primary"), E("CategoryAxisName", "Primary"))));
        }
        if (chart.StatNeighbourLine is { } sn)
        {
            series.Add(("Statistical neighbours", E("ChartSeries", new XAttribute("Name", b.Name("StatNeighbours")),
                E("ChartDataPoints", E("ChartDataPoint", E("ChartDataPointValues", E("Y", Pick(sn, "stat_neighbour"))),
                    E("ChartMarker", E("Type", "Diamond"), E("Size", "7pt"), Style(("Color", Palette.StatNeighbour))))),
                E("Type", "Line"), E("Subtype", "Plain"),
                Style().WithBorder(Palette.StatNeighbour, "Dotted", "1.5pt"),
                E("LegendName", "Default"), E("ChartAreaName", "Default"), E("ValueAxisName", "Primary"), E("CategoryAxisName", "Primary"))));
        }

        return E("Chart", new XAttribute("Name", b.Name("TrendChart")),
            E("ChartCategoryHierarchy", E("ChartMembers", E("ChartMember",
                E("Group", new XAttribute("Name", "Month"), E("GroupExpressions", E("GroupExpression", "=Fields!period_end.Value"))),
                E("SortExpressions", E("SortExpression", E("Value", "=Fields!period_end.Value"))),
                E("Label", "=Format(Fields!period_end.Value, \"MMM yy\")")))),
            E("ChartSeriesHierarchy", E("ChartMembers", series.Select(s => E("ChartMember", E("Label", s.Label))))),
            E("ChartData", E("ChartSeriesCollection", series.Select(s => s.Series))),
            E("ChartAreas", E("ChartArea", new XAttribute("Name", "Default"),
                E("ChartCategoryAxes", E("ChartAxis", new XAttribute("Name", "Primary"),
                    E("Style", E("FontSize", "8pt")), E("Interval", "3"), E("ChartMajorGridLines", E("Enabled", "False")))),
                E("ChartValueAxes", E("ChartAxis", new XAttribute("Name", "Primary"),
                    E("Style", E("FontSize", "8pt")), E("Minimum", "0"), E("IncludeZero", "true"),
                    E("ChartMajorGridLines", E("Enabled", "True"), Style(("Border", null)).WithBorder(Palette.Grid, "Solid", "0.5pt")))),
                Style())),
            E("ChartLegends", E("ChartLegend", new XAttribute("Name", "Default"), E("Position", "TopCenter"), Style(("FontSize", "8pt")))),
            E("ChartTitles", E("ChartTitle", new XAttribute("Name", "Title"), E("Caption", chart.Title), E("Hidden", "true"))),
            E("Palette", "BrightPastel"),
            E("ChartNoDataMessage", new XAttribute("Name", "NoData"), E("Caption", "No figures for this period")),
            E("DataSetName", Datasets.TrendName),
            E("Top", In(top)), E("Left", In(left)), E("Height", In(height)), E("Width", In(width)),
            Style(("BackgroundColor", "White")));
    }

    public static XDocument PackReport(ReportDefinitions definitions)
    {
        var pack = definitions.Pack;
        var b = new RdlBuilder();
        var items = new List<XElement>
        {
            b.Textbox("Title", pack.Title, 0, 0, BodyWidth, 0.45, 20, bold: true),
            b.Textbox("Subtitle", pack.Subtitle, 0.45, 0, BodyWidth, 0.3, 13),
            b.Textbox("Period", $"=\"Council \" & Parameters!{ReportParameterNames.LaCode}.Value & \", figures to \" & Format(Parameters!{ReportParameterNames.PeriodEnd}.Value, \"d MMMM yyyy\")",
                0.75, 0, BodyWidth, 0.25, 10),
        };
        var top = 1.1;
        if (pack.Headline)
        {
            items.Add(b.Tablix("Headline", Datasets.HeadlineName,
                [
                    new("Indicator", "=Fields!indicator_code.Value", 0.65), new("Title", "=Fields!title.Value", 3.2), new("Chart", "=Fields!chart.Value", 0.45),
                    new("Latest", "=Fields!value.Value", 0.7, Format: "#,0.0"), new("Target", "=Fields!target.Value", 0.65, Format: "#,0.0"),
                    new("RAG", RagLabel(), 0.6, RagBackground(), RagColour()),
                    new("Previous month", "=Fields!previous_value.Value", 0.8, Format: "#,0.0"),
                    new("Direction", "=IIf(IsNothing(Fields!value.Value) Or IsNothing(Fields!previous_value.Value), \"\", IIf(Fields!value.Value > Fields!previous_value.Value, \"Up\", IIf(Fields!value.Value < Fields!previous_value.Value, \"Down\", \"Same\")))", 0.7),
                    new("Stat. neighbours", "=Fields!stat_neighbour.Value", 0.8, Format: "#,0.0"),
                    new("Numerator", "=Fields!numerator.Value", 0.75, Format: "#,0.##"),
                    new("Denominator", "=Fields!denominator.Value", 0.75, Format: "#,0.##"),
                ], top, 0, [("=Fields!indicator_code.Value", "Ascending")]));
            top += 0.8;
        }
        foreach (var chart in definitions.Charts)
        {
            items.Add(E("Rectangle", new XAttribute("Name", b.Name("Page" + chart.Name)),
                E("ReportItems", E("Subreport", new XAttribute("Name", b.Name("Sub" + chart.Name)),
                    E("ReportName", chart.Name),
                    E("Parameters",
                        E("Parameter", new XAttribute("Name", ReportParameterNames.LaCode), E("Value", $"=Parameters!{ReportParameterNames.LaCode}.Value")),
                        E("Parameter", new XAttribute("Name", ReportParameterNames.PeriodEnd), E("Value", $"=Parameters!{ReportParameterNames.PeriodEnd}.Value")),
                        E("Parameter", new XAttribute("Name", ReportParameterNames.Team), E("Value", $"=Parameters!{ReportParameterNames.Team}.Value"))),
                    E("Top", In(0)), E("Left", In(0)), E("Height", In(0.5)), E("Width", In(BodyWidth)),
                    Style())),
                E("PageBreak", E("BreakLocation", "Start")),
                E("KeepTogether", "true"),
                E("Top", In(top)), E("Left", In(0)), E("Height", In(0.5)), E("Width", In(BodyWidth)),
                Style()));
            top += 0.55;
        }
        if (pack.ExtraIndicators)
        {
            items.Add(E("Rectangle", new XAttribute("Name", b.Name("ExtraIndicatorsPage")),
                E("ReportItems", b.Tablix("ExtraIndicators", Datasets.ExtraTrendsName,
                    [
                        new("Month", "=Fields!period_end.Value", 0.9, Format: "MMM yyyy"), new("Value", "=Fields!value.Value", 0.8, Format: "#,0.0"),
                        new("Numerator", "=Fields!numerator.Value", 0.8, Format: "#,0.##"), new("Denominator", "=Fields!denominator.Value", 0.9, Format: "#,0.##"),
                        new("Target", "=Fields!target.Value", 0.7, Format: "#,0.0"), new("RAG", RagLabel(), 0.6, RagBackground(), RagColour()),
                        new("Stat. neighbours", "=Fields!stat_neighbour.Value", 0.9, Format: "#,0.0"),
                    ], 0, 0, [("=Fields!period_end.Value", "Descending")],
                    groupBy: "=Fields!indicator_code.Value", groupTitle: "=Fields!indicator_code.Value & \": \" & Fields!title.Value", pageBreakBetweenGroups: true)),
                E("PageBreak", E("BreakLocation", "Start")),
                E("Top", In(top)), E("Left", In(0)), E("Height", In(0.7)), E("Width", In(BodyWidth)),
                Style()));
            top += 0.75;
        }
        if (pack.DataQuality)
        {
            items.Add(E("Rectangle", new XAttribute("Name", b.Name("DataQualityPage")),
                E("ReportItems",
                    b.Textbox("DataQualityHeading", "Data quality", 0, 0, BodyWidth, 0.35, 14, bold: true),
                    b.Tablix("DataQuality", Datasets.DataQualityName,
                        [
                            new("Worker", "=Fields!worker.Value", 1.5), new("Kind", "=Fields!kind.Value", 0.8), new("Table", "=Fields!table_name.Value", 1.0),
                            new("Line", "=Fields!line.Value", 0.5), new("Column", "=Fields!column_name.Value", 0.9), new("Reason", "=Fields!reason.Value", 3.2),
                            new("Child", "=Fields!child.Value", 1.2), new("Age (days)", "=Fields!age_days.Value", 0.7),
                        ], 0.4, 0, [("=Fields!worker.Value", "Ascending"), ("=Fields!age_days.Value", "Descending")],
                        groupBy: "=Fields!team.Value", groupTitle: "=\"Team: \" & IIf(IsNothing(Fields!team.Value), \"(no team)\", Fields!team.Value)",
                        noRows: "No data-quality items in the latest run.")),
                E("PageBreak", E("BreakLocation", "Start")),
                E("Top", In(top)), E("Left", In(0)), E("Height", In(1.1)), E("Width", In(BodyWidth)),
                Style()));
            top += 1.15;
        }
        items.Add(E("Rectangle", new XAttribute("Name", b.Name("DefinitionsPage")),
            E("ReportItems",
                b.Textbox("DefinitionsHeading", "Indicator definitions", 0, 0, BodyWidth, 0.35, 14, bold: true),
                b.Tablix("IndicatorDefinitions", Datasets.IndicatorsName,
                    [
                        new("Indicator", "=Fields!indicator_code.Value", 0.7), new("Chart", "=Fields!chart.Value", 0.5), new("Title", "=Fields!title.Value", 2.6),
                        new("Window", "=Fields!time_window.Value", 0.7), new("Unit", "=Fields!unit.Value", 0.7), new("Polarity", "=Fields!polarity.Value", 0.7),
                        new("Definition", "=Fields!definition.Value", 4.9),
                    ], 0.4, 0, [("=Fields!indicator_code.Value", "Ascending")])),
            E("PageBreak", E("BreakLocation", "Start")),
            E("Top", In(top)), E("Left", In(0)), E("Height", In(0.9)), E("Width", In(BodyWidth)),
            Style()));
        top += 0.95;
        var datasets = Datasets.ForPack(pack).ToList();
        datasets.Insert(datasets.Count - 3, Datasets.Indicators());
        return Report(pack.Name, pack.Title + ": " + pack.Subtitle, datasets, items, top + 0.1, 24);
    }
}

internal static class StyleExtensions
{
    /// <summary>Adds a border (colour, style, width) to a Style element.</summary>
    public static XElement WithBorder(this XElement style, string colour, string lineStyle, string width)
    {
        style.Add(E("Border", E("Color", colour), E("Style", lineStyle), E("Width", width)));
        return style;
    }
}
