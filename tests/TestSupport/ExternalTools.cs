using System.Diagnostics;

namespace ChildrensWarehouse.Tests.TestSupport;

/// <summary>Programs some tests drive (Debian chromium, poppler's pdftotext). `.ci/run` installs them; a test whose
/// program is missing is skipped with the reason.</summary>
public static class ExternalTools
{
    public static string? Find(params string[] names)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in names)
        {
            foreach (var dir in path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = System.IO.Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    public static string Require(string why, params string[] names) =>
        Find(names) ?? throw new IgnoreException($"{string.Join(" or ", names)} is not installed ({why}); `bash .ci/run` installs it with apt-get where it can");

    public static (int ExitCode, string Stdout, string Stderr) Run(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeout.TotalSeconds} s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Headless Debian chromium writes a PNG screenshot of a local file (no network, a fresh profile).</summary>
    public static void Screenshot(string htmlPath, string pngPath, int width, int height)
    {
        var chromium = Require("headless-browser screenshots", "chromium", "chromium-browser", "google-chrome");
        var profile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cw-chromium-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, _, stderr) = Run(chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile, $"--window-size={width},{height}", "--screenshot=" + pngPath,
                new Uri(htmlPath).AbsoluteUri,
            ], TimeSpan.FromMinutes(2));
            if (code != 0 || !File.Exists(pngPath)) Assert.Fail($"chromium failed ({code}): {stderr}");
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
