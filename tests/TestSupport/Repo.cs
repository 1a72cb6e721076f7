namespace ChildrensWarehouse.Tests.TestSupport;

public static class Repo
{
    /// <summary>The repository root (the folder holding Warehouse.sln).</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Warehouse.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Warehouse.sln not found above the test directory");
    }

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>../shared beside the repository, or null when it is absent (tests that need it are then skipped with a reason).</summary>
    public static string? Shared
    {
        get
        {
            var shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", "shared"));
            return Directory.Exists(shared) ? shared : null;
        }
    }
}
