using ChildrensWarehouse.Tests.TestSupport;
using SkiaSharp;

namespace ChildrensWarehouse.Tests.Reports;

/// <summary>The pack as a person sees it: headless Debian chromium renders pack.html to a PNG.</summary>
public class BrowserTests
{
    /// <summary>The share of pixels that are not the page background, and how many distinct colours there are.</summary>
    private static (int Width, int Height, double Inked, int Colours) Look(string png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new AssertionException($"{png} is not a PNG");
        var background = bitmap.GetPixel(2, 2);
        long inked = 0;
        var colours = new HashSet<uint>();
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                if (c != background) inked++;
                if (colours.Count < 5000) colours.Add((uint)c);
            }
        }
        return (bitmap.Width, bitmap.Height, inked / (double)((bitmap.Width / 2) * (bitmap.Height / 2)), colours.Count);
    }

    [Test]
    public void Chromium_renders_the_cover_with_the_headline_table_and_RAG_colours()
    {
        var png = Path.Combine(Path.GetDirectoryName(PackFixture.Pack().HtmlPath)!, "cover.png");
        ExternalTools.Screenshot(PackFixture.Pack().HtmlPath, png, 1280, 1600);
        var (width, height, inked, colours) = Look(png);
        Assert.That((width, height), Is.EqualTo((1280, 1600)));
        Assert.That(new FileInfo(png).Length, Is.GreaterThan(50_000), "a page with text and tables, not an empty canvas");
        Assert.That(inked, Is.GreaterThan(0.3), "the white page sits on a grey background and is full of text");
        Assert.That(colours, Is.GreaterThan(50));
        using var bitmap = SKBitmap.Decode(png);
        var pixels = Enumerable.Range(0, bitmap.Height / 4).SelectMany(y => Enumerable.Range(0, bitmap.Width / 4).Select(x => bitmap.GetPixel(x * 4, y * 4))).ToHashSet();
        foreach (var rag in new[] { ChildrensWarehouse.Reports.Rendering.Palette.Green, ChildrensWarehouse.Reports.Rendering.Palette.Red })
        {
            Assert.That(pixels, Does.Contain(SKColor.Parse(rag.Fill)), $"{rag.Label} cells are painted in the palette colour");
        }
    }

    [Test]
    public void Chromium_renders_a_chart_page_with_its_svg()
    {
        var folder = Path.GetDirectoryName(PackFixture.Pack().HtmlPath)!;
        var page = PackPages.SinglePage(PackFixture.Pack().HtmlPath, "chart-5", Path.Combine(folder, "chart-5.html"));
        var png = Path.Combine(folder, "chart-5.png");
        ExternalTools.Screenshot(page, png, 1200, 900);
        var (width, height, inked, colours) = Look(png);
        Assert.That((width, height), Is.EqualTo((1200, 900)));
        Assert.That(inked, Is.GreaterThan(0.3));
        Assert.That(colours, Is.GreaterThan(50), "lines, markers and text in several colours");
    }

    /// <summary>Makes docs/pack-cover.png and docs/pack-chart.png for the README (run by hand:
    /// dotnet test --filter Name=Write_the_README_screenshots).</summary>
    [Test, Explicit("writes docs/pack-cover.png and docs/pack-chart.png")]
    public void Write_the_README_screenshots()
    {
        var html = PackFixture.Pack().HtmlPath;
        var folder = Path.GetDirectoryName(html)!;
        ExternalTools.Screenshot(html, Repo.Path("docs", "pack-cover.png"), 1200, 1500);
        ExternalTools.Screenshot(PackPages.SinglePage(html, "chart-5", Path.Combine(folder, "docs-chart.html")), Repo.Path("docs", "pack-chart.png"), 1200, 1500);
    }
}

public static class PackPages
{
    /// <summary>A copy of pack.html holding only one section (a screenshot shows the top of a page).</summary>
    public static string SinglePage(string packHtml, string sectionId, string path)
    {
        var html = File.ReadAllText(packHtml);
        var head = html[..(html.IndexOf("<body>", StringComparison.Ordinal) + "<body>".Length)];
        var start = html.IndexOf($"id=\"{sectionId}\"", StringComparison.Ordinal);
        start = html.LastIndexOf("<section", start, StringComparison.Ordinal);
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal) + "</section>".Length;
        File.WriteAllText(path, head + "\n" + html[start..end] + "\n</body>\n</html>\n");
        return path;
    }
}
