using ChildrensWarehouse.Cli;
using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Returns;
using ChildrensWarehouse.Tests.TestSupport;
using ChildrensWarehouse.Warehouse;
using static ChildrensWarehouse.Tests.Returns.ReturnFiles;

namespace ChildrensWarehouse.Tests.Returns;

/// <summary>The statutory returns as a source: hand-made SSDA903 and CIN files, counts worked out by hand.</summary>
public class ReturnsSourceTests
{
    /// <summary>
    /// Two years of SSDA903. Child A comes into care on 1 Feb 2015 (open at the 2015 year end); the 2016 return repeats the
    /// episode, now ended on 10 Jun 2015 by a change of placement (X1, then RNE P). Child B is in the 2015 return only: in
    /// care from 1 Jun 2014, home on 1 Mar 2015 (E13).
    /// </summary>
    private static string TwoYears(TempDir dir)
    {
        var root = dir.File("903");
        Csv(Path.Combine(root, "2015"), "header.csv", Header, "A,1,01/05/2005,WBRI,,,", "B,2,10/10/2003,WBRI,,,");
        Csv(Path.Combine(root, "2015"), "episodes.csv", Episodes,
            "A,01/02/2015,S,C2,N1,U4,PR1,,,,,PE1 2AB,",
            "B,01/06/2014,S,V2,N1,U6,PR1,01/03/2015,E13,,,PE3 1XY,");
        Csv(Path.Combine(root, "2015"), "reviews.csv", Reviews, "A,01/05/2005,27/02/2015,PN1");
        Csv(Path.Combine(root, "2015"), "missing.csv", Missing, "A,01/05/2005,M,10/02/2015,11/02/2015");
        Csv(Path.Combine(root, "2016"), "header.csv", Header, "A,1,01/05/2005,WBRI,,,");
        Csv(Path.Combine(root, "2016"), "episodes.csv", Episodes,
            "A,01/02/2015,S,C2,N1,U4,PR1,10/06/2015,X1,,,PE1 2AB,",
            "A,10/06/2015,P,C2,N1,U5,PR1,,,,,PE2 3CD,");
        Csv(Path.Combine(root, "2016"), "reviews.csv", Reviews, "A,01/05/2005,27/02/2015,PN1", "A,01/05/2005,10/05/2015,PN2");
        return $"903:{root};la:874;reference:{Reference(dir.File("reference"))}";
    }

