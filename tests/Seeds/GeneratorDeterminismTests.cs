using ChildrensWarehouse.Seeds;
using NUnit.Framework;

namespace ChildrensWarehouse.Tests.Seeds;

[TestFixture]
public class GeneratorDeterminismTests
{
    [Test]
    public void The_same_options_twice_write_byte_identical_files()
    {
        using var temp = new SeedTempFolder();
        var options = SeedExtractFiles.SmallOptions(defectRate: 0.01);

        var first = SeedGenerator.Generate(options, temp.Sub("a"));
        var second = SeedGenerator.Generate(options, temp.Sub("b"));

        var a = SeedExtractFiles.Hashes(temp.Sub("a"));
        var b = SeedExtractFiles.Hashes(temp.Sub("b"));
        Assert.That(a.Keys, Is.EquivalentTo(b.Keys));
        Assert.That(a.Count, Is.EqualTo(24 + 1 + 1 + 4), "24 tables, manifest, defects.csv and four reference files");
        foreach (var (file, hash) in a)
        {
            Assert.That(b[file], Is.EqualTo(hash), file);
        }
        Assert.That(second.RowsWritten, Is.EqualTo(first.RowsWritten));
        Assert.That(second.RowsPerTable, Is.EquivalentTo(first.RowsPerTable));
    }

    [Test]
    public void The_bundled_extract_is_exactly_what_the_generator_writes_for_its_arguments()
    {
        using var temp = new SeedTempFolder();
        SeedGenerator.Generate(SeedExtractFiles.BundledOptions, temp.Path);

        var fresh = SeedExtractFiles.Hashes(temp.Path);
        var bundled = SeedExtractFiles.Hashes(SeedExtractFiles.BundledExtract);
        Assert.That(bundled.Keys, Is.EquivalentTo(fresh.Keys));
        foreach (var (file, hash) in fresh)
        {
            Assert.That(bundled[file], Is.EqualTo(hash), $"seeds/peterborough/{file} differs: regenerate it (seeds/README.md)");
        }
    }

    [Test]
    public void A_different_seed_gives_a_different_extract()
    {
        using var temp = new SeedTempFolder();
        var options = SeedExtractFiles.SmallOptions();

        SeedGenerator.Generate(options, temp.Sub("a"));
        SeedGenerator.Generate(options with { Seed = options.Seed + 1 }, temp.Sub("b"));

        Assert.That(SeedExtractFiles.Hashes(temp.Sub("b"))["children.csv"], Is.Not.EqualTo(SeedExtractFiles.Hashes(temp.Sub("a"))["children.csv"]));
    }

    [Test]
    public void Injecting_defects_leaves_every_other_row_as_it_was()
    {
        using var temp = new SeedTempFolder();
        var clean = SeedExtractFiles.SmallOptions();
        SeedGenerator.Generate(clean, temp.Sub("clean"));
        SeedGenerator.Generate(clean with { DefectRate = 0.02 }, temp.Sub("defects"));

        // Dropping the damaged and the added rows from the second extract gives back the first.
        var listed = SeedExtractFiles.Read(Path.Combine(temp.Sub("defects"), "defects.csv")).Records
            .Select(d => (d["table"]!, long.Parse(d["line"]!, System.Globalization.CultureInfo.InvariantCulture)))
            .ToHashSet();
        foreach (var table in SeedContractChecker.Columns.Keys)
        {
            var before = SeedExtractFiles.Rows(temp.Sub("clean"), table);
            var after = SeedExtractFiles.Rows(temp.Sub("defects"), table);
            var kept = after.Where(r => !listed.Contains((table, r.Line))).Select(r => string.Join("\u001f", r.Values.Values)).ToList();
            var damaged = after.Count(r => listed.Contains((table, r.Line)));
            var original = before.Select(r => string.Join("\u001f", r.Values.Values)).ToList();
            Assert.That(original.Except(kept).Count(), Is.LessThanOrEqualTo(damaged), table);
            Assert.That(kept.Except(original), Is.Empty, table);
        }
    }

    [Test]
    public void Progress_is_reported_with_a_growing_row_count()
    {
        using var temp = new SeedTempFolder();
        var reports = new List<GenerationProgress>();
        var result = SeedGenerator.Generate(SeedExtractFiles.SmallOptions(), temp.Sub("x"), new ListProgress(reports));

        Assert.That(reports, Is.Not.Empty);
        Assert.That(reports.Select(r => r.RowsWritten), Is.Ordered);
        Assert.That(reports[^1].RowsWritten, Is.EqualTo(result.RowsWritten));
        Assert.That(reports.All(r => r.CouncilCount == 1 && r.Council == "Peterborough"), Is.True);
    }

    [Test]
    public void Cancellation_stops_the_run()
    {
        using var temp = new SeedTempFolder();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.That(() => SeedGenerator.Generate(SeedExtractFiles.SmallOptions(), temp.Sub("x"), null, cts.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    private sealed class ListProgress(List<GenerationProgress> list) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value)
        {
            lock (list)
            {
                list.Add(value);
            }
        }
    }
}
