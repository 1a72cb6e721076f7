using System.Text;
using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Contract;

/// <summary>The record scan splits a file into the records, at the lines, that the CSV reader reads, or gives up.</summary>
public class CsvRecordScanTests
{
    private static RecordPrint[]? Scan(string text) => CsvRecordScan.Scan(Encoding.UTF8.GetBytes(text));

    private static string[] Texts(string text) =>
        Scan(text)!.Select(r => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text), r.Start, r.Length)).ToArray();

    [Test]
    public void Splits_records_at_line_ends_outside_quotes_and_counts_every_physical_line()
    {
        const string text = "id,note\n1,plain\n\n2,\"two\nlines\"\r\n3,\"a \"\"quote\"\", and a comma\"\n4,last";
        Assert.That(Texts(text), Is.EqualTo(new[] { "id,note", "1,plain", "2,\"two\nlines\"", "3,\"a \"\"quote\"\", and a comma\"", "4,last" }));
        Assert.That(Scan(text)!.Select(r => r.Line), Is.EqualTo(new[] { 1, 2, 4, 6, 7 }), "the blank line 3 is skipped but counted; record 2 spans lines 4 and 5");
    }

    [Test]
    public void Skips_a_byte_order_mark_and_hashes_equal_records_alike()
    {
        var withBom = CsvRecordScan.Scan([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("id\n1\n")])!;
        var without = Scan("id\n1\n")!;
        Assert.That(withBom.Select(r => (r.Line, r.Hash)), Is.EqualTo(without.Select(r => (r.Line, r.Hash))));
        Assert.That(Scan("id\n2\n")![1].Hash, Is.Not.EqualTo(without[1].Hash));
    }

    [TestCase("id,note\n1,a\"b\n", TestName = "a quote inside an unquoted field")]
    [TestCase("id,note\n1,\"open\n", TestName = "a quote left open")]
    [TestCase("id,note\n1,\"closed\"x\n", TestName = "text after a closing quote")]
    [TestCase("id,note\r1,old mac line end\r", TestName = "a lone carriage return")]
    public void Gives_up_on_what_it_cannot_split_without_parsing(string text) => Assert.That(Scan(text), Is.Null);

    [Test]
    public void Gives_up_on_bytes_that_are_not_utf8() =>
        Assert.That(CsvRecordScan.Scan([.. Encoding.UTF8.GetBytes("id\n"), 0xFF, 0x0A]), Is.Null);

    [Test]
    public void Finds_the_lines_the_reader_finds_in_every_bundled_seed_file()
    {
        var seeds = BundledSeeds.Folder;
        var extract = new ExtractReader().Read(seeds);
        foreach (var spec in CaseSystemContract.AllTables)
        {
            var scan = CsvRecordScan.Scan(File.ReadAllBytes(Path.Combine(seeds, spec.RelativePath)));
            Assert.That(scan, Is.Not.Null, spec.Name);
            Assert.That(scan!.Skip(1).Select(r => r.Line), Is.EqualTo(extract[spec.Name].Rows.Select(r => r.Line).Order()), spec.Name);
        }
    }

    [Test]
    public void Finds_every_record_and_its_line_in_random_files_built_record_by_record()
    {
        // Each file is built from known records (quoted fields with commas, doubled quotes and line breaks of both
        // kinds; blank lines; both line ends; a last line with or without an end), so where each record starts and
        // the text it holds are known before the scan runs.
        var random = new Random(20261124);
        string[] plain = ["", "a", "123", "x y", "2026-04-01", "é"];
        string[] quoted = ["\"\"", "\"a,b\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"", "\"three\r\nlines\nhere\"", "\",\"", "\"\"\"\""];
        for (var file = 0; file < 300; file++)
        {
            var text = new StringBuilder();
            var expected = new List<(int Line, string Text)>();
            var line = 1;
            var records = random.Next(0, 12);
            for (var r = 0; r < records; r++)
            {
                while (random.Next(4) == 0)
                {
                    text.Append(random.Next(2) == 0 ? "\n" : "\r\n");   // a blank line
                    line++;
                }
                var fields = Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(3) == 0 ? quoted[random.Next(quoted.Length)] : plain[random.Next(plain.Length)]);
                var record = string.Join(",", fields);
                if (record.Length == 0) record = "\"\"";   // an empty record would be a blank line
                expected.Add((line, record));
                text.Append(record);
                line += record.Count(c => c == '\n');
                if (r < records - 1 || random.Next(2) == 0)
                {
                    text.Append(random.Next(2) == 0 ? "\n" : "\r\n");
                    line++;
                }
            }
            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            var scan = CsvRecordScan.Scan(bytes);
            Assert.That(scan, Is.Not.Null, text.ToString());
            Assert.That(scan!.Select(p => (p.Line, Encoding.UTF8.GetString(bytes, p.Start, p.Length))), Is.EqualTo(expected), text.ToString());
        }
    }

    [Test]
    public void Packed_fingerprints_read_back_the_same()
    {
        var scan = Scan("id\n1\n\"2\n2\"\n3\n")!;
        Assert.That(CsvRecordScan.Unpack(CsvRecordScan.Pack(scan)), Is.EqualTo(scan.Select(r => (r.Line, r.Hash))));
    }
}
