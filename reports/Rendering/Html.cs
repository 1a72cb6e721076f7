using System.Globalization;
using System.Net;
using System.Text;

namespace ChildrensWarehouse.Reports.Rendering;

/// <summary>HTML text and attribute escaping: every string that comes from data passes through here.</summary>
public static class Html
{
    /// <summary>Escapes &amp; &lt; &gt; " and ' (so the result is safe in text and in quoted attributes).</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Num(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>Writes SVG elements for the chart painter.</summary>
public sealed class SvgCanvas(StringBuilder sb) : IChartCanvas
{
    private static string DashAttr(LineDash dash) => dash switch
    {
        LineDash.Dashed => " stroke-dasharray=\"6 4\"",
        LineDash.Dotted => " stroke-dasharray=\"2 3\"",
        _ => "",
    };

    private static string Tag(MarkTag? tag) => tag is null ? "" :
        $" class=\"{tag.CssClass}\" data-indicator=\"{Html.Escape(tag.Indicator)}\" data-period=\"{Formats.Date(tag.Period)}\" data-value=\"{Formats.Raw(tag.Value)}\"" +
        (tag.Rag is null ? "" : $" data-rag=\"{Html.Escape(tag.Rag)}\"");

    private static string Tooltip(MarkTag? tag) => tag is null ? "" :
        $"<title>{Html.Escape(tag.Indicator)} {Formats.Month(tag.Period)}: {Formats.Raw(tag.Value)}{(tag.Rag is null ? "" : " (" + Html.Escape(Palette.Rag(tag.Rag).Label) + ")")}</title>";

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width, LineDash dash = LineDash.Solid) =>
        sb.Append($"<line x1=\"{Html.Num(x1)}\" y1=\"{Html.Num(y1)}\" x2=\"{Html.Num(x2)}\" y2=\"{Html.Num(y2)}\" stroke=\"{stroke}\" stroke-width=\"{Html.Num(width)}\"{DashAttr(dash)}/>");

    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double width, LineDash dash, string cssClass) =>
        sb.Append($"<polyline class=\"{cssClass}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{Html.Num(width)}\"{DashAttr(dash)} points=\"")
          .AppendJoin(' ', points.Select(p => Html.Num(p.X) + "," + Html.Num(p.Y))).Append("\"/>");

    public void Rect(double x, double y, double width, double height, string fill, string? stroke, MarkTag? tag)
    {
        sb.Append($"<rect x=\"{Html.Num(x)}\" y=\"{Html.Num(y)}\" width=\"{Html.Num(width)}\" height=\"{Html.Num(Math.Max(height, 0))}\" fill=\"{fill}\"")
          .Append(stroke is null ? "" : $" stroke=\"{stroke}\"").Append(Tag(tag));
        if (tag is null) sb.Append("/>");
        else sb.Append('>').Append(Tooltip(tag)).Append("</rect>");
    }

    public void Circle(double cx, double cy, double r, string fill, string stroke, MarkTag? tag)
    {
        sb.Append($"<circle cx=\"{Html.Num(cx)}\" cy=\"{Html.Num(cy)}\" r=\"{Html.Num(r)}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"").Append(Tag(tag));
        if (tag is null) sb.Append("/>");
        else sb.Append('>').Append(Tooltip(tag)).Append("</circle>");
    }

    public void Diamond(double cx, double cy, double r, string fill, MarkTag? tag)
    {
        sb.Append($"<path d=\"M{Html.Num(cx)} {Html.Num(cy - r)} L{Html.Num(cx + r)} {Html.Num(cy)} L{Html.Num(cx)} {Html.Num(cy + r)} L{Html.Num(cx - r)} {Html.Num(cy)} Z\" fill=\"{fill}\"").Append(Tag(tag));
        if (tag is null) sb.Append("/>");
        else sb.Append('>').Append(Tooltip(tag)).Append("</path>");
    }

    public void Text(double x, double y, string text, double size, string colour, TextAnchor anchor, bool bold = false) =>
        sb.Append($"<text x=\"{Html.Num(x)}\" y=\"{Html.Num(y)}\" font-size=\"{Html.Num(size)}\" fill=\"{colour}\"")
          .Append(anchor switch { TextAnchor.Middle => " text-anchor=\"middle\"", TextAnchor.End => " text-anchor=\"end\"", _ => "" })
          .Append(bold ? " font-weight=\"bold\"" : "").Append('>').Append(Html.Escape(text)).Append("</text>");

    /// <summary>A complete accessible inline SVG of the chart.</summary>
    public static string Render(ChartModel model, double width, double height)
    {
        var sb = new StringBuilder();
        var id = Html.Escape(model.Id);
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {Html.Num(width)} {Html.Num(height)}\" role=\"img\" aria-labelledby=\"{id}-svg-title {id}-svg-desc\" font-family=\"Arial, Helvetica, sans-serif\">");
        sb.Append($"<title id=\"{id}-svg-title\">{Html.Escape(model.Title)}</title>");
        sb.Append($"<desc id=\"{id}-svg-desc\">{Html.Escape(model.Description)}</desc>");
        ChartPainter.Paint(model, new ChartLayout(model, width, height), new SvgCanvas(sb));
        sb.Append("</svg>");
        return sb.ToString();
    }
}
