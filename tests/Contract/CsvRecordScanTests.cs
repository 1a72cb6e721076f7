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
    public void Packed_fingerprints_read_back_the_same()
    {
        var scan = Scan("id\n1\n\"2\n2\"\n3\n")!;
        Assert.That(CsvRecordScan.Unpack(CsvRecordScan.Pack(scan)), Is.EqualTo(scan.Select(r => (r.Line, r.Hash))));
    }
}
