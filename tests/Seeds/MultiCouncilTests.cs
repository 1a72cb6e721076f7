using ChildrensWarehouse.Seeds;
using NUnit.Framework;

namespace ChildrensWarehouse.Tests.Seeds;

[TestFixture]
public class MultiCouncilTests
{
    [Test]
    public void Several_councils_get_one_extract_folder_each_with_their_own_la_code()
    {
        using var temp = new SeedTempFolder();
        var options = SeedExtractFiles.SmallOptions(councils: 3) with { Scale = 0.1 };

        var result = SeedGenerator.Generate(options, temp.Path);

        Assert.That(result.ExtractFolders, Has.Count.EqualTo(3));
        Assert.That(Path.GetFileName(result.ExtractFolders[0]), Is.EqualTo("874-peterborough"));
        var codes = new List<string>();
        foreach (var folder in result.ExtractFolders)
        {
            var manifest = SeedExtractFiles.Manifest(folder);
            var code = manifest.GetProperty("la_code").GetString()!;
            codes.Add(code);
            Assert.That(Path.GetFileName(folder), Does.StartWith(code + "-"));
            Assert.That(manifest.GetProperty("extracted_at").GetString(), Is.EqualTo("2016-02-01T06:00:00"));
            Assert.That(manifest.GetProperty("contract_version").GetInt32(), Is.EqualTo(1));
            var population = SeedExtractFiles.Rows(Path.Combine(folder, "reference"), "population");
            Assert.That(population.Select(p => p["la_code"]).Distinct(), Is.EqualTo(new[] { code }));
            Assert.That(SeedExtractFiles.Rows(folder, "children"), Is.Not.Empty);
            Assert.That(SeedContractChecker.Check(folder), Is.Empty, folder);
        }
        Assert.That(codes, Is.Unique);
        Assert.That(result.RowsPerTable["children"], Is.EqualTo(result.ExtractFolders.Sum(f => SeedExtractFiles.Rows(f, "children").Count)));
    }

    [Test]
    public void Adding_councils_does_not_change_the_first_one()
    {
        using var temp = new SeedTempFolder();
        var one = SeedExtractFiles.SmallOptions() with { Scale = 0.1 };
        SeedGenerator.Generate(one, temp.Sub("one"));
        var many = SeedGenerator.Generate(one with { Councils = 2 }, temp.Sub("two"));

        Assert.That(SeedExtractFiles.Hashes(many.ExtractFolders[0]), Is.EqualTo(SeedExtractFiles.Hashes(temp.Sub("one"))));
    }

    [Test]
    public void An_unknown_council_is_refused()
        => Assert.That(() => SeedGenerator.Generate(new GeneratorOptions { Council = "atlantis" }, Path.GetTempPath()), Throws.ArgumentException);
}
