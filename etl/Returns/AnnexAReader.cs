using System.Globalization;
using System.Text.RegularExpressions;
using ChildrensWarehouse.Contract;
using ClosedXML.Excel;

namespace ChildrensWarehouse.Returns;

/// <summary>Annex A lists as read: per list number, its rows keyed by the template's headings.</summary>
public sealed class AnnexAReturn
{
    public Dictionary<int, List<ReturnRow>> Lists { get; } = [];

    public IReadOnlyList<ReturnRow> Rows(int list) => Lists.TryGetValue(list, out var rows) ? rows : [];
}

/// <summary>
/// Reads Ofsted Annex A lists: a workbook with sheets "List 1" ... "List 11" (the template), or a folder of such
/// workbooks and/or CSV files whose names say the list ("..._List_3.csv"). Headings are matched to the template's
/// loosely, as councils' files vary: case, spaces and punctuation are ignored ("Date of Referral", curly quotes, an
/// extra bracket) and "Age" stands for "Age of Child (Years)". Dates are dd/mm/yyyy text or Excel dates.
/// </summary>
public static partial class AnnexAReader
{
    [GeneratedRegex(@"list[ _-]?(\d{1,2})(?!\d)", RegexOptions.IgnoreCase)]
    private static partial Regex ListNumber();

    private static string Key(string heading) => new(heading.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    private static readonly IReadOnlyDictionary<int, IReadOnlyDictionary<string, string>> Headings =
        AnnexACodes.Lists.ToDictionary(l => l.Key, l => (IReadOnlyDictionary<string, string>)l.Value.Headings
            .GroupBy(Key).ToDictionary(g => g.Key, g => g.First()));

    public static AnnexAReturn Read(string path, List<string> warnings)
    {
        var result = new AnnexAReturn();
        string root;
        IEnumerable<string> files;
        if (File.Exists(path))
        {
            root = Path.GetDirectoryName(Path.GetFullPath(path))!;
            files = [path];
        }
        else if (Directory.Exists(path))
        {
            root = Path.GetFullPath(path);
            files = Directory.GetFiles(path).Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
        }
        else
        {
            throw new ExtractUnusableException($"{path}: no Annex A workbook or folder here");
        }
        foreach (var file in files)
        {
            var name = Ssda903Reader.DisplayName(root, file);
            if (file.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) ReadWorkbook(file, name, result, warnings);
            else if (ListNumber().Match(Path.GetFileNameWithoutExtension(file)) is { Success: true } m) ReadCsv(file, name, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), result, warnings);
            else warnings.Add($"{name}: not read (an Annex A CSV file's name says its list, e.g. Annex_A_List_3.csv)");
        }
        if (result.Lists.Count == 0) throw new ExtractUnusableException($"{path}: holds no Annex A list (sheets or CSV files named List 1 ... List 11)");
        return result;
    }

    private static Dictionary<int, string>? Map(int list, IReadOnlyList<string> header, string name, List<string> warnings)
    {
        if (!Headings.TryGetValue(list, out var template))
        {
            warnings.Add($"{name}: Annex A has no list {list}, not read");
            return null;
        }
        var map = new Dictionary<int, string>();
        var unknown = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var key = Key(header[i]);
            if (key.Length == 0) continue;
            if (template.TryGetValue(key, out var heading) || (key == "age" && template.TryGetValue("ageofchildyears", out heading))) map[i] = heading;
            else unknown.Add(header[i]);
        }
        if (unknown.Count > 0) warnings.Add($"{name} (list {list}): unknown column(s) ignored: {string.Join(", ", unknown)}");
        return map;
    }

    private static void Add(AnnexAReturn result, int list, ReturnRow row)
    {
        if (!result.Lists.TryGetValue(list, out var rows)) result.Lists[list] = rows = [];
        rows.Add(row);
    }

    private static void ReadCsv(string path, string name, int list, AnnexAReturn result, List<string> warnings)
    {
        var rows = ReturnCsv.Read(path, name, out var header);
        var map = Map(list, header, name, warnings);
        if (map is null) return;
        foreach (var row in rows)
        {
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                if (map.TryGetValue(i, out var heading) && row.Values.TryGetValue(header[i], out var v)) values[heading] = Clean(v);
            }
            Add(result, list, row with { Values = values });
        }
    }

    private static void ReadWorkbook(string path, string name, AnnexAReturn result, List<string> warnings)
    {
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(path);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or InvalidOperationException)
        {
            throw new ExtractUnusableException($"{name}: not a readable .xlsx workbook ({e.Message})");
        }
        using (workbook)
        {
            foreach (var sheet in workbook.Worksheets)
            {
                if (ListNumber().Match(sheet.Name) is not { Success: true } m)
                {
                    warnings.Add($"{name}: sheet '{sheet.Name}' not read (Annex A sheets are named List 1 ... List 11)");
                    continue;
                }
                var list = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                var last = sheet.LastColumnUsed()?.ColumnNumber() ?? 0;
                var header = Enumerable.Range(1, last).Select(c => sheet.Cell(1, c).GetString()).ToList();
                var map = Map(list, header, $"{name} sheet {sheet.Name}", warnings);
                if (map is null) continue;
                foreach (var row in sheet.RowsUsed().Where(r => r.RowNumber() > 1))
                {
                    var values = new Dictionary<string, string?>(StringComparer.Ordinal);
                    foreach (var (column, heading) in map) values[heading] = Clean(CellText(row.Cell(column + 1)));
                    var raw = string.Join(",", Enumerable.Range(1, last).Select(c => CellText(row.Cell(c))));
                    Add(result, list, new ReturnRow($"{name}#{sheet.Name}", row.RowNumber(), values, raw));
                }
            }
        }
    }

    /// <summary>A cell as the CSV conversion writes it: dates dd/mm/yyyy, numbers invariant, text as stored.</summary>
    private static string CellText(IXLCell cell) => cell.DataType switch
    {
        XLDataType.DateTime => cell.GetDateTime().ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        XLDataType.Number => cell.GetDouble().ToString(CultureInfo.InvariantCulture),
        _ => cell.GetString(),
    };

    /// <summary>Empty, spaces and spreadsheet errors (#N/A) are no value.</summary>
    private static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.StartsWith('#') ? null : value.Trim();
}
