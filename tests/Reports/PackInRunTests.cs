using System.Text.RegularExpressions;
using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Reports;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Tests.TestSupport;

namespace ChildrensWarehouse.Tests.Reports;

/// <summary>
/// A run's packs are read from its build and written while it is published, then moved into place (PackPublisher):
/// they must be the packs of exactly what was published, and a run that publishes nothing must leave the last packs.
/// </summary>
public class PackInRunTests
{
    private sealed class OnStage(string stage, Action action) : IProgress<string>
    {
        public void Report(string value)
        {
            if (value == stage) action();
        }
    }

    private static RunRequest Request(string extract, TempDir dir) => new()
    {
        SourceFolder = extract, WarehousePath = dir.File("warehouse.duckdb"), Rules = new RuleSettings(), PackFolder = dir.File("out"),
    };

    private static string WithoutProducedTime(string html) => Regex.Replace(html, @"Produced [^<]* from the performance warehouse", "Produced (time) from the performance warehouse");

    [Test]
    public void The_pack_a_run_writes_is_the_pack_of_the_warehouse_it_published()
    {
        using var dir = new TempDir();
        var extract = PackExtract.Build().WriteTo(dir.File("extract"));
        var batch = new RunPipeline(Pipelines.QuietLog).RunMany(Request(extract, dir), [extract]);

        Assert.That(batch.PackFailure, Is.Null);
        var written = batch.Packs.Single().Pack;
        var folder = dir.File("out/pack");
        Assert.That(written.HtmlPath, Is.EqualTo(Path.Combine(folder, "pack.html")), "the paths reported are where the files were moved to");
        Assert.That(written.RdlFiles, Is.Not.Empty.And.All.StartsWith(Path.Combine(folder, "rdl")));
        Assert.That(Directory.GetDirectories(dir.File("out"), ".pack-building*"), Is.Empty, "nothing is left aside");

        // The same pack made afterwards from the published file, as `etl report` makes it.
        var after = PackRenderer.Render(new PackOptions { WarehousePath = dir.File("warehouse.duckdb"), OutputFolder = dir.File("after") });
        Assert.That(WithoutProducedTime(File.ReadAllText(written.HtmlPath)), Is.EqualTo(WithoutProducedTime(File.ReadAllText(after.HtmlPath))));
        Assert.That(File.ReadAllText(written.DataQualityCsvPath), Is.EqualTo(File.ReadAllText(after.DataQualityCsvPath)));
        Assert.That(written.PdfPages, Is.EqualTo(after.PdfPages));
        Assert.That(written.RdlFiles.Select(Path.GetFileName), Is.EqualTo(after.RdlFiles.Select(Path.GetFileName)));
        foreach (var file in written.RdlFiles)
        {
            Assert.That(File.ReadAllBytes(file), Is.EqualTo(File.ReadAllBytes(Path.Combine(after.RdlFolder, Path.GetFileName(file)))), file);
        }
    }

    [Test]
    public void A_run_stopped_before_it_publishes_leaves_the_last_pack_and_the_warehouse_as_they_were()
    {
        using var dir = new TempDir();
        var extract = PackExtract.Build().WriteTo(dir.File("extract"));
        new RunPipeline(Pipelines.QuietLog).RunMany(Request(extract, dir), [extract]);
        var html = dir.File("out/pack/pack.html");
        var before = File.ReadAllBytes(html);
        var pdfBefore = File.ReadAllBytes(dir.File("out/pack/pack.pdf"));

        // A later extract, its run stopped once its pack has been read and is being written.
        using var stop = new CancellationTokenSource();
        var later = Request(extract, dir) with { AsAt = new DateTime(2016, 2, 1, 9, 0, 0), Progress = new OnStage("publish", stop.Cancel) };
        Assert.That(() => new RunPipeline(Pipelines.QuietLog).RunMany(later, [extract], stop.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(File.ReadAllBytes(html), Is.EqualTo(before), "pack.html is the published run's");
        Assert.That(File.ReadAllBytes(dir.File("out/pack/pack.pdf")), Is.EqualTo(pdfBefore), "pack.pdf is the published run's");
        Assert.That(Directory.GetDirectories(dir.File("out"), ".pack-building*"), Is.Empty, "the stopped run's pack is gone");
        Assert.That(WarehouseContents.Scalar(dir.File("warehouse.duckdb"), "SELECT count(*) FROM audit.etl_run"), Is.EqualTo(1), "only the first run is published");
    }

    [Test]
    public void A_pack_that_cannot_be_written_is_reported_and_the_checked_warehouse_is_published_all_the_same()
    {
        using var dir = new TempDir();
        var extract = PackExtract.Build().WriteTo(dir.File("extract"));
        File.WriteAllText(dir.File("out"), "a file where the pack's folder would be");

        var batch = new RunPipeline(Pipelines.QuietLog).RunMany(Request(extract, dir), [extract]);

        Assert.That(batch.PackFailure, Is.Not.Null, "the pack's failure is reported");
        Assert.That(batch.PackFailure!.SourceException, Is.InstanceOf<IOException>());
        Assert.That(batch.Packs, Is.Empty);
        Assert.That(WarehouseContents.Scalar(dir.File("warehouse.duckdb"), "SELECT count(*) FROM audit.etl_run WHERE status = 'succeeded'"), Is.EqualTo(1),
            "the run is published");
        Assert.That(File.ReadAllText(dir.File("out")), Is.EqualTo("a file where the pack's folder would be"), "nothing was written over the file");
    }

    [Test]
    public void Runs_on_two_warehouses_writing_into_one_out_folder_write_their_packs_aside_apart()
    {
        using var dir = new TempDir();
        var one = PackPublisher.StagingFolder(dir.File("out"), dir.File("a/warehouse.duckdb"));
        Assert.That(PackPublisher.StagingFolder(dir.File("out"), dir.File("b/warehouse.duckdb")), Is.Not.EqualTo(one), "another warehouse, another folder");
        Assert.That(PackPublisher.StagingFolder(dir.File("out/../out"), dir.File("a/../a/warehouse.duckdb")), Is.EqualTo(one), "the same warehouse however named");
        Assert.That(Path.GetDirectoryName(one), Is.EqualTo(Path.GetFullPath(dir.File("out"))));
    }
}
