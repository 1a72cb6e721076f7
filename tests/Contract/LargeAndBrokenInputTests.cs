using System.Text;
using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Contract;

/// <summary>The bad-input corpus beyond CASE_SYSTEM.md's list: huge fields, binary garbage, other encodings, a million rows.</summary>
public class LargeAndBrokenInputTests
{
    [Test]
    public void A_100_MB_field_quarantines_its_row_and_the_rest_loads()
    {
        using var dir = new TempDir();
        var folder = new TestExtract().Child("A").WriteTo(dir.File("x"));
        using (var w = new StreamWriter(Path.Combine(folder, "children.csv"), append: true, new UTF8Encoding(false)))
        {
            w.Write("B,,,\"");
            var chunk = new string('x', 1 << 20);
            for (var i = 0; i < 100; i++) w.Write(chunk);
            w.Write("\",,,,M,,,,,2016-01-01T00:00:00\nC,,,,,,,F,,,,,2016-01-01T00:00:00\n");
        }
        var e = new ExtractReader().Read(folder);
        var q = e.Quarantine.Single();
        Assert.That((q.Line, q.Reason), Is.EqualTo((3, "a field is longer than 10,000 characters")));
        Assert.That(q.RawText.Length, Is.LessThan(ExtractReader.MaxRawTextLength + 100), "the raw text kept is capped");
        Assert.That(e["children"].Rows.Select(r => r.Text(0)), Is.EqualTo(new[] { "A", "C" }));
    }

    [Test]
    public void Binary_garbage_instead_of_a_table_makes_the_extract_unusable_naming_the_file()
    {
        using var dir = new TempDir();
        var folder = new TestExtract().Child("A").WriteTo(dir.File("x"));
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(Path.Combine(folder, "visits.csv"), garbage);
        var e = Assert.Throws<ExtractUnusableException>(() => new ExtractReader().Read(folder))!;
        Assert.That(e.Message, Does.Contain("visits.csv"));
    }

    [Test]
    public void A_Latin_1_file_quarantines_the_rows_with_non_ASCII_bytes_and_a_UTF_16_file_with_a_BOM_is_read()
    {
        using var dir = new TempDir();
        var folder = new TestExtract().WriteTo(dir.File("x"));
        var path = Path.Combine(folder, "children.csv");
        var header = TestExtract.Header("children");
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(header + "\nA,,,Zoë,,,,F,,,,,2016-01-01T00:00:00\nB,,,Zoe,,,,F,,,,,2016-01-01T00:00:00\n"));
        var latin = new ExtractReader().Read(folder);
        Assert.That(latin.Quarantine.Single().Reason, Is.EqualTo("not valid UTF-8"));
        Assert.That(latin["children"].Rows.Single().Text(0), Is.EqualTo("B"));

        File.WriteAllText(path, header + "\nA,,,Zoë,,,,F,,,,,2016-01-01T00:00:00\n", new UnicodeEncoding(false, true));
        var utf16 = new ExtractReader().Read(folder);
        Assert.That(utf16["children"].Rows.Single().Text(3), Is.EqualTo("Zoë"));
    }

    [Test]
    public void A_million_rows_of_which_one_percent_are_bad_lose_nothing()
    {
        using var dir = new TempDir();
        var folder = new TestExtract().Child("A").WriteTo(dir.File("x"));
        using (var w = new StreamWriter(Path.Combine(folder, "dental_checks.csv"), append: true, new UTF8Encoding(false), 1 << 20))
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                // Every 100th row has an impossible date.
                w.Write(i % 100 == 0 ? $"D{i},A,2015-02-30,2016-01-01T00:00:00\n" : $"D{i},A,2015-06-01,2016-01-01T00:00:00\n");
            }
        }
        var e = new ExtractReader().Read(folder);
        var dental = e.Accounting.Single(a => a.Table == "dental_checks");
        Assert.That((dental.Read, dental.Loaded, dental.Quarantined), Is.EqualTo((1_000_000L, 990_000L, 10_000L)));
        Assert.That(e.Quarantine.Where(q => q.Table == "dental_checks").All(q => q.Reason == "not a date YYYY-MM-DD"), Is.True);
    }
}