    [Test]
    public void Two_years_of_903_merge_with_the_later_year_winning_and_every_row_accounted_for()
    {
        using var dir = new TempDir();
        var run = Run(TwoYears(dir), dir);
        Assert.That(run.Manifest.LaCode, Is.EqualTo("874"));
        Assert.That(run.Manifest.ExtractedAt, Is.EqualTo(new DateTime(2016, 3, 31, 23, 59, 59)), "the end of the latest collection year");
        var episodes = run.Accounting.Single(a => a.Table == "cla_episodes");
        Assert.That((episodes.Read, episodes.Loaded, episodes.Quarantined), Is.EqualTo((3L, 3L, 0L)), "A's 2015 episode is superseded by the 2016 one");
        var children = run.Accounting.Single(a => a.Table == "children");
        Assert.That((children.Read, children.Loaded), Is.EqualTo((2L, 2L)));

        var files = run.SourceAccounting.ToDictionary(a => a.File);
        Assert.That(run.SourceAccounting.All(a => a.Balanced), Is.True, "read = loaded + quarantined + not used, every file");
        Assert.That((files["2015/episodes.csv"].Read, files["2015/episodes.csv"].Loaded, files["2015/episodes.csv"].NotUsedCount), Is.EqualTo((2L, 1L, 1L)));
        Assert.That(files["2015/episodes.csv"].NotUsed.Keys.Single(), Does.Contain("superseded by the 2016 return"));
        Assert.That((files["2016/episodes.csv"].Read, files["2016/episodes.csv"].Loaded), Is.EqualTo((2L, 2L)));
        Assert.That((files["2015/header.csv"].Read, files["2015/header.csv"].Loaded, files["2015/header.csv"].NotUsedCount), Is.EqualTo((2L, 1L, 1L)));
        Assert.That(files["2015/reviews.csv"].NotUsedCount, Is.EqualTo(1), "the 2016 return repeats the review");
        Assert.That(files["2015/missing.csv"].NotUsed.Single().Key, Does.Contain("no table in the case-system contract"));

        // A: one period of care from 1 Feb 2015 (the episodes join); B: 1 Jun 2014 to 1 Mar 2015 (short breaks are V3/V4, not V2).
        Assert.That(run.Kpi("K10", "2015-02-28").Numerator, Is.EqualTo(2m));
        Assert.That(run.Kpi("K10", "2016-03-31").Numerator, Is.EqualTo(1m));
        Assert.That(run.Kpi("K10", "2016-03-31").Value, Is.EqualTo(0.25m), "1 per 40,000, per 10,000: the population came from reference:");
        // K33, year to 31 March 2015: B's period ended on 1 Mar 2015 with E13 (home).
        Assert.That((run.Kpi("K33", "2015-03-31").Numerator, run.Kpi("K33", "2015-03-31").Denominator), Is.EqualTo(((decimal?)1m, (decimal?)1m)));
        // K11 at 31 March 2016: A has two spells (the P episode in U5 starts one), fewer than 3.
        Assert.That((run.Kpi("K11", "2016-03-31").Numerator, run.Kpi("K11", "2016-03-31").Denominator), Is.EqualTo(((decimal?)0m, (decimal?)1m)));
        Assert.That(run.Kpi("K32", "2016-03-31").Numerator, Is.EqualTo(31m), "A looked after every day of March 2016");
    }

    /// <summary>
    /// A legal status changed twice on one day: child D's 903 holds an episode that starts and ends on 1 Jun 2015 between
    /// one ending that day and one starting that day. All three are D's care (one period of care from 1 Feb 2015); the
    /// same-day episode is not a duplicate of the one after it. The same row given twice in one return still is.
    /// </summary>
    [Test]
    public void An_episode_that_starts_and_ends_on_one_day_is_kept_beside_the_one_starting_that_day()
    {
        using var dir = new TempDir();
        var root = dir.File("903");
        Csv(Path.Combine(root, "2016"), "header.csv", Header, "D,1,01/05/2005,WBRI,,,");
        Csv(Path.Combine(root, "2016"), "episodes.csv", Episodes,
            "D,01/02/2015,S,V2,N1,U4,PR1,01/06/2015,X1,,,PE1 2AB,",
            "D,01/06/2015,L,C2,N1,U4,PR1,01/06/2015,X1,,,PE1 2AB,",
            "D,01/06/2015,L,J2,N1,U4,PR1,,,,,PE1 2AB,");
        var run = Run($"903:{root};la:874;reference:{Reference(dir.File("reference"))}", dir);
        var episodes = run.Accounting.Single(a => a.Table == "cla_episodes");
        Assert.That((episodes.Read, episodes.Loaded, episodes.Quarantined), Is.EqualTo((3L, 3L, 0L)));
        // In care on 31 March 2016 in one period of care that started on 1 Feb 2015: looked after, no period ended in the year.
        Assert.That(run.Kpi("K10", "2016-03-31").Numerator, Is.EqualTo(1m));
        Assert.That(run.Kpi("K33", "2016-03-31").Denominator, Is.EqualTo(0m), "no period of care ended in the year to 31 March 2016");

        Csv(Path.Combine(root, "2016"), "episodes.csv", Episodes,
            "D,01/02/2015,S,V2,N1,U4,PR1,01/06/2015,X1,,,PE1 2AB,",
            "D,01/06/2015,L,C2,N1,U4,PR1,01/06/2015,X1,,,PE1 2AB,",
            "D,01/06/2015,L,C2,N1,U4,PR1,01/06/2015,X1,,,PE1 2AB,",
            "D,01/06/2015,L,J2,N1,U4,PR1,,,,,PE1 2AB,");
        var extract = new ExtractReader().Read($"903:{root};la:874");
        Assert.That(extract["cla_episodes"].Rows.Count, Is.EqualTo(3));
        Assert.That(extract.Quarantine.Single(q => q.Table == "cla_episodes").Line, Is.EqualTo(3), "the earlier copy of the repeated same-day row (on a tie the row nearer the end of the file wins)");
    }

