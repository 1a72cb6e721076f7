using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ChildrensWarehouse.Contract;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChildrensWarehouse.Returns;

/// <summary>
/// One table of the SSDA903 return: its published CSV columns, in the order the DfE validator expects, and the columns
/// that tell it apart from the other tables (a file is recognised by its header row, whatever its name).
/// </summary>
public sealed record Ssda903Table(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string> Identifying);

public static class Ssda903Tables
{
    public static readonly Ssda903Table Header = new("header", ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"], ["CHILD", "SEX", "DOB", "ETHNIC"]);
    public static readonly Ssda903Table Episodes = new("episodes",
        ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
        ["CHILD", "DECOM", "RNE", "LS", "PLACE"]);
    public static readonly Ssda903Table Reviews = new("reviews", ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"], ["CHILD", "REVIEW", "REVIEW_CODE"]);
    public static readonly Ssda903Table Uasc = new("uasc", ["CHILD", "SEX", "DOB", "DUC"], ["CHILD", "DUC"]);
    public static readonly Ssda903Table Oc2 = new("oc2",
        ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
            "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"],
        ["CHILD", "HEALTH_CHECK", "IMMUNISATIONS"]);
    public static readonly Ssda903Table Oc3 = new("oc3", ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"], ["CHILD", "IN_TOUCH"]);
    public static readonly Ssda903Table Ad1 = new("ad1", ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"], ["CHILD", "DATE_INT"]);
    public static readonly Ssda903Table PlacedForAdoption = new("placed_for_adoption",
        ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"], ["CHILD", "DATE_PLACED"]);
    public static readonly Ssda903Table PreviousPermanence = new("previous_permanence", ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"], ["CHILD", "PREV_PERM"]);
    public static readonly Ssda903Table Missing = new("missing", ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"], ["CHILD", "MIS_START"]);
    public static readonly Ssda903Table SocialWorkerEpisodes = new("sw_episodes", ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"], ["CHILD", "SW_ID"]);
    public static readonly Ssda903Table DeprivationOfLiberty = new("dolo", ["CHILD", "DOB", "DOLO_START", "DOLO_END"], ["CHILD", "DOLO_START"]);

    public static readonly IReadOnlyList<Ssda903Table> All =
    [
        Header, Episodes, Reviews, Uasc, Oc2, Oc3, Ad1, PlacedForAdoption, PreviousPermanence, Missing, SocialWorkerEpisodes, DeprivationOfLiberty,
    ];

    /// <summary>The table whose identifying columns the header holds (the one with most of them), or null.</summary>
    public static Ssda903Table? Identify(IReadOnlyCollection<string> header) =>
        All.Where(t => t.Identifying.All(header.Contains)).MaxBy(t => t.Identifying.Count);
}

/// <summary>One council's SSDA903 return for one collection year (named by the 31 March it ends on).</summary>
public sealed class Ssda903Return
{
    public required int Year { get; init; }
    public Dictionary<string, List<ReturnRow>> Tables { get; } = new(StringComparer.Ordinal);
    public List<string> Files { get; } = [];

    public IReadOnlyList<ReturnRow> Rows(Ssda903Table table) => Tables.TryGetValue(table.Name, out var rows) ? rows : [];

    public void Add(Ssda903Table table, ReturnRow row)
    {
        if (!Tables.TryGetValue(table.Name, out var rows)) Tables[table.Name] = rows = [];
        rows.Add(row);
    }
}

/// <summary>
/// Reads SSDA903 returns: a folder of CSV tables (recognised by their header rows) and/or 903 XML files, one year or many.
/// Years: a sub-folder or file whose name holds a year (2017, 2017-episodes.csv, SSDA903_2020_header.csv) belongs to that
/// collection year (named by its ending 31 March); files without one take the year the caller gives, else the folder's,
/// else the year of their latest episode start. Where the latest episode starts after the named year's 31 March (files
/// named by the year a collection starts), that later year is used, with a warning.
/// </summary>
public static class Ssda903Reader
{
    public static IReadOnlyList<Ssda903Return> Read(string path, int? year, List<string> warnings)
    {
        var groups = new SortedDictionary<int, List<string>>();
        var undated = new List<string>();
        var root = File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path))! : Path.GetFullPath(path);
        if (File.Exists(path))
        {
            Place(path, ReturnDates.YearInName(Path.GetFileName(path)), null);
        }
        else if (Directory.Exists(path))
        {
            var folderYear = ReturnDates.YearInName(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path))));
            foreach (var sub in Directory.GetDirectories(path).Order(StringComparer.Ordinal))
            {
                var subYear = ReturnDates.YearInName(Path.GetFileName(sub));
                if (subYear is null)
                {
                    warnings.Add($"{sub}: not read (an SSDA903 year folder is named by its year, e.g. 2017)");
                    continue;
                }
                foreach (var file in ReturnFiles(sub)) Place(file, ReturnDates.YearInName(Path.GetFileName(file)) ?? subYear, null);
            }
            foreach (var file in ReturnFiles(path)) Place(file, ReturnDates.YearInName(Path.GetFileName(file)), folderYear);
        }
        else
        {
            throw new ExtractUnusableException($"{path}: no SSDA903 folder or file here");
        }

        // A year in the file's (or its year folder's) name, else year: from --source, else the 903 folder's name.
        void Place(string file, int? named, int? folderName)
        {
            var y = named ?? year ?? folderName;
            if (y is { } known)
            {
                if (!groups.TryGetValue(known, out var list)) groups[known] = list = [];
                list.Add(file);
            }
            else
            {
                undated.Add(file);
            }
        }

        var returns = new Dictionary<int, Ssda903Return>();
        foreach (var (named, files) in groups)
        {
            var parsed = Parse(files, named, root, warnings);
            var inferred = LatestEpisodeYear(parsed);
            var y = inferred is { } i && i > named ? i : named;
            if (y != named)
            {
                warnings.Add($"{string.Join(", ", files.Select(Path.GetFileName))}: episodes start up to the year ending 31 March {y}, so these files are read as the {y - 1}-{y % 100:00} return (named {named})");
            }
            Merge(returns, y, parsed);
        }
        if (undated.Count > 0)
        {
            var parsed = Parse(undated, 0, root, warnings);
            var y = LatestEpisodeYear(parsed)
                ?? throw new ExtractUnusableException($"{path}: cannot tell the collection year of {string.Join(", ", undated.Select(Path.GetFileName))}: put the year in the file or folder name, or give year:YYYY in --source");
            warnings.Add($"{string.Join(", ", undated.Select(Path.GetFileName))}: no year in the names; read as the return for the year ending 31 March {y} (the latest episode start)");
            Merge(returns, y, parsed);
        }
        if (returns.Count == 0)
        {
            throw new ExtractUnusableException($"{path}: holds no SSDA903 table (CSV files with the published headers, or 903 XML)");
        }
        return returns.Values.OrderBy(r => r.Year).ToList();
    }

    private static void Merge(Dictionary<int, Ssda903Return> returns, int year, Ssda903Return parsed)
    {
        if (!returns.TryGetValue(year, out var target)) returns[year] = target = new Ssda903Return { Year = year };
        target.Files.AddRange(parsed.Files);
        foreach (var (table, rows) in parsed.Tables)
        {
            if (!target.Tables.TryGetValue(table, out var list)) target.Tables[table] = list = [];
            list.AddRange(rows);
        }
    }

    private static IEnumerable<string> ReturnFiles(string folder) =>
        Directory.GetFiles(folder).Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    private static int? LatestEpisodeYear(Ssda903Return parsed)
    {
        DateOnly? latest = null;
        foreach (var row in parsed.Rows(Ssda903Tables.Episodes))
        {
            if (ReturnDates.TryParse903(row["DECOM"], out var d) && (latest is null || d > latest)) latest = d;
        }
        return latest is { } l ? ReturnDates.CollectionYearOf(l) : null;
    }

    /// <summary>A file as named in the quarantine and the accounting: its path under the 903 folder.</summary>
    public static string DisplayName(string root, string file) => Path.GetRelativePath(root, Path.GetFullPath(file)).Replace('\\', '/');

    private static Ssda903Return Parse(IEnumerable<string> files, int year, string root, List<string> warnings)
    {
        var result = new Ssda903Return { Year = year };
        foreach (var file in files)
        {
            if (file.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)) ReadXml(file, DisplayName(root, file), result, warnings);
            else ReadCsv(file, DisplayName(root, file), result, warnings);
        }
        return result;
    }

    private static void ReadCsv(string file, string name, Ssda903Return result, List<string> warnings)
    {
        var rows = ReturnCsv.Read(file, name, out var header);
        if (header.Count == 0)
        {
            warnings.Add($"{file}: empty file, not read");
            return;
        }
        var table = Ssda903Tables.Identify(header);
        if (table is null)
        {
            warnings.Add($"{file}: not an SSDA903 table (its header {string.Join(",", header.Take(6))}... matches none), not read");
            return;
        }
        var unknown = header.Where(h => !table.Columns.Contains(h)).ToList();
        if (unknown.Count > 0) warnings.Add($"{Path.GetFileName(file)} ({table.Name}): unknown column(s) ignored: {string.Join(", ", unknown)}");
        result.Files.Add(file);
        foreach (var row in rows) result.Add(table, row);
    }

    /// <summary>The 903 XML layout (root EXPSSDA903): each CHILD's HEADER and EPISODEs as rows of the CSV tables.</summary>
    private static void ReadXml(string path, string file, Ssda903Return result, List<string> warnings)
    {
        var doc = ReturnXml.Load(path);
        if (doc.Root?.Name.LocalName != "EXPSSDA903")
        {
            warnings.Add($"{file}: not SSDA903 XML (root {doc.Root?.Name.LocalName}), not read");
            return;
        }
        result.Files.Add(file);
        var position = 0;
        foreach (var child in doc.Root.Elements().Where(e => e.Name.LocalName == "CHILD"))
        {
            var header = child.Elements().FirstOrDefault(e => e.Name.LocalName == "HEADER");
            string? H(string name) => ReturnXml.Text(header, name);
            var id = H("CHILDID");
            var common = new Dictionary<string, string?> { ["CHILD"] = id, ["DOB"] = H("DOB") };
            ReturnRow Row(XElement element, IEnumerable<(string Column, string? Value)> values)
            {
                var dict = new Dictionary<string, string?>(common, StringComparer.Ordinal);
                foreach (var (c, v) in values) dict[c] = v;
                return new ReturnRow(file, ++position, dict, $"CHILD {id}: {ReturnXml.Compact(element)}");
            }
            IEnumerable<(string, string?)> Fields(XElement? e, IEnumerable<string> columns) => columns.Select(c => (c, ReturnXml.Text(e, c)));

            if (header is not null)
            {
                result.Add(Ssda903Tables.Header, Row(header, Fields(header, ["SEX", "ETHNIC", "UPN", "MOTHER", "MC_DOB"])));
                if (H("DUC") is not null || H("UASC") is "1" or "true")
                {
                    result.Add(Ssda903Tables.Uasc, Row(header, Fields(header, ["SEX", "DUC"])));
                }
                foreach (var review in header.Elements().Where(e => e.Name.LocalName == "AREVIEW"))
                    result.Add(Ssda903Tables.Reviews, Row(review, Fields(review, ["REVIEW", "REVIEW_CODE"])));
                foreach (var missing in header.Elements().Where(e => e.Name.LocalName == "AMISSING"))
                    result.Add(Ssda903Tables.Missing, Row(missing, Fields(missing, ["MISSING", "MIS_START", "MIS_END"])));
                foreach (var permanence in header.Elements().Where(e => e.Name.LocalName == "PERMANENCE"))
                    result.Add(Ssda903Tables.PreviousPermanence, Row(permanence, Fields(permanence, ["PREV_PERM", "LA_PERM", "DATE_PERM"])));
                foreach (var oc2 in header.Elements().Where(e => e.Name.LocalName == "OC2"))
                    result.Add(Ssda903Tables.Oc2, Row(oc2, Fields(oc2, Ssda903Tables.Oc2.Columns.Skip(2))));
                if (new[] { "IN_TOUCH", "ACTIV", "ACCOM" }.Any(c => H(c) is not null))
                    result.Add(Ssda903Tables.Oc3, Row(header, Fields(header, ["IN_TOUCH", "ACTIV", "ACCOM"])));
                if (new[] { "DATE_INT", "DATE_MATCH" }.Any(c => H(c) is not null))
                    result.Add(Ssda903Tables.Ad1, Row(header, Fields(header, Ssda903Tables.Ad1.Columns.Skip(2))));
                foreach (var placed in header.Elements().Where(e => e.Name.LocalName == "AD_PLACED"))
                    result.Add(Ssda903Tables.PlacedForAdoption, Row(placed, Fields(placed, ["DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"])));
            }
            foreach (var episode in child.Elements().Where(e => e.Name.LocalName == "EPISODE"))
            {
                var values = Fields(episode, Ssda903Tables.Episodes.Columns.Skip(1).Where(c => c != "PLACE")).Append(("PLACE", ReturnXml.Text(episode, "PL")));
                result.Add(Ssda903Tables.Episodes, Row(episode, values));
            }
        }
        if (position == 0) warnings.Add($"{file}: SSDA903 XML without a CHILD");
    }
}

/// <summary>Writes an SSDA903 return as the published CSV tables (one file per table, validator column order, dd/mm/yyyy).</summary>
public static class Ssda903Writer
{
    public static IReadOnlyList<string> Write(Ssda903Return ret, string folder)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var table in Ssda903Tables.All)
        {
            if (!ret.Tables.ContainsKey(table.Name)) continue;
            var path = Path.Combine(folder, table.Name + ".csv");
            ReturnCsv.Write(path, table.Columns, ret.Rows(table));
            written.Add(path);
        }
        return written;
    }
}

