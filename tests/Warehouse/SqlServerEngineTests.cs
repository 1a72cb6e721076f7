using ChildrensWarehouse.Cli;
using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Tests.TestSupport;
using ChildrensWarehouse.Warehouse;

namespace ChildrensWarehouse.Tests.Warehouse;

/// <summary>The SQL Server engine's parts that need no server: engine choice, password redaction, transient errors and retries.</summary>
public class SqlServerEngineTests
{
    private const string Cs = "Server=tcp:db.council.local,1433;Database=Warehouse;User ID=etl;Password=s3cret;TrustServerCertificate=True";

    [TestCase("Server=x;Database=y;Password=abc", "Server=x;Database=y;Password=*****")]
    [TestCase("Server=x;PWD = 'a;b''c';Database=y", "Server=x;PWD = *****;Database=y")]
    [TestCase("Server=x;password=\"p;w\"\"d\"", "Server=x;password=*****")]
    [TestCase("Password=first;Server=x", "Password=*****;Server=x")]
    [TestCase("Server=x;Integrated Security=true", "Server=x;Integrated Security=true")]
    public void Passwords_are_redacted_whatever_their_spelling(string connectionString, string redacted) =>
        Assert.That(ConnectionStrings.Redact(connectionString), Is.EqualTo(redacted));

    [TestCase("out/warehouse.duckdb", WarehouseEngine.DuckDb)]
    [TestCase("/var/lib/cw/warehouse.duckdb", WarehouseEngine.DuckDb)]
    [TestCase(Cs, WarehouseEngine.SqlServer)]
    [TestCase("Data Source=sql01;Initial Catalog=cw;Integrated Security=SSPI", WarehouseEngine.SqlServer)]
    public void The_warehouse_value_picks_the_engine(string value, WarehouseEngine engine) =>
        Assert.That(WarehouseTarget.Parse(value).Engine, Is.EqualTo(engine));

    [TestCase("Server=sql01;User ID=etl;Password=s3cret", "names no Database")]
    [TestCase("Database=cw;Password=s3cret", "names no Server")]
    [TestCase("Server=sql01;Database=cw;Colour=blue;Password=s3cret", "not a SQL Server connection string")]
    public void An_incomplete_connection_string_is_refused_without_showing_the_password(string value, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => WarehouseTarget.Parse(value))!;
        Assert.That(e.Message, Does.Contain(message));
        Assert.That(e.Message, Does.Not.Contain("s3cret"));
    }

    [Test]
    public void A_SQL_Server_warehouse_is_shown_as_server_and_database_only()
    {
        var target = WarehouseTarget.Parse(Cs);
        Assert.That(target.Display, Is.EqualTo("SQL Server tcp:db.council.local,1433, database Warehouse"));
        Assert.That(ExtractSources.Describe("sql:" + Cs), Does.Not.Contain("s3cret").And.Contain("Password=*****"));
    }

    [TestCase(1205)]
    [TestCase(-2)]
    [TestCase(40613)]
    [TestCase(40501)]
    [TestCase(49918)]
    [TestCase(4060)]
    [TestCase(10054)]
    [TestCase(233)]
    public void Deadlocks_timeouts_and_failovers_are_transient(int number) =>
        Assert.That(SqlServerRetry.IsTransient(SqlErrors.Exception(number)), Is.True);

    [TestCase(2627)]   // primary key violation
    [TestCase(547)]    // foreign key / check constraint
    [TestCase(515)]    // NULL into NOT NULL
    [TestCase(102)]    // syntax error
    [TestCase(208)]    // invalid object name
    [TestCase(229)]    // permission denied
    [TestCase(18456)]  // login failed
    public void Constraint_syntax_and_permission_errors_are_not_transient(int number) =>
        Assert.That(SqlServerRetry.IsTransient(SqlErrors.Exception(number)), Is.False);

    private static readonly SqlServerRetryOptions Fast = new() { MaxRetryAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };

    [Test]
    public void A_unit_of_work_that_meets_a_deadlock_is_run_again_whole()
    {
        var attempts = 0;
        var result = SqlServerRetry.Pipeline(Fast).Execute(() =>
        {
            attempts++;
            if (attempts < 3) throw SqlErrors.Exception(1205, "chosen as deadlock victim");
            return "committed";
        });
        Assert.That((result, attempts), Is.EqualTo(("committed", 3)));
    }

    [Test]
    public void A_constraint_violation_fails_at_once()
    {
        var attempts = 0;
        Assert.Throws<Microsoft.Data.SqlClient.SqlException>(() => SqlServerRetry.Pipeline(Fast).Execute(() =>
        {
            attempts++;
            throw SqlErrors.Exception(2627, "Violation of PRIMARY KEY constraint");
        }));
        Assert.That(attempts, Is.EqualTo(1));
    }

    [Test]
    public void Retries_stop_after_the_last_attempt()
    {
        var attempts = 0;
        Assert.Throws<Microsoft.Data.SqlClient.SqlException>(() => SqlServerRetry.Pipeline(Fast).Execute(() =>
        {
            attempts++;
            throw SqlErrors.Exception(40613);
        }));
        Assert.That(attempts, Is.EqualTo(4), "the first attempt and three retries");
    }

    [Test]
    public void A_busy_warehouse_is_not_retried()
    {
        var attempts = 0;
        Assert.Throws<WarehouseBusyException>(() => SqlServerRetry.Pipeline(Fast).Execute(() =>
        {
            attempts++;
            throw new WarehouseBusyException("busy");
        }));
        Assert.That(attempts, Is.EqualTo(1));
    }

    [Test]
    public void Identifiers_that_TSql_reserves_are_bracketed()
    {
        Assert.That(TSqlNames.Quote("file"), Is.EqualTo("[file]"));
        Assert.That(TSqlNames.Quote("date"), Is.EqualTo("[date]"));
        Assert.That(TSqlNames.Quote("child_id"), Is.EqualTo("child_id"));
        Assert.That(TSqlNames.Bracket("a]b"), Is.EqualTo("[a]]b]"));
    }
}
