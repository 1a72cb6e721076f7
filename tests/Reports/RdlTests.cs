using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using ChildrensWarehouse.Reports.Data;
using ChildrensWarehouse.Reports.Definitions;
using ChildrensWarehouse.Reports.Rdl;
using ChildrensWarehouse.Tests.TestSupport;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ChildrensWarehouse.Tests.Reports;

/// <summary>The RDL 2016 files: valid against Microsoft's schema, every reference resolves, every dataset is T-SQL that
/// also runs on the DuckDB warehouse and returns the fields the report declares.</summary>
public class RdlTests
{
    private static readonly XNamespace R = RdlBuilder.Ns;
    private static readonly Lazy<string> Folder = new(() =>
    {
        var folder = PackFixture.NewFolder("rdl");
        RdlWriter.WriteAll(folder);
        return folder;
    });

    private static IEnumerable<string> RdlFiles => Directory.GetFiles(Folder.Value, "*.rdl").Order(StringComparer.Ordinal);

    private static XDocument Load(string path) => XDocument.Load(path);

    [Test]
    public void One_report_per_chart_and_the_pack_with_a_shared_data_source()
    {
        Assert.That(RdlFiles.Select(Path.GetFileName), Is.EqualTo(Enumerable.Range(1, 18).Select(n => $"chart-{n:00}.rdl").Append("pack.rdl")));
        var rds = XDocument.Load(Path.Combine(Folder.Value, RdlWriter.SharedDataSourceFile));
        Assert.That(rds.Root!.Name.LocalName, Is.EqualTo("RptDataSource"));
        Assert.That(rds.Root.Attribute("Name")!.Value, Is.EqualTo(RdlBuilder.DataSourceName));
        foreach (var file in RdlFiles)
        {
            var sources = Load(file).Descendants(R + "DataSource").ToList();
            Assert.That(sources.Select(s => (s.Attribute("Name")!.Value, s.Element(R + "DataSourceReference")?.Value)),
                Is.EqualTo(new[] { ("Warehouse", (string?)"Warehouse") }), file);
            var parameters = Load(file).Descendants(R + "ReportParameter").Select(p => p.Attribute("Name")!.Value);
            Assert.That(parameters, Is.EquivalentTo(new[] { "LaCode", "PeriodEnd", "PeriodStart", "Team" }), file);
        }
    }

    private static XmlSchemaSet Schema()
    {
        if (Repo.Shared is not { } shared) throw new IgnoreException("../shared is absent beside the repository: the RDL schema (shared/vendor/rdl2016.xsd) is read from there");
        var xsd = Path.Combine(shared, "vendor", "rdl2016.xsd");
        if (!File.Exists(xsd)) throw new IgnoreException($"{xsd} is absent");
        var schemas = new XmlSchemaSet();
        using (var reader = XmlReader.Create(xsd)) schemas.Add(null, reader);
        schemas.Compile();
        return schemas;
    }