    [Test]
    public void Indicators_the_903_cannot_support_are_not_available_never_zero()
    {
        using var dir = new TempDir();
        var run = Run(TwoYears(dir), dir);
        var k13 = run.Kpi("K13", "2016-03-31");
        Assert.That((k13.Numerator, k13.Denominator, k13.Value), Is.EqualTo(((decimal?)null, (decimal?)null, (decimal?)null)));
        Assert.That(k13.Availability, Is.EqualTo("not available from this source: the SSDA903 return holds no visits"));
        Assert.That(k13.ToCsv(), Is.EqualTo("K13,2016-03-31,,,"), "the contract's columns, left empty");
        Assert.That(run.Kpi("K01", "2016-03-31").Availability, Does.Contain("holds no contact outcomes"));
        Assert.That(run.Kpi("K10", "2016-03-31").Availability, Is.Null);

        using var db = new DuckDB.NET.Data.DuckDBConnection($"Data Source={run.WarehousePath};ACCESS_MODE=READ_ONLY");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT (SELECT count(*) FROM fact.kpi_month WHERE indicator_code = 'K13'), (SELECT reason FROM mart.kpi_availability WHERE indicator_code = 'K13')";
        using var reader = cmd.ExecuteReader();
        reader.Read();
        Assert.That(reader.GetInt64(0), Is.EqualTo(0), "no rows (and so no zeros) in fact.kpi_month");
        Assert.That(reader.GetString(1), Does.Contain("holds no visits"));

        var stored = KpiStore.Read(run.WarehousePath, "874", 1);
        Assert.That(stored.Single(k => k.IndicatorCode == "K13").ToCsv(), Is.EqualTo("K13,2016-03-31,,,"));
        var table = new StringWriter();
        KpiOutput.Write(stored, "table", table);
        Assert.That(table.ToString(), Does.Contain("K13       2016-03-31  not available from this source: the SSDA903 return holds no visits"));

        var pack = ChildrensWarehouse.Reports.PackRenderer.Render(new ChildrensWarehouse.Reports.PackOptions { WarehousePath = run.WarehousePath, OutputFolder = dir.File("pack") });
        var html = File.ReadAllText(pack.HtmlPath);
        Assert.That(html, Does.Contain("data-not-available=\"K13\""));
        Assert.That(html, Does.Contain("not available from this source: the SSDA903 return holds no visits"));
    }

