using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Contract;

/// <summary>Every bad-input class of CASE_SYSTEM.md: the run goes on, the bad row is quarantined with its reason, nothing else is lost.</summary>
public class BadInputTests
{
    private static Extract Read(TestExtract x, TempDir dir) => new ExtractReader().Read(x.WriteTo(dir.File("extract")));

    private static void AssertAccounted(Extract extract)
    {
        foreach (var a in extract.Accounting)
        {
            Assert.That(a.Read, Is.EqualTo(a.Loaded + a.Quarantined), $"{a.Table}: read = loaded + quarantined");
        }
    }

    private static QuarantinedRow Single(Extract e, string table) => e.Quarantine.Single(q => q.Table == table);

    private static TestExtract WithChildren(params string[] ids)
    {
        var x = new TestExtract();
        foreach (var id in ids) x.Child(id);
        return x;
    }

    [TestCase("0001-01-01")]
    [TestCase("1899-12-31")]
    [TestCase("2200-01-01")]
    public void A_placeholder_date_far_outside_any_childs_life_is_quarantined_and_the_run_goes_on(string date)
    {
        var x = WithChildren("A", "B");
        x.Row("referrals", ("referral_id", "R1"), ("child_id", "A"), ("referral_date", date), ("source", "1A"));
        x.Row("contacts", ("contact_id", "C1"), ("child_id", "B"), ("received_at", date + "T10:00"), ("source", "1A"));
        using var dir = new TempDir();
        Assert.That(Read(x, dir).Quarantine.Select(q => (q.Table, q.Column, q.Reason)), Is.EquivalentTo(new[]
        {
            ("referrals", (string?)"referral_date", ValueParser.ImplausibleYearReason),
            ("contacts", (string?)"received_at", ValueParser.ImplausibleYearReason),
        }));
        using var dir2 = new TempDir();
        Assert.That(() => Pipelines.Run(x, dir2), Throws.Nothing, "the run loads the rest");
    }

    [Test]
    public void A_31_01_2016_style_date_is_quarantined_naming_the_column()
    {
        var x = WithChildren("A", "B");
        x.Row("children", ("child_id", "C"), ("date_of_birth", "31/01/2016"), ("sex", "M"));
        using var dir = new TempDir();
        var e = Read(x, dir);
        var q = Single(e, "children");
        Assert.That((q.Line, q.Column, q.Reason), Is.EqualTo((4, "date_of_birth", "not a date YYYY-MM-DD")));
        Assert.That(q.RawText, Does.Contain("31/01/2016"), "the value is in the raw row (audit), never in the reason");
        Assert.That(q.RawText, Does.StartWith("C,"));
        Assert.That(e["children"].Rows.Count, Is.EqualTo(2));
        AssertAccounted(e);
    }

    [TestCase("V9,A,2016-01-05,CP,Y,,\"home\"x,,2016-01-01T00:00:00", TestName = "Text after a closing quote is malformed quoting, quarantined")]
    [TestCase("V9,A,2016-01-05,CP,Y,,ho\"me,,2016-01-01T00:00:00", TestName = "A quote inside an unquoted field is malformed quoting, quarantined")]
    public void Malformed_quoting_is_quarantined_not_loaded(string line)
    {
        var x = WithChildren("A");
        x.Row("visits", ("visit_id", "V1"), ("child_id", "A"), ("visit_date", "2016-01-04"), ("visit_type", "CP"), ("seen", "Y"));
        x.RawLine("visits", line);
        using var dir = new TempDir();
        var e = Read(x, dir);
        var q = Single(e, "visits");
        Assert.That((q.Line, q.Reason), Is.EqualTo((3, "malformed quoting (RFC 4180)")));
        Assert.That(e["visits"].Rows.Select(r => r.Text(0)), Is.EqualTo(new[] { "V1" }));
        AssertAccounted(e);
    }