    private static List<string> SchemaErrors(XmlSchemaSet schemas, TextReader rdl)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => { if (e.Severity == XmlSeverityType.Error) errors.Add($"line {e.Exception?.LineNumber}: {e.Message}"); };
        using (var reader = XmlReader.Create(rdl, settings)) while (reader.Read()) { }
        return errors;
    }

    [Test]
    public void Every_rdl_file_validates_against_the_RDL_2016_schema()
    {
        var schemas = Schema();
        foreach (var file in RdlFiles)
        {
            using var text = new StreamReader(file);
            Assert.That(SchemaErrors(schemas, text), Is.Empty, Path.GetFileName(file));
            Assert.That(Load(file).Root!.Name, Is.EqualTo(R + "Report"));
        }
    }

    [Test]
    public void The_schema_check_catches_a_broken_report()
    {
        var schemas = Schema();
        var doc = Load(Path.Combine(Folder.Value, "chart-01.rdl"));
        doc.Descendants(R + "Textbox").First().Element(R + "Paragraphs")!.AddAfterSelf(new XElement(R + "Colour", "red"));
        doc.Descendants(R + "ReportParameter").First().Add(new XElement(R + "DataType", "Money"));
        Assert.That(SchemaErrors(schemas, new StringReader(doc.ToString())), Has.Count.GreaterThanOrEqualTo(2));
    }

    [Test]
    public void Every_reference_resolves()
    {
        foreach (var file in RdlFiles)
        {
            var doc = Load(file);
            var name = Path.GetFileName(file);
            var sources = doc.Descendants(R + "DataSource").Select(d => d.Attribute("Name")!.Value).ToHashSet();
            var parameters = doc.Descendants(R + "ReportParameter").Select(p => p.Attribute("Name")!.Value).ToHashSet();
            var datasets = doc.Descendants(R + "DataSet").ToDictionary(d => d.Attribute("Name")!.Value,
                d => d.Descendants(R + "Field").Select(f => f.Attribute("Name")!.Value).ToHashSet());

            foreach (var query in doc.Descendants(R + "Query"))
            {
                Assert.That(sources, Does.Contain(query.Element(R + "DataSourceName")!.Value), name);
                var used = SqlDialect.ParameterNames(query.Element(R + "CommandText")!.Value);
                var passed = query.Descendants(R + "QueryParameter").Select(q => q.Attribute("Name")!.Value.TrimStart('@')).ToList();
                Assert.That(passed, Is.EquivalentTo(used), $"{name}: every @parameter of the query is passed, and only those");
                foreach (var value in query.Descendants(R + "QueryParameter").Select(q => q.Element(R + "Value")!.Value)) Parameters(value, parameters, name);
            }
            foreach (var reference in doc.Descendants(R + "DataSetReference"))
            {
                var set = reference.Element(R + "DataSetName")!.Value;
                Assert.That(datasets.Keys, Does.Contain(set), name);
                foreach (var field in reference.Elements().Where(e => e.Name.LocalName is "ValueField" or "LabelField")) Assert.That(datasets[set], Does.Contain(field.Value), $"{name} {set}");
            }
            foreach (var value in doc.Descendants().Where(e => !e.HasElements && e.Value.StartsWith('=')).Select(e => e.Value)) Parameters(value, parameters, name);

            // Fields: inside a data region they belong to its dataset; outside one they name their dataset scope.
            foreach (var region in doc.Descendants().Where(e => e.Element(R + "DataSetName") is not null && e.Name.LocalName is "Tablix" or "Chart"))
            {
                var set = region.Element(R + "DataSetName")!.Value;
                Assert.That(datasets.Keys, Does.Contain(set), name);
                foreach (var value in region.Descendants().Where(e => !e.HasElements).Select(e => e.Value))
                {
                    foreach (Match m in Regex.Matches(value, "Fields!([A-Za-z_][A-Za-z0-9_]*)\\.Value"))
                    {
                        Assert.That(datasets[set], Does.Contain(m.Groups[1].Value), $"{name}: {region.Attribute("Name")!.Value} uses {m.Value} of {set}");
                    }
                }
            }
            var names = doc.Descendants().Where(e => e.Name.Namespace == R && e.Parent?.Name != R + "DataSets" && e.Attribute("Name") is not null
                && e.Name.LocalName is "Textbox" or "Tablix" or "Chart" or "Rectangle" or "Subreport" or "Group").Select(e => e.Attribute("Name")!.Value).ToList();
            Assert.That(names, Is.Unique, $"{name}: report item and group names are unique");
            foreach (var sub in doc.Descendants(R + "Subreport"))
            {
                var target = Path.Combine(Folder.Value, sub.Element(R + "ReportName")!.Value + ".rdl");
                Assert.That(File.Exists(target), Is.True, $"{name}: subreport {target}");
                var targetParameters = Load(target).Descendants(R + "ReportParameter").Select(p => p.Attribute("Name")!.Value).ToHashSet();
                foreach (var p in sub.Descendants(R + "Parameter")) Assert.That(targetParameters, Does.Contain(p.Attribute("Name")!.Value));
            }
            foreach (var series in doc.Descendants(R + "Chart"))
            {
                Assert.That(series.Element(R + "ChartSeriesHierarchy")!.Descendants(R + "ChartMember").Count(),
                    Is.EqualTo(series.Descendants(R + "ChartSeries").Count()), $"{name}: one static series member per chart series");
            }
        }
    }

    private static void Parameters(string expression, HashSet<string> parameters, string file)
    {
        foreach (Match m in Regex.Matches(expression, "Parameters!([A-Za-z_][A-Za-z0-9_]*)\\.Value")) Assert.That(parameters, Does.Contain(m.Groups[1].Value), $"{file}: {expression}");
    }

    private static IEnumerable<(string File, string DataSet, string Sql, IReadOnlyList<string> Fields)> Queries() =>
        RdlFiles.SelectMany(file => Load(file).Descendants(R + "DataSet").Select(d => (
            Path.GetFileName(file), d.Attribute("Name")!.Value, d.Descendants(R + "CommandText").Single().Value,
            (IReadOnlyList<string>)d.Descendants(R + "Field").Select(f => f.Element(R + "DataField")!.Value).ToList())));

    [Test]
    public void Every_dataset_query_parses_as_T_SQL()
    {
        var parser = new TSql130Parser(initialQuotedIdentifiers: true);
        var count = 0;
        foreach (var (file, dataSet, sql, _) in Queries())
        {
            using var reader = new StringReader(sql);
            parser.Parse(reader, out var errors);
            Assert.That(errors.Select(e => $"line {e.Line}: {e.Message}"), Is.Empty, $"{file} {dataSet}:\n{sql}");
            count++;
        }
        Assert.That(count, Is.GreaterThan(18 * 5));
    }

    [Test]
    public void Every_dataset_query_runs_on_the_DuckDB_warehouse_and_returns_exactly_the_declared_fields()
    {
        using var warehouse = WarehouseReader.Open(PackFixture.WarehousePath);
        var values = new ParameterValues("874", new DateOnly(2014, 2, 1), new DateOnly(2016, 1, 31), null);
        var rows = 0;
        foreach (var (file, dataSet, sql, fields) in Queries())
        {
            var result = warehouse.Run(new Dataset(dataSet, sql, []), values);
            Assert.That(result.Columns, Is.EqualTo(fields), $"{file} {dataSet}");
            rows += result.Rows.Count;
        }
        Assert.That(rows, Is.GreaterThan(1000));
        // With a team, the drill-through lists only that team's children.
        var drill = warehouse.Run(Datasets.Drill("K05M"), values with { Team = "Assessment team" });
        Assert.That(drill.Each().Select(r => r.Text("team")).Distinct(), Is.EqualTo(new[] { "Assessment team" }));
    }

    /// <summary>
    /// The pack reads all its charts' trends and drill-through lists in one query each; every chart page must hold exactly
    /// what that chart's own report (its RDL datasets, run with its own trend window) returns: the same points, the same
    /// dictionary entries, the same children in the same order.
    /// </summary>
    [TestCase(null)]
    [TestCase("Assessment team")]
    public void Every_pack_chart_page_holds_what_its_own_report_datasets_return(string? team)
    {
        // The shipped charts all show 24 months; give every third one 6 or 12 so the windows differ.
        var shipped = ReportDefinitions.Load();
        var definitions = shipped with { Charts = shipped.Charts.Select((c, i) => c with { Months = (i % 3) switch { 0 => 24, 1 => 6, _ => 12 } }).ToList() };
        using var warehouse = WarehouseReader.Open(PackFixture.WarehousePath);
        var end = new DateOnly(2016, 1, 31);
        var values = new ParameterValues("874", ParameterValues.StartOf(end, 24), end, team);
        var data = PackData.Read(warehouse, definitions, values, isPublic: false, identifiable: true, PackFixture.GeneratedAt, default);
        Assert.That(data.Charts.Select(c => c.Definition), Is.EqualTo(definitions.Charts));
        Assert.That(definitions.Charts.Select(c => c.Months).Distinct().Count(), Is.GreaterThan(1), "charts with different trend windows");
        var drillRows = 0;
        foreach (var page in data.Charts)
        {
            var chart = page.Definition;
            var own = values with { PeriodStart = ParameterValues.StartOf(end, chart.Months) };
            var trend = warehouse.Run(Datasets.Trend(chart), own).Each().Select(r => (r.Text("indicator_code"), r.Date("period_end"), r.Decimal("numerator"), r.Decimal("value"))).ToList();
            Assert.That(page.Points.Select(p => ((string?)p.Code, (DateOnly?)p.PeriodEnd, (decimal?)p.Numerator, p.Value)), Is.EqualTo(trend), $"chart {chart.Chart} trend");
            var definition = warehouse.Run(Datasets.Definition(chart), own).Each().Select(r => (r.Text("indicator_code"), r.Text("title"), r.Text("definition"))).ToList();
            Assert.That(page.Indicators.Select(i => ((string?)i.Code, (string?)i.Title, (string?)i.Definition)).OrderBy(x => x.Item1, StringComparer.Ordinal), Is.EqualTo(definition), $"chart {chart.Chart} definitions");
            var drill = chart.DrillThrough is null ? [] : warehouse.Run(Datasets.Drill(chart.DrillThrough, identifiable: true), own).Each()
                .Select(r => (r.Text("child_id"), r.Text("record_id"), r.Bool("in_numerator"), r.Text("team"))).ToList();
            Assert.That(page.Drill.Select(d => (d.ChildId, (string?)d.RecordId, d.InNumerator, d.Team)), Is.EqualTo(drill), $"chart {chart.Chart} drill-through");
            drillRows += drill.Count;
        }
        Assert.That(drillRows, Is.GreaterThan(0));
    }

    [Test]
    public void The_dialect_map_renames_parameters_only()
    {
        Assert.That(SqlDialect.ForDuckDb("WHERE a = @LaCode AND (@Team IS NULL OR t = @Team)"), Is.EqualTo("WHERE a = $LaCode AND ($Team IS NULL OR t = $Team)"));
        Assert.That(SqlDialect.ParameterNames("@b @a @b"), Is.EqualTo(new[] { "b", "a" }));
    }

    [Test]
    public void The_chart_definitions_cover_charts_1_to_18_with_every_indicator_the_dictionary_gives_them()
    {
        var definitions = ReportDefinitions.Load();
        Assert.That(definitions.Charts.Select(c => c.Chart), Is.EqualTo(Enumerable.Range(1, 18)));
        var dictionary = File.ReadAllLines(Repo.Path("warehouse-schema", "dictionary", "indicators.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f[1] != "").Select(f => (Code: f[0], Chart: int.Parse(f[1]))).ToList();
        foreach (var chart in definitions.Charts)
        {
            Assert.That(chart.Indicators, Is.EquivalentTo(dictionary.Where(d => d.Chart == chart.Chart).Select(d => d.Code)), chart.Name);
            Assert.That(chart.TargetLine, Is.EqualTo(chart.Indicators[0]));
        }
        Assert.That(definitions.Charts.Single(c => c.Chart == 5).DrillThrough, Is.EqualTo("K05M"));
    }

    [Test]
    public void A_bad_definition_is_refused_naming_the_file()
    {
        using var dir = new TempDir();
        foreach (var f in Directory.GetFiles(ReportDefinitions.DefaultFolder)) File.Copy(f, Path.Combine(dir.Path, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(dir.Path, "chart-03.json"), """{"name": "chart-03", "chart": 3, "title": "x", "series": [{"indicator": "K03'; DROP TABLE x; --", "label": "x", "style": "line"}], "months": 24}""");
        Assert.That(() => ReportDefinitions.Load(dir.Path), Throws.TypeOf<ChildrensWarehouse.Reports.ReportPackException>().With.Message.Contains("chart-03.json").And.Message.Contains("not an indicator code"));
        File.WriteAllText(Path.Combine(dir.Path, "chart-03.json"), """{"name": "chart-03", "chart": 3, "title": "x", "colour": "red", "series": [], "months": 24}""");
        Assert.That(() => ReportDefinitions.Load(dir.Path), Throws.TypeOf<ChildrensWarehouse.Reports.ReportPackException>().With.Message.Contains("chart-03.json"));
    }
}