    [Test]
    public void Codes_dates_and_orphans_are_quarantined_with_the_return_file_line_and_reason_and_2025_sex_codes_map()
    {
        using var dir = new TempDir();
        var root = dir.File("returns");
        Csv(Path.Combine(root, "2024"), "header.csv", Header, "N1,1,01/01/2010,WBRI,,,", "N2,2,01/01/2010,WBRI,,,");
        Csv(Path.Combine(root, "2025"), "header.csv", Header, "M1,M,01/01/2010,WBRI,,,", "F1,F,01/01/2010,WBRI,,,", "U1,U,01/01/2010,WBRI,,,", "X1,3,01/01/2010,WBRI,,,");
        Csv(Path.Combine(root, "2025"), "episodes.csv", Episodes,
            "M1,01/01/2025,S,C2,N1,Z9,PR1,,,,,,",
            "F1,31/02/2025,S,C2,N1,U4,PR1,,,,,,",
            "U1,01/01/2025,S,C2,N1,U4,PR1,,X1,,,,",
            "ZZ,01/01/2025,S,C2,N1,U4,PR1,,,,,,");
        var run = Run($"903:{root};la:874", dir);
        var extract = new ExtractReader().Read($"903:{root};la:874");
        var sex = extract["children"].Rows.ToDictionary(r => r.Text(0)!, r => r.Text(extract["children"].Spec.IndexOf("sex")));
        Assert.That(sex, Is.EquivalentTo(new Dictionary<string, string?> { ["N1"] = "M", ["N2"] = "F", ["M1"] = "M", ["F1"] = "F", ["U1"] = "U" }),
            "1/2 until 2024, M/F/U from 2025, all read as the contract's M/F/U");
        var q = run.Accounting.Single(a => a.Table == "cla_episodes");
        Assert.That((q.Read, q.Loaded, q.Quarantined), Is.EqualTo((4L, 1L, 3L)));
        var quarantine = extract.Quarantine.Select(x => (x.Table, x.File, x.Line, x.Column, x.Reason)).ToList();
        Assert.That(quarantine, Does.Contain(("children", "2025/header.csv", 5, (string?)"sex", "code not in the list")));
        Assert.That(quarantine, Does.Contain(("cla_episodes", "2025/episodes.csv", 2, (string?)"placement_type", "code not in the list")));
        Assert.That(quarantine, Does.Contain(("cla_episodes", "2025/episodes.csv", 3, (string?)null, "DECOM is not a date dd/mm/yyyy")));
        Assert.That(quarantine, Does.Contain(("cla_episodes", "2025/episodes.csv", 5, (string?)"child_id", "orphan: child_id is not a loaded row of children")));
        Assert.That(extract.SourceAccounting.All(a => a.Balanced), Is.True);
        // U1's open episode with REC X1 loads with no reason ceased (X1 is not an ending).
        var episode = extract["cla_episodes"].Rows.Single();
        Assert.That(episode.Text(extract["cla_episodes"].Spec.IndexOf("reason_ceased")), Is.Null);
    }

    private const string CensusChildren = """
        <Child>
          <ChildIdentifiers><LAchildID>C</LAchildID><PersonBirthDate>2008-04-01</PersonBirthDate><GenderCurrent>2</GenderCurrent></ChildIdentifiers>
          <ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>
          <CINdetails>
            <CINreferralDate>2015-05-01</CINreferralDate><ReferralSource>1A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>
            <CINclosureDate>2015-08-01</CINclosureDate><ReasonForClosure>RC1</ReasonForClosure><ReferralNFA>1</ReferralNFA>
          </CINdetails>
          <CINdetails>
            <CINreferralDate>2015-12-01</CINreferralDate><ReferralSource>6</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>
            <Assessments><AssessmentActualStartDate>2015-12-02</AssessmentActualStartDate><AssessmentAuthorisationDate>2016-01-10</AssessmentAuthorisationDate>
              <FactorsIdentifiedAtAssessment><AssessmentFactors>1C</AssessmentFactors><AssessmentFactors>4A</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>
            <Section47><S47ActualStartDate>2015-12-10</S47ActualStartDate><DateOfInitialCPC>2016-01-05</DateOfInitialCPC><ICPCnotRequired>false</ICPCnotRequired></Section47>
            <ReferralNFA>0</ReferralNFA>
            <ChildProtectionPlans><CPPstartDate>2016-01-05</CPPstartDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>
              <NumberOfPreviousCPP>0</NumberOfPreviousCPP><Reviews><CPPreviewDate>2016-03-20</CPPreviewDate></Reviews></ChildProtectionPlans>
          </CINdetails>
        </Child>
        <Child>
          <ChildIdentifiers><LAchildID>E</LAchildID><PersonBirthDate>2009-01-01</PersonBirthDate><Sex>U</Sex></ChildIdentifiers>
          <ChildCharacteristics><Ethnicity>NOBT</Ethnicity></ChildCharacteristics>
          <CINdetails><CINreferralDate>2015-06-01</CINreferralDate><ReferralSource>2A</ReferralSource><CINclosureDate>2015-06-05</CINclosureDate><ReasonForClosure>RC9</ReasonForClosure><ReferralNFA>true</ReferralNFA></CINdetails>
        </Child>
        """;