    [Test]
    public void A_date_that_does_not_exist_is_quarantined()
    {
        var x = WithChildren("A");
        x.Row("children", ("child_id", "B"), ("date_of_birth", "2016-02-30"), ("sex", "M"));
        using var dir = new TempDir();
        var e = Read(x, dir);
        Assert.That(Single(e, "children").Reason, Does.Contain("not a date"));
        AssertAccounted(e);
    }

    [Test]
    public void A_timestamp_after_extracted_at_is_quarantined_last_modified_included()
    {
        var x = WithChildren("A");
        x.Row("contacts", ("contact_id", "C1"), ("child_id", "A"), ("received_at", "2016-02-01T06:00:01"), ("source", "1A"));
        x.Row("contacts", ("contact_id", "C2"), ("child_id", "A"), ("received_at", "2016-02-01T06:00:00"), ("source", "1A"));
        x.Row("teams", ("team_id", "T1"), ("team_name", "Front door"), ("service_area", "FRONT_DOOR"), ("last_modified", "2016-03-01T00:00"));
        using var dir = new TempDir();
        var e = Read(x, dir);
        Assert.That(Single(e, "contacts").Column, Is.EqualTo("received_at"));
        Assert.That(Single(e, "contacts").Reason, Does.Contain("after extracted_at"));
        Assert.That(Single(e, "teams").Column, Is.EqualTo("last_modified"));
        Assert.That(e["contacts"].Rows.Count, Is.EqualTo(1), "a timestamp equal to extracted_at is fine");
        AssertAccounted(e);
    }

    [Test]
    public void A_date_after_the_extraction_day_is_accepted()
    {
        var x = WithChildren("A");
        x.Row("referrals", ("referral_id", "R1"), ("child_id", "A"), ("referral_date", "2016-03-01"), ("source", "1A"));
        using var dir = new TempDir();
        var e = Read(x, dir);
        Assert.That(e["referrals"].Rows.Count, Is.EqualTo(1));
        Assert.That(e.Quarantine, Is.Empty);
    }

    [Test]
    public void Duplicate_ids_keep_the_later_last_modified_and_on_a_tie_the_row_nearer_the_end()
    {
        var x = new TestExtract();
        x.Row("children", ("child_id", "A"), ("sex", "M"), ("last_modified", "2016-01-02T00:00:00"));
        x.Row("children", ("child_id", "A"), ("sex", "F"), ("last_modified", "2016-01-01T00:00:00"));   // older: quarantined
        x.Row("children", ("child_id", "B"), ("sex", "M"), ("last_modified", "2016-01-01T00:00:00"));   // tie: quarantined
        x.Row("children", ("child_id", "B"), ("sex", "F"), ("last_modified", "2016-01-01T00:00:00"));
        using var dir = new TempDir();
        var e = Read(x, dir);
        var sex = e["children"].Spec.IndexOf("sex");
        Assert.That(e["children"].Rows.Select(r => (r.Text(0), r.Text(sex))), Is.EqualTo(new[] { ("A", "M"), ("B", "F") }));
        Assert.That(e.Quarantine.Select(q => q.Line), Is.EqualTo(new[] { 3, 4 }));
        Assert.That(e.Quarantine.All(q => q.Reason.StartsWith("duplicate child_id")), Is.True);
        AssertAccounted(e);
    }

    [Test]
    public void Overlapping_episodes_quarantine_the_one_that_starts_later_and_touching_episodes_do_not_overlap()
    {
        var x = WithChildren("A", "B");
        (string, string?)[] Ep(string id, string child, string start, string? end) =>
            [("episode_id", id), ("child_id", child), ("start_date", start), ("end_date", end), ("legal_status", "C2"),
             ("reason_new_episode", "S"), ("placement_type", "U1"), ("reason_ceased", end is null ? null : "E8")];
        x.Row("cla_episodes", Ep("E2", "A", "2015-02-01", "2015-04-01"));
        x.Row("cla_episodes", Ep("E1", "A", "2015-01-01", "2015-03-01"));
        x.Row("cla_episodes", Ep("E3", "A", "2015-03-01", null));          // overlaps only E2, which is already out: kept
        x.Row("cla_episodes", Ep("E6", "A", "2015-06-01", "2015-07-01"));  // inside open E3: quarantined
        x.Row("cla_episodes", Ep("E4", "B", "2015-01-01", "2015-02-01"));
        x.Row("cla_episodes", Ep("E5", "B", "2015-02-01", null));          // starts the day E4 ended: no overlap
        using var dir = new TempDir();
        var e = Read(x, dir);
        Assert.That(e.Quarantine.Select(q => q.RawText.Split(',')[0]), Is.EquivalentTo(new[] { "E2", "E6" }));
        Assert.That(e["cla_episodes"].Rows.Select(r => r.Text(0)), Is.EquivalentTo(new[] { "E1", "E3", "E4", "E5" }));
        AssertAccounted(e);
    }

