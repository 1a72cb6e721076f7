using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

namespace ChildrensWarehouse.Tests.TestSupport;

/// <summary>
/// The SQL Server the engine tests run against: a throwaway container (mcr.microsoft.com/mssql/server:2022-latest,
/// through Testcontainers) shared by every test of the run, or an existing server named by the environment variable
/// CSW_TEST_SQLSERVER (a connection string to master). Where neither is possible (no Docker engine), the tests that
/// need it are skipped with the reason printed.
/// </summary>
public static class SqlServerInstance
{
    public const string Image = "mcr.microsoft.com/mssql/server:2022-latest";
    public const string EnvironmentVariable = "CSW_TEST_SQLSERVER";

    private static readonly Lazy<(string? Master, string? Reason)> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static MsSqlContainer? _container;

    private static (string?, string?) Start()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return (configured, null);
        }
        try
        {
            var container = new MsSqlBuilder(Image).Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            container.StartAsync(timeout.Token).GetAwaiter().GetResult();
            _container = container;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return (container.GetConnectionString(), null);
        }
        catch (Exception e)
        {
            var first = e.Message.Split('\n')[0].Trim();
            return (null, $"SQL Server tests skipped: no Docker engine to run {Image} through Testcontainers "
                + $"({e.GetType().Name}: {first}); set {EnvironmentVariable} to a master connection string to use an existing server");
        }
    }

    /// <summary>The master connection string, or Assert.Ignore with the reason (printed, so the skip is visible in the log).</summary>
    public static string MasterOrIgnore()
    {
        var (master, reason) = Server.Value;
        if (master is null)
        {
            TestContext.Progress.WriteLine(reason);
            Assert.Ignore(reason ?? "SQL Server unavailable");
        }
        return master!;
    }

    /// <summary>A new empty database on the server; returns its connection string.</summary>
    public static string NewDatabase(string prefix = "cw")
    {
        var master = MasterOrIgnore();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..30];
        using (var c = new SqlConnection(master))
        {
            c.Open();
            using var cmd = new SqlCommand($"CREATE DATABASE [{name}]", c);
            cmd.ExecuteNonQuery();
        }
        return new SqlConnectionStringBuilder(master) { InitialCatalog = name, TrustServerCertificate = true }.ConnectionString;
    }

    public static bool IsRunning => _container is not null;
}