    [Test]
    public void A_CIN_census_loads_with_hand_worked_indicators()
    {
        using var dir = new TempDir();
        var file = Census(dir.File("cin/cin-2016.xml"), 2016, "874", CensusChildren);
        var run = Run($"cin:{file};reference:{Reference(dir.File("reference"))}", dir);
        Assert.That(run.Manifest.LaCode, Is.EqualTo("874"), "from the header's LEA");
        Assert.That(run.SourceAccounting.All(a => a.Balanced), Is.True);
        var referrals = run.Accounting.Single(a => a.Table == "referrals");
        Assert.That((referrals.Read, referrals.Loaded, referrals.Quarantined), Is.EqualTo((3L, 2L, 1L)), "E's referral: RC9 is not a reason for closure");
        // K06, year to 31 March 2016: two referrals of C, the second within 12 months of the first.
        Assert.That((run.Kpi("K06", "2016-03-31").Numerator, run.Kpi("K06", "2016-03-31").Denominator), Is.EqualTo(((decimal?)1m, (decimal?)2m)));
        // K05: one assessment authorised (10 Jan 2016), due by 2 Dec 2015 + 42 days = 13 Jan 2016.
        Assert.That(run.Kpi("K05", "2016-01-31").Value, Is.EqualTo(100m));
        // K08, March 2016: the first review, due 5 Apr 2016, held 20 Mar 2016.
        Assert.That((run.Kpi("K08", "2016-03-31").Numerator, run.Kpi("K08", "2016-03-31").Denominator), Is.EqualTo(((decimal?)1m, (decimal?)1m)));
        Assert.That(run.Kpi("K07", "2016-03-31").Numerator, Is.EqualTo(1m));
        Assert.That(run.Kpi("K21", "2016-03-31").Numerator, Is.EqualTo(1m));
        Assert.That(run.Kpi("K29", "2016-03-31").Numerator, Is.EqualTo(1m), "C's second referral is open at the year end");
        Assert.That(run.Kpi("K20", "2016-03-31").Availability, Does.Contain("the CIN census holds no assessment outcomes"));
        Assert.That(run.Kpi("K10", "2016-03-31").Availability, Does.Contain("looked-after episodes"));

        var extract = new ExtractReader().Read($"cin:{file}");
        var children = extract["children"];
        string? Field(string child, string column) => children.Rows.Single(r => r.Text(0) == child).Text(children.Spec.IndexOf(column));
        Assert.That((Field("C", "sex"), Field("C", "disability")), Is.EqualTo(("F", "N")), "GenderCurrent 2 is female; NONE is no disability");
        Assert.That(Field("E", "sex"), Is.EqualTo("U"), "the 2025 Sex element");
        var cp = extract["cp_plans"];
        Assert.That(cp.Rows.Single().Text(cp.Spec.IndexOf("category")), Is.EqualTo("NEGLECT"));
        var s47 = extract["s47_enquiries"];
        Assert.That(s47.Rows.Single().Text(s47.Spec.IndexOf("icpc_required")), Is.EqualTo("Y"), "ICPCnotRequired false: a conference was needed");
        var assessments = extract["assessments"];
        Assert.That(assessments.Rows.Single().Text(assessments.Spec.IndexOf("factors")), Is.EqualTo("1C;4A"));
        Assert.That(extract.Quarantine.Single().File, Is.EqualTo("cin-2016.xml"));
    }