/// <summary>CSV reading and writing for the returns: RFC 4180, UTF-8 (a BOM tolerated), values exactly as written.</summary>
internal static class ReturnCsv
{
    public static List<ReturnRow> Read(string path, string file, out IReadOnlyList<string> header)
    {
        var rows = new List<ReturnRow>();
        var badData = false;
        var config = CsvExtractSource.CsvConfig(() => badData = true);
        using var reader = new StreamReader(path, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, config);
        var utf8 = Utf8Validity.OfFile(path);
        if (!parser.Read())
        {
            header = [];
            return rows;
        }
        header = (parser.Record ?? []).Select(h => h.Trim()).ToList();
        var columns = header;
        while (true)
        {
            badData = false;
            try
            {
                if (!parser.Read()) break;
            }
            catch (CsvHelperException e)
            {
                rows.Add(new ReturnRow(file, parser.RawRow, new Dictionary<string, string?>(), "", $"unreadable CSV ({e.GetType().Name})"));
                break;
            }
            var raw = parser.RawRecord.TrimEnd('\r', '\n');
            var record = parser.Record ?? [];
            var line = parser.RawRow - raw.Count(c => c == '\n');
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Count && i < record.Length; i++) values[columns[i]] = record[i].Length == 0 ? null : record[i];
            string? problem = utf8.Replaced(raw) ? Utf8Validity.Problem
                : badData ? "malformed quoting (RFC 4180)"
                : record.Length != columns.Count ? $"has {record.Length} fields, the header has {columns.Count}"
                : null;
            rows.Add(new ReturnRow(file, line, values, raw, problem));
        }
        return rows;
    }

    public static void Write(string path, IReadOnlyList<string> columns, IEnumerable<ReturnRow> rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" });
        foreach (var c in columns) csv.WriteField(c);
        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var c in columns) csv.WriteField(row[c] ?? "");
            csv.NextRecord();
        }
    }
}

/// <summary>XML helpers for the returns: well-formedness is checked once, with the file, line and position of a fault.</summary>
internal static class ReturnXml
{
    public static XDocument Load(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new ExtractUnusableException($"{file}: not well-formed XML (line {e.LineNumber}, position {e.LinePosition}): {e.Message}");
        }
    }

    /// <summary>The text of the first child element of that (local) name, null where absent or empty.</summary>
    public static string? Text(XElement? parent, string name)
    {
        var element = parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);
        return element is null || element.HasElements || string.IsNullOrEmpty(element.Value) ? null : element.Value;
    }

    public static int LineOf(XElement element) => ((IXmlLineInfo)element).HasLineInfo() ? ((IXmlLineInfo)element).LineNumber : 0;

    /// <summary>The element as one line of text (for the quarantine).</summary>
    public static string Compact(XElement element) => element.ToString(SaveOptions.DisableFormatting);
}
