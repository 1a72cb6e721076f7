using System.Text;
using ChildrensWarehouse.Contract;

namespace ChildrensWarehouse.Tests.TestSupport;

/// <summary>
/// Writes a small hand-made extract: every contract file with its header, the rows a test gives (unnamed columns
/// empty, last_modified defaulted), bank holidays from RULES.md and a population.
/// </summary>
public sealed class TestExtract
{
    public const string DefaultLastModified = "2016-01-01T00:00:00";
    private readonly Dictionary<string, List<string>> _lines = new();
    private readonly Dictionary<string, string> _headerOverride = new();
    public string LaCode { get; set; } = "874";
    public string ExtractedAt { get; set; } = "2016-02-01T06:00:00";
    public long Population { get; set; } = 40000;

    public TestExtract()
    {
        foreach (var spec in CaseSystemContract.AllTables) _lines[spec.Name] = [];
        foreach (var d in BankHolidaysFromRules.Dates) Row("bank_holidays", ("date", d.ToString("yyyy-MM-dd")), ("name", "Bank holiday"));
    }

    public static string Header(string table) => string.Join(",", CaseSystemContract.Get(table).Columns.Select(c => c.Name));

    /// <summary>Adds a row by column name; last_modified defaults to <see cref="DefaultLastModified"/>.</summary>
    public TestExtract Row(string table, params (string Column, string? Value)[] values)
    {
        var spec = CaseSystemContract.Get(table);
        var map = values.ToDictionary(v => v.Column, v => v.Value);
        foreach (var key in map.Keys)
        {
            spec.IndexOf(key);
        }
        if (spec.Columns.Any(c => c.Name == "last_modified") && !map.ContainsKey("last_modified")) map["last_modified"] = DefaultLastModified;
        _lines[table].Add(string.Join(",", spec.Columns.Select(c => Quote(map.GetValueOrDefault(c.Name)))));
        return this;
    }

    /// <summary>Adds a line exactly as given (for bad input).</summary>
    public TestExtract RawLine(string table, string line)
    {
        _lines[table].Add(line);
        return this;
    }

    public TestExtract HeaderLine(string table, string header)
    {
        _headerOverride[table] = header;
        return this;
    }

    public TestExtract Child(string childId, string? dateOfBirth = "2010-05-01", string sex = "F") =>
        Row("children", ("child_id", childId), ("date_of_birth", dateOfBirth), ("sex", sex));

    private static string Quote(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    public string WriteTo(string folder)
    {
        Directory.CreateDirectory(System.IO.Path.Combine(folder, "reference"));
        File.WriteAllText(System.IO.Path.Combine(folder, "manifest.json"),
            $$"""{"local_authority": "Testshire", "la_code": "{{LaCode}}", "extracted_at": "{{ExtractedAt}}", "contract_version": 1}""");
        var population = _lines["population"];
        if (population.Count == 0)
        {
            foreach (var year in new[] { 2013, 2014, 2015 }) population.Add($"{LaCode},{year},{Population}");
        }
        foreach (var spec in CaseSystemContract.AllTables)
        {
            var sb = new StringBuilder();
            sb.Append(_headerOverride.GetValueOrDefault(spec.Name) ?? Header(spec.Name)).Append('\n');
            foreach (var line in _lines[spec.Name]) sb.Append(line).Append('\n');
            File.WriteAllText(System.IO.Path.Combine(folder, spec.RelativePath), sb.ToString(), new UTF8Encoding(false));
        }
        return folder;
    }
}
