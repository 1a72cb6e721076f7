using ChildrensWarehouse.Tests.TestSupport;
using ChildrensWarehouse.Warehouse;

namespace ChildrensWarehouse.Tests.Warehouse;

public class SchemaFilesTests
{
    [Test]
    public void Staging_ddl_files_match_the_extract_contract()
    {
        foreach (var (name, sql) in StagingSchema.DuckDbFiles())
        {
            var path = Repo.Path("warehouse-schema", "duckdb", name);
            Assert.That(File.Exists(path), Is.True, $"{name} missing: run `dotnet run --project etl -- schema write-staging`");
            Assert.That(File.ReadAllText(path), Is.EqualTo(sql), $"{name} differs from the contract: run `dotnet run --project etl -- schema write-staging`");
        }
    }

    [Test]
    public void SqlServer_staging_ddl_files_match_the_extract_contract()
    {
        foreach (var (relative, sql) in StagingSchema.SqlServerFiles())
        {
            var path = Repo.Path("warehouse-schema", "sqlserver", relative);
            Assert.That(File.Exists(path), Is.True, $"{relative} missing: run `dotnet run --project etl -- schema write-staging`");
            Assert.That(File.ReadAllText(path), Is.EqualTo(sql), $"{relative} differs from the contract: run `dotnet run --project etl -- schema write-staging`");
        }
        Assert.That(Directory.GetFiles(Repo.Path("warehouse-schema", "sqlserver", "stg", "Tables"), "*.sql").Length, Is.EqualTo(StagingSchema.SqlServerFiles().Count()),
            "no staging table without a contract table");
    }

    [Test]
    public void Schema_files_are_numbered_uniquely_one_object_each()
    {
        var files = Directory.GetFiles(Repo.Path("warehouse-schema", "duckdb"), "*.sql").Select(Path.GetFileName).ToList();
        var numbers = files.Select(f => f![..4]).ToList();
        Assert.That(numbers, Is.Unique);
    }
}
