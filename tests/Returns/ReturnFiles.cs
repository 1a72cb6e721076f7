using System.Text;
using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Returns;

/// <summary>Hand-made return files for tests: SSDA903 CSV tables (header row, then the lines given) and CIN census XML.</summary>
public static class ReturnFiles
{
    public static string Csv(string folder, string file, string header, params string[] lines)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, file);
        File.WriteAllText(path, string.Join("\n", new[] { header }.Concat(lines)) + "\n", new UTF8Encoding(false));
        return path;
    }

    public const string Header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB";
    public const string Episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";
    public const string Reviews = "CHILD,DOB,REVIEW,REVIEW_CODE";
    public const string Oc2 = "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED";
    public const string Oc3 = "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM";
    public const string Missing = "CHILD,DOB,MISSING,MIS_START,MIS_END";

    /// <summary>A reference folder with one population row per year (for rates).</summary>
    public static string Reference(string folder, string laCode = "874", long population = 40000)
    {
        Csv(folder, "population.csv", "la_code,mid_year,age_0_17", Enumerable.Range(2010, 20).Select(y => $"{laCode},{y},{population}").ToArray());
        return folder;
    }

    /// <summary>A CIN census file: the header for the year and the children's XML as given.</summary>
    public static string Census(string path, int year, string lea, string children)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <Message>
              <Header>
                <CollectionDetails><Collection>CIN</Collection><Year>{year}</Year><ReferenceDate>{year}-03-31</ReferenceDate></CollectionDetails>
                <Source><SourceLevel>L</SourceLevel><LEA>{lea}</LEA><SoftwareCode>test</SoftwareCode><Release>1</Release><SerialNo>1</SerialNo><DateTime>{year}-04-01T00:00:00</DateTime></Source>
              </Header>
              <Children>
            {children}
              </Children>
            </Message>
            """, new UTF8Encoding(false));
        return path;
    }

    public static RunSummary Run(string source, TempDir dir, string? asAt = null) =>
        new RunPipeline(Pipelines.QuietLog).Run(new RunRequest
        {
            SourceFolder = source,
            WarehousePath = dir.File("warehouse-" + Guid.NewGuid().ToString("N")[..8] + ".duckdb"),
            AsAt = asAt is null ? null : DateTime.Parse(asAt, System.Globalization.CultureInfo.InvariantCulture),
            Rules = new RuleSettings(),
            PseudonymSalt = "returns tests salt, long enough",
        });
}
