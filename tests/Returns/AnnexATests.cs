using ChildrensWarehouse.Cli;
using ChildrensWarehouse.Returns;
using ChildrensWarehouse.Tests.TestSupport;
using ClosedXML.Excel;
using CsvHelper;

namespace ChildrensWarehouse.Tests.Returns;

/// <summary>Ofsted's Annex A lists: the template's headings and order, the look-back, whole-history counts, values as the template's.</summary>
public class AnnexATests
{
    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = EtlCli.RunAsync(args, stdout, stderr).GetAwaiter().GetResult();
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Test]
    public void The_lists_have_the_headings_and_column_order_of_the_published_template()
    {
        if (Repo.Shared is null) Assert.Ignore("../shared is absent: the Annex A column headings (../shared/samples/annex_a/annex_a_column_headings.csv) cannot be read");
        using var reader = new StreamReader(Path.Combine(Repo.Shared!, "samples", "annex_a", "annex_a_column_headings.csv"));
        using var csv = new CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        var expected = csv.GetRecords<dynamic>().Select(r => (List: int.Parse((string)r.list), Position: int.Parse((string)r.position), Heading: (string)r.heading))
            .GroupBy(r => r.List).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Position).Select(r => r.Heading).ToList());
        Assert.That(AnnexACodes.Lists.Keys, Is.EquivalentTo(expected.Keys));
        foreach (var (list, headings) in expected) Assert.That(AnnexACodes.Lists[list].Headings, Is.EqualTo(headings), $"list {list}");
    }

    /// <summary>
    /// Child A: contacts on 10 Jan 2016 (police) and 1 Jun 2015 (outside the six months to 31 Jan 2016); referrals on
    /// 1 Jun 2014, 1 Mar 2015 and 1 Sep 2015; three CP plans in 2010-2012 and a fourth from 1 Oct 2015, visited (seen alone)
    /// on 20 Jan 2016 and reviewed on 5 Jan 2016; allocated to Worker W1 of the Safeguarding team.
    /// </summary>
    private static TestExtract Inspection()
    {
        var x = new TestExtract();
        x.Child("A", "2010-05-01", "M");
        x.Row("teams", ("team_id", "T1"), ("team_name", "Safeguarding team"), ("service_area", "FAMILY_SUPPORT"));
        x.Row("workers", ("worker_id", "W1"), ("display_name", "Worker W1"), ("team_id", "T1"), ("role", "QSW"), ("fte", "1"), ("start_date", "2010-01-01"));
        x.Row("allocations", ("allocation_id", "AL1"), ("child_id", "A"), ("worker_id", "W1"), ("start_date", "2015-06-01"));
        x.Row("contacts", ("contact_id", "C1"), ("child_id", "A"), ("received_at", "2016-01-10T09:00:00"), ("source", "6"), ("decision_at", "2016-01-10T10:00:00"), ("outcome", "NFA"));
        x.Row("contacts", ("contact_id", "C0"), ("child_id", "A"), ("received_at", "2015-06-01T09:00:00"), ("source", "1A"), ("decision_at", "2015-06-01T10:00:00"), ("outcome", "NFA"));
        foreach (var (id, date, closed) in new[] { ("R0", "2014-06-01", "2014-07-01"), ("R1", "2015-03-01", "2015-04-01"), ("R2", "2015-09-01", (string?)null) })
        {
            x.Row("referrals", ("referral_id", id), ("child_id", "A"), ("referral_date", date), ("source", "2A"), ("primary_need", "N1"), ("closure_date", closed),
                ("closure_reason", closed is null ? null : "RC1"));
        }
        foreach (var (id, start, end) in new[] { ("P1", "2010-02-01", "2010-09-01"), ("P2", "2011-02-01", "2011-09-01"), ("P3", "2012-02-01", "2012-09-01"), ("P4", "2015-10-01", (string?)null) })
        {
            x.Row("cp_plans", ("cp_plan_id", id), ("referral_id", "R2"), ("child_id", "A"), ("start_date", start), ("end_date", end), ("category", "NEGLECT"));
        }
        x.Row("cp_reviews", ("cp_review_id", "V1"), ("cp_plan_id", "P4"), ("review_date", "2016-01-05"));
        x.Row("visits", ("visit_id", "VS1"), ("child_id", "A"), ("visit_date", "2016-01-20"), ("visit_type", "CP"), ("seen", "Y"), ("seen_alone", "Y"), ("location", "HOME"));
        return x;
    }

    private static IReadOnlyDictionary<string, IXLCell> Row(IXLWorksheet sheet, int row)
    {
        var headings = sheet.Row(1).CellsUsed().ToDictionary(c => c.Address.ColumnNumber, c => c.GetString());
        return headings.ToDictionary(h => h.Value, h => sheet.Cell(row, h.Key));
    }

    [Test]
    public void The_lists_look_back_six_months_count_the_whole_history_and_use_the_template_values()
    {
        using var dir = new TempDir();
        var run = Pipelines.Run(Inspection(), dir);
        var path = dir.File("annex-a.xlsx");
        var (code, output, err) = Cli("annex-a", "--warehouse", run.WarehousePath, "--as-at", "2016-01-31", "--out", path);
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(output, Does.Contain("List 1 (Contacts): 1 rows"));
        using var workbook = new XLWorkbook(path);
        Assert.That(workbook.Worksheets.Select(w => w.Name), Is.EqualTo(Enumerable.Range(1, 11).Select(i => $"List {i}")));

        var contacts = workbook.Worksheet("List 1");
        Assert.That(contacts.LastRowUsed().RowNumber(), Is.EqualTo(2), "the June 2015 contact is before the six months to 31 January 2016");
        var contact = Row(contacts, 2);
        Assert.That(contact["Child Unique ID"].GetString(), Is.EqualTo("A"));
        Assert.That(contact["Gender"].GetString(), Is.EqualTo("a) Male"));
        Assert.That(contact["Age of Child (Years)"].GetValue<int>(), Is.EqualTo(5));
        Assert.That(contact["Date of Contact"].DataType, Is.EqualTo(XLDataType.DateTime), "a real date");
        Assert.That(contact["Date of Contact"].GetDateTime(), Is.EqualTo(new DateTime(2016, 1, 10)));
        Assert.That(contact["Contact Source"].GetString(), Is.EqualTo("q) 6: Police"));

        var referrals = workbook.Worksheet("List 3");
        Assert.That(referrals.LastRowUsed().RowNumber(), Is.EqualTo(2), "only the September referral is in the six months");
        var referral = Row(referrals, 2);
        Assert.That(referral["Number of Referrals in Last 12 Months"].GetValue<int>(), Is.EqualTo(1), "March 2015 is within 12 months of 1 Sep 2015; June 2014 is not");
        Assert.That(referral["Referral Source"].GetString(), Is.EqualTo("e) 2A: Schools"));
        Assert.That((referral["Allocated Team"].GetString(), referral["Allocated Worker"].GetString()), Is.EqualTo(("Safeguarding team", "Worker W1")));

        var plans = workbook.Worksheet("List 7");
        Assert.That(plans.LastRowUsed().RowNumber(), Is.EqualTo(2), "the 2010-2012 plans ended long before the look-back");
        var plan = Row(plans, 2);
        Assert.That(plan["Number of Previous Child Protection Plans"].GetValue<int>(), Is.EqualTo(3), "the whole history, however long ago");
        Assert.That(plan["Child Protection Plan Start Date"].GetDateTime(), Is.EqualTo(new DateTime(2015, 10, 1)));
        Assert.That(plan["Initial Category of Abuse"].GetString(), Is.EqualTo("a) Neglect"));
        Assert.That(plan["Date of the Last Statutory Visit"].GetDateTime(), Is.EqualTo(new DateTime(2016, 1, 20)));
        Assert.That(plan["Was the Child Seen Alone?"].GetString(), Is.EqualTo("a) Yes"));
        Assert.That(plan["Date of latest review conference"].GetDateTime(), Is.EqualTo(new DateTime(2016, 1, 5)));
        Assert.That(plan["Child Protection Plan End Date"].IsEmpty(), Is.True);

        var cin = workbook.Worksheet("List 6");
        Assert.That(cin.LastRowUsed().RowNumber(), Is.EqualTo(2), "R2 is open; R1 closed on 1 Apr 2015, before the six months");
        Assert.That(Row(cin, 2)["Case Status"].GetString(), Is.EqualTo("b) Child Protection plan"));
        Assert.That(workbook.Worksheet("List 11").LastRowUsed().RowNumber(), Is.EqualTo(1), "no adopters in the case-system contract: headings only");
    }

    [Test]
    public void The_Annex_A_workbook_loads_again_as_a_source_row_for_row()
    {
        using var dir = new TempDir();
        var run = Pipelines.Run(Inspection(), dir);
        var path = dir.File("annex-a.xlsx");
        Assert.That(Cli("annex-a", "--warehouse", run.WarehousePath, "--as-at", "2016-01-31", "--out", path).Code, Is.EqualTo(0));
        var (code, output, err) = Cli("run", "--source", $"annexa:{path};la:874", "--warehouse", dir.File("again.duckdb"), "--out", dir.File("out"));
        Assert.That(code, Is.EqualTo(0), output + err);
        var extract = new ChildrensWarehouse.Contract.ExtractReader().Read($"annexa:{path};la:874");
        Assert.That(extract.Manifest.ExtractedAt, Is.EqualTo(new DateTime(2016, 1, 20, 23, 59, 59)), "the latest event date in the lists (the visit)");
        Assert.That(extract.SourceAccounting.All(a => a.Balanced && a.Quarantined == 0), Is.True);
        var contacts = extract["contacts"];
        var contact = contacts.Rows.Single();
        Assert.That((contact.Text(contacts.Spec.IndexOf("child_id")), contact.Text(contacts.Spec.IndexOf("source"))), Is.EqualTo(("A", "6")), "q) 6: Police read back as 6");
        var plans = extract["cp_plans"];
        Assert.That(plans.Rows.Single().Text(plans.Spec.IndexOf("referral_id")), Is.EqualTo("A/2015-09-01"), "the plan belongs to the latest referral before it");
        var children = extract["children"];
        Assert.That(children.Rows.Single().Text(children.Spec.IndexOf("sex")), Is.EqualTo("M"));
        Assert.That(extract["visits"].Rows, Has.Count.EqualTo(1), "the last statutory visit");
    }

    [Test]
    public void Annex_A_from_the_seeds_warehouse_fills_every_list_the_contract_supports()
    {
        using var dir = new TempDir();
        var path = dir.File("annex-a.xlsx");
        var (code, _, err) = Cli("annex-a", "--warehouse", BundledSeeds.Summary.WarehousePath, "--as-at", "2016-01-31", "--out", path);
        Assert.That(code, Is.EqualTo(0), err);
        using var workbook = new XLWorkbook(path);
        for (var list = 1; list <= 10; list++)
        {
            var sheet = workbook.Worksheet($"List {list}");
            Assert.That(sheet.LastRowUsed().RowNumber(), Is.GreaterThan(1), $"list {list} has rows");
            Assert.That(sheet.Row(1).CellsUsed().Select(c => c.GetString()), Is.EqualTo(AnnexACodes.Lists[list].Headings), $"list {list}");
        }
        var missingDate = Cli("annex-a", "--warehouse", BundledSeeds.Summary.WarehousePath, "--out", path);
        Assert.That(missingDate.Code, Is.EqualTo(ExitCodes.BadArguments));
    }
}
