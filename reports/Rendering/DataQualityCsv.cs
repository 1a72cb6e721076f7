using System.Globalization;
using System.Text;
using ChildrensWarehouse.Reports.Data;

namespace ChildrensWarehouse.Reports.Rendering;

/// <summary>Text bound for a spreadsheet: a cell that starts with = + - @ or a tab or carriage return would be read
/// as a formula by Excel or LibreOffice (CSV injection), so such text is prefixed with an apostrophe.</summary>
public static class SpreadsheetText
{
    public static bool LooksLikeFormula(string? text) => text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    public static string Guard(string? text) => text is null ? "" : LooksLikeFormula(text) ? "'" + text : text;
}

/// <summary>dq.csv: the data-quality items beside the pack (RFC 4180, UTF-8, formula-guarded). The public version
/// has counts per team only.</summary>
public static class DataQualityCsv
{
    public static string Render(PackData data)
    {
        var sb = new StringBuilder();
        void Line(IEnumerable<string?> cells) => sb.AppendJoin(',', cells.Select(c => Quote(SpreadsheetText.Guard(c)))).Append("\r\n");
        var disclosure = new Disclosure(data.Public);
        if (data.Public)
        {
            Line(["team", "quarantined", "warnings", "oldest_age_days"]);
            foreach (var (team, quarantined, warnings, oldest) in PackView.DataQualityByTeam(data))
            {
                Line([team, PackView.CountText(quarantined, disclosure), PackView.CountText(warnings, disclosure), oldest?.ToString(CultureInfo.InvariantCulture)]);
            }
            return sb.ToString();
        }
        List<string> header = ["team", "worker", "kind", "table_name", "line", "column_name", "reason"];
        if (data.Identifiable) header.Add("child_id");
        header.AddRange(["child", "age_days"]);
        Line(header);
        foreach (var d in data.DataQuality)
        {
            List<string?> cells = [d.Team, d.Worker, d.Kind, d.TableName, d.Line?.ToString(CultureInfo.InvariantCulture), d.Column, d.Reason];
            if (data.Identifiable) cells.Add(d.ChildId);
            cells.AddRange([d.Child, d.AgeDays?.ToString(CultureInfo.InvariantCulture)]);
            Line(cells);
        }
        return sb.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