    [Test]
    public void End_before_start_is_quarantined_and_end_equal_to_start_is_allowed()
    {
        var x = WithChildren("A");
        x.Row("early_help", ("early_help_id", "H1"), ("child_id", "A"), ("start_date", "2015-05-02"), ("end_date", "2015-05-01"));
        x.Row("early_help", ("early_help_id", "H2"), ("child_id", "A"), ("start_date", "2015-05-02"), ("end_date", "2015-05-02"));
        x.Row("contacts", ("contact_id", "C1"), ("child_id", "A"), ("received_at", "2015-05-02T10:00"), ("decision_at", "2015-05-02T09:59"), ("source", "1A"));
        using var dir = new TempDir();
        var e = Read(x, dir);
        Assert.That(Single(e, "early_help").Reason, Is.EqualTo("end_date is before start_date"));
        Assert.That(Single(e, "contacts").Reason, Is.EqualTo("decision_at is before received_at"));
        Assert.That(e["early_help"].Rows.Count, Is.EqualTo(1));
        AssertAccounted(e);
    }

    [Test]
    public void A_child_id_not_in_children_is_an_orphan_and_so_is_a_row_under_a_quarantined_parent()
    {
        var x = WithChildren("A");
        x.Row("children", ("child_id", "B"), ("sex", "X"));                                          // bad code: quarantined
        x.Row("referrals", ("referral_id", "R1"), ("child_id", "Z"), ("referral_date", "2015-05-01"), ("source", "1A"));
        x.Row("referrals", ("referral_id", "R2"), ("child_id", "B"), ("referral_date", "2015-05-01"), ("source", "1A"));
        x.Row("referrals", ("referral_id", "R3"), ("child_id", "A"), ("referral_date", "2015-05-01"), ("source", "1A"));
        x.Row("assessments", ("assessment_id", "A1"), ("referral_id", "R2"), ("child_id", "A"), ("start_date", "2015-05-02"));
        x.Row("referrals", ("referral_id", "R4"), ("child_id", "a"), ("referral_date", "2015-05-01"), ("source", "1A"));  // ids are exact strings
        using var dir = new TempDir();
        var e = Read(x, dir);
        // The reason names the column, not the id (reasons reach the pseudonymised data-quality lists); the raw row has it.
        Assert.That(e.Quarantine.Where(q => q.Table == "referrals").Select(q => (q.Reason, q.RawText!.Split(',')[1])), Is.EqualTo(new[]
        {
            ("orphan: child_id is not a loaded row of children", "Z"),
            ("orphan: child_id is not a loaded row of children", "B"),
            ("orphan: child_id is not a loaded row of children", "a"),
        }));
        Assert.That(Single(e, "assessments").Reason, Is.EqualTo("orphan: referral_id is not a loaded row of referrals"));
        Assert.That(e["referrals"].Rows.Single().Text(0), Is.EqualTo("R3"));
        AssertAccounted(e);
    }

    [Test]
    public void Codes_outside_the_lists_are_quarantined_and_codes_are_case_sensitive()
    {
        var x = WithChildren("A");
        x.Row("children", ("child_id", "B"), ("sex", "m"));
        x.Row("contacts", ("contact_id", "C1"), ("child_id", "A"), ("received_at", "2015-05-02T10:00"), ("source", "11"));
        using var dir = new TempDir();
        var e = Read(x, dir);
        Assert.That(Single(e, "children").Reason, Is.EqualTo("code not in the list"));
        Assert.That(Single(e, "contacts").Column, Is.EqualTo("source"));
        AssertAccounted(e);
    }

