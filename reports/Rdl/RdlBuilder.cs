using System.Globalization;
using System.Xml.Linq;
using ChildrensWarehouse.Reports.Definitions;

namespace ChildrensWarehouse.Reports.Rdl;

/// <summary>A column of a table (tablix): header, cell expression, width in inches, and an optional background
/// colour expression (RAG cells).</summary>
public sealed record TablixColumnSpec(string Header, string Expression, double Width, string? Background = null, string? Colour = null, string? Format = null);

/// <summary>Small helpers that build RDL 2016 elements; names of report items are kept unique per report.</summary>
public sealed class RdlBuilder
{
    public static readonly XNamespace Ns = "http://schemas.microsoft.com/sqlserver/reporting/2016/01/reportdefinition";
    public static readonly XNamespace Rd = "http://schemas.microsoft.com/SQLServer/reporting/reportdesigner";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public const string DataSourceName = "Warehouse";

    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);

    public static XElement E(string name, params object?[] content) => new(Ns + name, content.Where(c => c is not null));

    public static string In(double inches) => inches.ToString("0.###", CultureInfo.InvariantCulture) + "in";

    /// <summary>A unique report-item name derived from <paramref name="stem"/>.</summary>
    public string Name(string stem)
    {
        var clean = new string(stem.Where(char.IsAsciiLetterOrDigit).ToArray());
        if (clean.Length == 0 || !char.IsAsciiLetter(clean[0])) clean = "Item" + clean;
        var name = clean;
        for (var i = 2; !_names.Add(name); i++) name = clean + i.ToString(CultureInfo.InvariantCulture);
        return name;
    }

    public static XElement Style(params (string Name, string? Value)[] properties) =>
        E("Style", properties.Where(p => p.Value is not null).Select(p => E(p.Name, p.Value)));

    public static XElement Border(string style = "Solid", string colour = "#b1b4b6") => E("Border", E("Color", colour), E("Style", style));

    public XElement Textbox(string stem, string value, double top, double left, double width, double height, double fontSize = 10,
        bool bold = false, string? background = null, string? colour = null, string? format = null, bool canGrow = true, string? align = null)
    {
        return E("Textbox", new XAttribute("Name", Name(stem)),
            E("CanGrow", canGrow ? "true" : "false"),
            E("KeepTogether", "true"),
            E("Paragraphs", E("Paragraph",
                E("TextRuns", E("TextRun",
                    E("Value", value),
                    Style(("FontFamily", "Arial"), ("FontSize", fontSize.ToString("0.#", CultureInfo.InvariantCulture) + "pt"),
                        ("FontWeight", bold ? "Bold" : null), ("Format", format), ("Color", colour)))),
                Style(("TextAlign", align)))),
            top >= 0 ? E("Top", In(top)) : null,
            left >= 0 ? E("Left", In(left)) : null,
            E("Height", In(height)),
            E("Width", In(width)),
            Style(("BackgroundColor", background), ("PaddingLeft", "2pt"), ("PaddingRight", "2pt"), ("PaddingTop", "2pt"), ("PaddingBottom", "2pt"), ("VerticalAlign", "Middle")));
    }

    /// <summary>A detail table over one dataset: a header row and one row per dataset row, optionally inside a group
    /// (one block per distinct group value, with its own title row and page breaks between groups).</summary>
    public XElement Tablix(string stem, string dataSet, IReadOnlyList<TablixColumnSpec> columns, double top, double left,
        IReadOnlyList<(string Expression, string Direction)> sort, string? groupBy = null, string? groupTitle = null, bool pageBreakBetweenGroups = false, string? noRows = null)
    {
        var name = Name(stem);
        const double rowHeight = 0.22;
        XElement Cell(string value, bool header, string? background = null, string? colour = null, string? format = null) =>
            E("TablixCell", E("CellContents",
                Textbox(name + (header ? "Header" : "Cell"), value, -1, -1, 1, rowHeight, 8, header, background ?? (header ? "#f3f2f1" : null), colour, format)
                    .AddStyleBorder()));

        var rows = new List<XElement>
        {
            E("TablixRow", E("Height", In(rowHeight)), E("TablixCells", columns.Select(c => Cell(c.Header, true)))),
        };
        if (groupBy is not null && groupTitle is not null)
        {
            rows.Add(E("TablixRow", E("Height", In(rowHeight)), E("TablixCells",
                columns.Select((c, i) => Cell(i == 0 ? groupTitle : "", true)))));
        }
        rows.Add(E("TablixRow", E("Height", In(rowHeight)), E("TablixCells",
            columns.Select(c => Cell(c.Expression, false, c.Background, c.Colour, c.Format)))));

        XElement Details() => E("TablixMember",
            E("Group", new XAttribute("Name", name + "Details"), E("DataElementName", "Detail")),
            sort.Count == 0 ? null : E("SortExpressions", sort.Select(s => E("SortExpression", E("Value", s.Expression), E("Direction", s.Direction)))));

        var headerMember = E("TablixMember", E("KeepWithGroup", "After"), E("RepeatOnNewPage", "true"));
        var rowMembers = groupBy is null
            ? new[] { headerMember, Details() }
            : new[]
            {
                headerMember,
                E("TablixMember",
                    E("Group", new XAttribute("Name", name + "Group"),
                        E("GroupExpressions", E("GroupExpression", groupBy)),
                        pageBreakBetweenGroups ? E("PageBreak", E("BreakLocation", "Between")) : null),
                    E("SortExpressions", E("SortExpression", E("Value", groupBy))),
                    E("TablixMembers",
                        groupTitle is null ? null : E("TablixMember", E("KeepWithGroup", "After")),
                        Details())),
            };

        return E("Tablix", new XAttribute("Name", name),
            E("TablixBody",
                E("TablixColumns", columns.Select(c => E("TablixColumn", E("Width", In(c.Width))))),
                E("TablixRows", rows)),
            E("TablixColumnHierarchy", E("TablixMembers", columns.Select(_ => E("TablixMember", E("KeepTogether", "true"))))),
            E("TablixRowHierarchy", E("TablixMembers", rowMembers)),
            E("RepeatColumnHeaders", "true"),
            E("DataSetName", dataSet),
            noRows is null ? null : E("NoRowsMessage", noRows),
            E("Top", In(top)),
            E("Left", In(left)),
            E("Height", In(rowHeight * rows.Count)),
            E("Width", In(columns.Sum(c => c.Width))),
            Style(("FontFamily", "Arial")));
    }

    public static XElement DataSet(Dataset dataset) => E("DataSet", new XAttribute("Name", dataset.Name),
        E("Query",
            E("DataSourceName", DataSourceName),
            dataset.Parameters.Count == 0 ? null : E("QueryParameters", dataset.Parameters.Select(p =>
                E("QueryParameter", new XAttribute("Name", "@" + p), E("Value", $"=Parameters!{p}.Value")))),
            E("CommandText", dataset.CommandText)),
        E("Fields", dataset.Fields.Select(f => E("Field", new XAttribute("Name", f.Name),
            E("DataField", f.Name),
            new XElement(Rd + "TypeName", f.Type.FullName)))));
}

internal static class RdlExtensions
{
    /// <summary>Adds a thin bottom border to a table cell's textbox.</summary>
    public static XElement AddStyleBorder(this XElement textbox)
    {
        var style = textbox.Elements(RdlBuilder.Ns + "Style").Last();
        style.AddFirst(RdlBuilder.E("BottomBorder", RdlBuilder.E("Color", "#b1b4b6"), RdlBuilder.E("Style", "Solid"), RdlBuilder.E("Width", "0.5pt")));
        return textbox;
    }
}