    [Test]
    public void A_child_in_both_returns_is_one_child_with_the_later_year_first()
    {
        using var dir = new TempDir();
        Csv(dir.File("903/2016"), "header.csv", Header, "C,1,01/04/2008,WBRI,,,");
        Csv(dir.File("903/2016"), "episodes.csv", Episodes, "C,01/03/2016,S,V2,N1,U4,PR1,,,,,,");
        var file = Census(dir.File("cin/2016.xml"), 2016, "874", CensusChildren);
        var extract = new ExtractReader().Read($"903:{dir.File("903")};cin:{file}");
        var children = extract["children"];
        var c = children.Rows.Single(r => r.Text(0) == "C");
        Assert.That(children.Rows.Count(r => r.Text(0) == "C"), Is.EqualTo(1));
        Assert.That((c.Text(children.Spec.IndexOf("sex")), c.Text(children.Spec.IndexOf("disability")), c.Text(children.Spec.IndexOf("uasc"))),
            Is.EqualTo(("M", "N", "N")), "the 903 header (same year: 903 first), disability from the census, not in a UASC table");
        Assert.That(extract.SourceAccounting.Single(a => a.Table == "cin Child").Loaded, Is.EqualTo(2), "both census children loaded (C merged into the 903 row)");
        Assert.That(extract.SourceAccounting.All(a => a.Balanced), Is.True);
        Assert.That(extract.Coverage!.SourceKind, Is.EqualTo("the SSDA903 and CIN census returns"));
    }

    [Test]
    public void Malformed_XML_makes_the_source_unusable_naming_the_file_and_line()
    {
        using var dir = new TempDir();
        var file = dir.File("broken.xml");
        File.WriteAllText(file, "<Message>\n<Children>\n<Child><LAchildID>1</Child>\n");
        var error = Assert.Throws<ExtractUnusableException>(() => new ExtractReader().Read($"cin:{file}"));
        Assert.That(error!.Message, Does.Contain("broken.xml: not well-formed XML (line 3"));
        var stderr = new StringWriter();
        var code = EtlCli.RunAsync(["run", "--source", $"cin:{file}", "--warehouse", dir.File("w.duckdb"), "--out", dir.File("out")], new StringWriter(), stderr).GetAwaiter().GetResult();
        Assert.That(code, Is.EqualTo(ExitCodes.ExtractUnusable));
        Assert.That(stderr.ToString(), Does.StartWith("error: extract unusable:").And.Contain("broken.xml"));
        Assert.That(File.Exists(dir.File("w.duckdb")), Is.False, "nothing loaded");
    }

    [Test]
    public void A_bad_source_syntax_is_a_usage_error()
    {
        using var dir = new TempDir();
        foreach (var source in new[] { "903:x;bogus:y", "la:874", "903:x;year:15", "903:x;la:1;la:2" })
        {
            var stderr = new StringWriter();
            var code = EtlCli.RunAsync(["run", "--source", source, "--warehouse", dir.File("w.duckdb")], new StringWriter(), stderr).GetAwaiter().GetResult();
            Assert.That(code, Is.EqualTo(ExitCodes.BadArguments), source);
            Assert.That(stderr.ToString(), Does.Contain("--source"), source);
        }
        Assert.That(ReturnSourceSpec.IsReturns("903:data;cin:x.xml"), Is.True);
        Assert.That(ReturnSourceSpec.IsReturns(Path.Combine("seeds", "peterborough")), Is.False);
        Assert.That(ReturnSourceSpec.IsReturns("sql:Server=x"), Is.False);
    }

    [Test]
    public void Every_implemented_indicator_declares_what_it_is_computed_from()
    {
        Assert.That(ChildrensWarehouse.Indicators.IndicatorInputs.Codes, Is.EquivalentTo(ChildrensWarehouse.Indicators.IndicatorCalculator.ImplementedCodes));
        foreach (var code in ChildrensWarehouse.Indicators.IndicatorInputs.Codes)
        {
            foreach (var input in ChildrensWarehouse.Indicators.IndicatorInputs.Of(code))
            {
                var parts = input.Split('.');
                var table = CaseSystemContract.Get(parts[0]);
                if (parts.Length == 2) Assert.DoesNotThrow(() => table.IndexOf(parts[1]), $"{code}: {input}");
            }
        }
        Assert.That(ChildrensWarehouse.Indicators.IndicatorInputs.Unavailable(null), Is.Empty, "a case-system extract supports every indicator");
    }
}