    [Test]
    public void A_missing_required_value_is_quarantined_and_values_are_not_trimmed()
    {
        var x = WithChildren("A");
        x.Row("children", ("child_id", "B"));                                   // sex missing
        x.Row("children", ("child_id", "C"), ("sex", "M "));                     // not trimmed: not a code
        x.Row("children", ("child_id", "D"), ("sex", "F"), ("date_of_birth", " 2010-01-01"));
        using var dir = new TempDir();
        var e = Read(x, dir);
        Assert.That(e.Quarantine.Select(q => (q.Column, q.Reason)), Is.EqualTo(new[]
        {
            ("sex", "required value is missing"),
            ("sex", "code not in the list"),
            ("date_of_birth", "not a date YYYY-MM-DD"),
        }));
        AssertAccounted(e);
    }

    [Test]
    public void Names_with_embedded_newlines_quotes_HTML_and_SQL_load_verbatim_and_line_numbers_stay_right()
    {
        var x = new TestExtract();
        x.Row("children", ("child_id", "A"), ("sex", "F"), ("first_name", "Line one\nline \"two\""), ("last_name", "<script>alert(1)</script>"));
        x.Row("children", ("child_id", "B"), ("sex", "M"), ("first_name", "Robert'); DROP TABLE children;--"), ("last_name", "O'Brien, Jr"));
        x.Row("children", ("child_id", "C"), ("sex", "Q"));
        using var dir = new TempDir();
        var e = Read(x, dir);
        var first = e["children"].Spec.IndexOf("first_name");
        var last = e["children"].Spec.IndexOf("last_name");
        Assert.That(e["children"].Rows[0].Text(first), Is.EqualTo("Line one\nline \"two\""));
        Assert.That(e["children"].Rows[0].Text(last), Is.EqualTo("<script>alert(1)</script>"));
        Assert.That(e["children"].Rows[1].Text(first), Is.EqualTo("Robert'); DROP TABLE children;--"));
        Assert.That(e["children"].Rows[1].Text(last), Is.EqualTo("O'Brien, Jr"));
        // Header line 1; A spans lines 2-3; B is line 4; C is line 5.
        Assert.That(e["children"].Rows.Select(r => r.Line), Is.EqualTo(new[] { 2, 4 }));
        Assert.That(Single(e, "children").Line, Is.EqualTo(5));
    }

    [Test]
    public void A_truncated_last_line_and_a_row_with_the_wrong_field_count_are_quarantined()
    {
        using var dir = new TempDir();
        var folder = WithChildren("A").WriteTo(dir.File("extract"));
        var path = Path.Combine(folder, "children.csv");
        File.AppendAllText(path, "B,,,,,,,F,,,,,2016-01-01T00:00:00,extra\n" + "C,999,123,Ann,Lee,2010-0");   // no newline at the end
        var e = new ExtractReader().Read(folder);
        Assert.That(e.Quarantine.Select(q => (q.Line, q.Reason)), Is.EqualTo(new[]
        {
            (3, "has 14 fields, the header has 13"),
            (4, "has 6 fields, the header has 13"),
        }));
        Assert.That(e["children"].Rows.Count, Is.EqualTo(1));
        AssertAccounted(e);
    }

