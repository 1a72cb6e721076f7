using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Warehouse;

namespace ChildrensWarehouse.Tests.TestSupport;

/// <summary>
/// An engine the conformance suite runs on: hands out fresh, migrated warehouses (a --warehouse value each). DuckDB is
/// always there; SQL Server where a container (or CSW_TEST_SQLSERVER) is available, else its tests are skipped.
/// </summary>
public abstract class EngineUnderTest
{
    public const string Salt = "conformance-test-salt-0123456789";

    public abstract string Name { get; }

    /// <summary>Skips the calling test (with the reason) when the engine cannot run here.</summary>
    public abstract void RequireAvailable();

    /// <summary>A new empty warehouse with the schema applied.</summary>
    public abstract string NewWarehouse(TempDir dir);

    public override string ToString() => Name;

    public static IEnumerable<EngineUnderTest> All => [new DuckDbEngine(), new SqlServerEngine()];

    public RunSummary Run(TestExtract extract, TempDir dir, string warehouse, string? asAt = null)
    {
        var folder = extract.WriteTo(dir.File("extract-" + Guid.NewGuid().ToString("N")[..8]));
        return new RunPipeline(Pipelines.QuietLog).Run(new RunRequest
        {
            SourceFolder = folder,
            WarehousePath = warehouse,
            AsAt = asAt is null ? null : DateTime.Parse(asAt, System.Globalization.CultureInfo.InvariantCulture),
            Rules = new RuleSettings(),
            PseudonymSalt = Salt,
        });
    }
}

public sealed class DuckDbEngine : EngineUnderTest
{
    public override string Name => "DuckDB";

    public override void RequireAvailable()
    {
    }

    public override string NewWarehouse(TempDir dir)
    {
        var path = dir.File($"w-{Guid.NewGuid():N}.duckdb");
        WarehouseFactory.Migrate(path);
        return path;
    }
}

public sealed class SqlServerEngine : EngineUnderTest
{
    public override string Name => "SQL Server";

    public override void RequireAvailable() => SqlServerInstance.MasterOrIgnore();

    public override string NewWarehouse(TempDir dir)
    {
        var connectionString = SqlServerInstance.NewDatabase();
        WarehouseFactory.Migrate(connectionString);
        return connectionString;
    }
}
