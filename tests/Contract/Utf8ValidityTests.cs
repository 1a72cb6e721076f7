using System.Text;
using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Contract;

/// <summary>
/// U+FFFD in a value: the decoder's mark for bytes that are not UTF-8, or a character the case system stored (it could
/// not convert a name itself). Only the first is a reason to quarantine.
/// </summary>
public class Utf8ValidityTests
{
    [Test]
    public void A_replacement_character_stored_in_a_UTF_8_file_is_a_value_and_the_row_is_loaded()
    {
        using var dir = new TempDir();
        var folder = new TestExtract().Row("children", ("child_id", "A"), ("first_name", "Zo\uFFFD"), ("sex", "F"), ("date_of_birth", "2010-05-01"))
            .Child("B").WriteTo(dir.File("x"));
        var e = new ExtractReader().Read(folder);
        Assert.That(e.Quarantine, Is.Empty);
        Assert.That(e["children"].Rows.Select(r => r.Text(3)), Is.EqualTo(new[] { "Zo\uFFFD", null }));
    }

    [Test]
    public void In_a_file_with_bytes_that_are_not_UTF_8_every_row_showing_a_replacement_character_is_quarantined()
    {
        using var dir = new TempDir();
        var folder = new TestExtract().Row("children", ("child_id", "A"), ("first_name", "Zo\uFFFD"), ("sex", "F")).Child("C").WriteTo(dir.File("x"));
        var path = Path.Combine(folder, "children.csv");
        var bytes = File.ReadAllBytes(path).Concat(Encoding.UTF8.GetBytes("B,,,Zo")).Append((byte)0xEB)
            .Concat(Encoding.UTF8.GetBytes(",,,,F,,,,,2016-01-01T00:00:00\n")).ToArray();
        File.WriteAllBytes(path, bytes);
        var e = new ExtractReader().Read(folder);
        // Decoded, the two names are the same text: which of them was a stored character is not known any more
        // (docs/DECISIONS.md "Invalid UTF-8").
        Assert.That(e.Quarantine.Select(q => (q.Line, q.Reason)), Is.EqualTo(new[] { (2, "not valid UTF-8"), (4, "not valid UTF-8") }));
        Assert.That(e["children"].Rows.Select(r => r.Text(0)), Is.EqualTo(new[] { "C" }));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void A_file_is_checked_in_blocks_without_losing_a_sequence_cut_by_a_block_end(int shift)
    {
        // 65,536-byte blocks: a three-byte character and a bad byte placed across and beside the first block's end.
        var prefix = Enumerable.Repeat((byte)'a', (1 << 16) - 2 + shift).ToArray();
        byte[] With(params byte[] tail) => prefix.Concat(tail).Concat("b"u8.ToArray()).ToArray();
        Assert.That(Utf8Validity.IsValid(() => new MemoryStream(With(0xE2, 0x82, 0xAC))), Is.True, "the euro sign");
        Assert.That(Utf8Validity.IsValid(() => new MemoryStream(With(0xEF, 0xBF, 0xBD))), Is.True, "U+FFFD itself");
        Assert.That(Utf8Validity.IsValid(() => new MemoryStream(With(0xE2, 0x82))), Is.False, "a sequence cut short");
        Assert.That(Utf8Validity.IsValid(() => new MemoryStream(With(0xE9))), Is.False, "Latin-1 e-acute");
        Assert.That(Utf8Validity.IsValid(() => new MemoryStream(prefix.Concat(new byte[] { 0xE2, 0x82 }).ToArray())), Is.False, "cut short at the end");
        Assert.That(Utf8Validity.IsValid(() => new MemoryStream([])), Is.True, "empty");
    }
}