    [Test]
    public void Bytes_that_are_not_UTF_8_quarantine_the_row_and_blank_lines_are_not_rows_and_a_BOM_is_tolerated()
    {
        using var dir = new TempDir();
        var folder = WithChildren("A").WriteTo(dir.File("extract"));
        var path = Path.Combine(folder, "children.csv");
        var bytes = new List<byte>([0xEF, 0xBB, 0xBF]);
        bytes.AddRange(File.ReadAllBytes(path));
        bytes.AddRange("\n\nB,,,J"u8.ToArray());
        bytes.AddRange(new byte[] { 0xE9 });          // Latin-1 e-acute: not UTF-8
        bytes.AddRange(",,,,M,,,,,2016-01-01T00:00:00\nC,,,,,,,M,,,,,2016-01-01T00:00:00\n"u8.ToArray());
        File.WriteAllBytes(path, bytes.ToArray());
        var e = new ExtractReader().Read(folder);
        Assert.That(Single(e, "children").Reason, Is.EqualTo("not valid UTF-8"));
        Assert.That(Single(e, "children").Line, Is.EqualTo(5));
        Assert.That(e["children"].Rows.Select(r => r.Text(0)), Is.EqualTo(new[] { "A", "C" }));
        Assert.That(e["children"].Read, Is.EqualTo(3));
        AssertAccounted(e);
    }

    [Test]
    public void An_empty_file_with_only_its_header_is_fine_and_unknown_columns_give_one_warning()
    {
        var x = WithChildren("A");
        x.HeaderLine("teams", TestExtract.Header("teams") + ",colour");
        using var dir = new TempDir();
        var e = Read(x, dir);
        Assert.That(e["teams"].Rows, Is.Empty);
        Assert.That(e.Warnings, Is.EqualTo(new[] { "teams.csv: unknown column(s) ignored: colour" }));
    }

    [Test]
    public void An_absent_optional_column_reads_as_empty()
    {
        var x = new TestExtract();
        x.HeaderLine("children", "child_id,sex,last_modified");
        x.RawLine("children", "A,F,2016-01-01T00:00:00");
        using var dir = new TempDir();
        var e = Read(x, dir);
        Assert.That(e["children"].Rows.Single().Text(e["children"].Spec.IndexOf("nhs_number")), Is.Null);
    }

    [TestCase("children.csv", null, "file is missing")]
    [TestCase("reference/bank_holidays.csv", null, "file is missing")]
    [TestCase("manifest.json", null, "manifest.json is missing")]
    [TestCase("manifest.json", "{not json", "not valid JSON")]
    [TestCase("manifest.json", "{\"extracted_at\": \"2016-02-01T06:00:00\"}", "lacks la_code")]
    [TestCase("manifest.json", "{\"la_code\": \"874\"}", "lacks extracted_at")]
    [TestCase("contacts.csv", "contact_id,child_id,source,last_modified\n", "header lacks required column received_at")]
    [TestCase("contacts.csv", "contact_id;child_id;received_at;source;last_modified\n", "header lacks required column contact_id")]
    [TestCase("visits.csv", "", "has no header row")]
    [TestCase("peps.csv", "pep_id,child_id,pep_date,pep_type,last_modified,pep_id\n", "column pep_id appears more than once in the header")]
    public void An_unusable_extract_stops_with_one_message_naming_the_file(string file, string? content, string message)
    {
        using var dir = new TempDir();
        var folder = WithChildren("A").WriteTo(dir.File("extract"));
        var path = Path.Combine(folder, file);
        if (content is null) File.Delete(path);
        else File.WriteAllText(path, content);
        var e = Assert.Throws<ExtractUnusableException>(() => new ExtractReader().Read(folder))!;
        Assert.That(e.Message, Does.Contain(file.Replace('/', Path.DirectorySeparatorChar)).Or.Contain(Path.GetFileName(file)));
        Assert.That(e.Message, Does.Contain(message));
    }

    [Test]
    public void A_duplicate_key_in_reference_data_makes_the_extract_unusable()
    {
        var x = WithChildren("A");
        x.Row("population", ("la_code", "874"), ("mid_year", "2015"), ("age_0_17", "1"));
        x.Row("population", ("la_code", "874"), ("mid_year", "2015"), ("age_0_17", "2"));
        using var dir = new TempDir();
        var e = Assert.Throws<ExtractUnusableException>(() => Read(x, dir))!;
        Assert.That(e.Message, Does.Contain("reference/population.csv: duplicate la_code+mid_year '874+2015'"));
    }
}
