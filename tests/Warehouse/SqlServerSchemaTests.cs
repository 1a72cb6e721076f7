using System.Text.RegularExpressions;
using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Tests.TestSupport;
using ChildrensWarehouse.Warehouse;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ChildrensWarehouse.Tests.Warehouse;

/// <summary>
/// The T-SQL warehouse, checked without a server: every file parses for SQL Server 2016 (TSql130Parser) and uses no
/// later function; its tables and views have the DuckDB schema's names, columns, order, nullability and types; every
/// file is in the migration list once; facts are clustered columnstore.
/// </summary>
public class SqlServerSchemaTests
{
    private static string Folder => Repo.Path("warehouse-schema", "sqlserver");

    private static IEnumerable<string> TSqlFiles() =>
        Directory.GetFiles(Folder, "*.sql", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal);

    private static string Relative(string path) => Path.GetRelativePath(Folder, path).Replace('\\', '/');

    [Test]
    public void Every_TSql_file_parses_with_the_SQL_Server_2016_parser()
    {
        var files = TSqlFiles().ToList();
        Assert.That(files, Has.Count.GreaterThan(60));
        foreach (var file in files)
        {
            TSql.ParseOrFail(File.ReadAllText(file), Relative(file));
        }
    }

    [Test]
    public void No_TSql_uses_a_function_that_SQL_Server_2016_lacks()
    {
        var generated = new[]
        {
            ("SqlExtractSource.SelectStatement", SqlExtractSource.SelectStatement(CaseSystemContract.Get("contacts"), CaseSystemContract.Get("contacts").Columns.Select(c => c.Name).ToList())),
            ("SqlExtractSource.ChangedSelectStatement", SqlExtractSource.ChangedSelectStatement(CaseSystemContract.Get("contacts"), CaseSystemContract.Get("contacts").Columns.Select(c => c.Name).ToList())),
        };
        foreach (var (what, sql) in TSqlFiles().Select(f => (Relative(f), File.ReadAllText(f))).Concat(generated))
        {
            var fragment = TSql.ParseOrFail(sql, what);
            var used = TSql.FunctionNames(fragment).Select(n => n.ToUpperInvariant()).Intersect(TSql.ForbiddenFunctions).ToList();
            Assert.That(used, Is.Empty, $"{what} calls {string.Join(", ", used)}");
            // Also as text, in case a call hides where the parser sees no function (e.g. inside dynamic SQL).
            var code = Regex.Replace(sql, "--[^\n]*", "");
            foreach (var name in TSql.ForbiddenFunctions)
            {
                Assert.That(Regex.IsMatch(code, $@"\b{name}\s*\(", RegexOptions.IgnoreCase), Is.False, $"{what} mentions {name}(");
            }
        }
    }

    [Test]
    public void The_parser_check_catches_a_forbidden_function_and_a_syntax_error()
    {
        Assert.That(TSql.FunctionNames(TSql.Parse("SELECT STRING_AGG(name, ',') FROM sys.objects;", out _)), Does.Contain("STRING_AGG"));
        TSql.Parse("SELECT FROM WHERE;", out var errors);
        Assert.That(errors, Is.Not.Empty);
    }

    [Test]
    public void Every_file_is_in_the_migration_list_exactly_once_and_every_listed_file_exists()
    {
        var steps = SqlServerMigrator.Steps(Folder);
        Assert.That(steps.Select(s => s.File), Is.Unique);
        Assert.That(steps.Select(s => s.File), Is.EquivalentTo(TSqlFiles().Select(Relative)));
        Assert.That(steps.Where(s => s.File.Contains("/Tables/") || s.File.StartsWith("Security/Schemas") || s.File.StartsWith("Security/Roles")).All(s => !s.Repeatable), Is.True,
            "tables, schemas and roles are versioned");
        Assert.That(steps.Where(s => s.File.Contains("/Views/") || s.File.StartsWith("Dictionary/") || s.File == "Security/Permissions.sql").All(s => s.Repeatable), Is.True,
            "views, descriptions and permissions are repeatable");
        var order = steps.Select(s => s.File).ToList();
        Assert.That(order.IndexOf("mart_identifiable/Views/kpi_drill.sql"), Is.LessThan(order.IndexOf("mart/Views/kpi_drill.sql")), "a view after the view it reads");
        Assert.That(order.IndexOf("mart_identifiable/Views/data_quality.sql"), Is.LessThan(order.IndexOf("mart/Views/data_quality.sql")));
        Assert.That(order.Last(), Is.EqualTo(WarehouseDictionary.SqlServerFile), "descriptions last: every object exists by then");
    }

    [Test]
    public void Views_are_created_with_CREATE_OR_ALTER_so_they_can_be_applied_again()
    {
        foreach (var file in TSqlFiles().Where(f => Relative(f).Contains("/Views/")))
        {
            var fragment = TSql.ParseOrFail(File.ReadAllText(file), Relative(file));
            Assert.That(TSql.All<CreateOrAlterViewStatement>(fragment).Count(), Is.EqualTo(1), Relative(file));
        }
    }

    [Test]
    public void Batches_split_on_GO_lines_only()
    {
        var batches = SqlServerMigrator.Batches("CREATE TABLE a (x INT);\r\nGO\r\n  go  \nSELECT 'GO' AS gone;\nGO;\n");
        Assert.That(batches, Is.EqualTo(new[] { "CREATE TABLE a (x INT);", "SELECT 'GO' AS gone;" }));
    }

    private static List<(string Schema, string Table, string Type, string Column, string DataType, bool Nullable)> DuckDbColumns()
    {
        using var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        SchemaMigrator.Migrate(c, Repo.Path("warehouse-schema", "duckdb"));
        return c.Query<(string, string, string, string, string, string)>(
            """
            SELECT c.table_schema, c.table_name, t.table_type, c.column_name, c.data_type, c.is_nullable
            FROM information_schema.columns AS c JOIN information_schema.tables AS t USING (table_schema, table_name)
            WHERE c.table_schema IN ('stg', 'dim', 'fact', 'audit', 'mart', 'mart_identifiable') AND c.table_name <> 'schema_version'
            ORDER BY 1, 2, c.ordinal_position
            """).Select(r => (r.Item1, r.Item2, r.Item3, r.Item4, r.Item5, r.Item6 == "YES")).ToList();
    }

    private static string Family(string duckDbType) => duckDbType switch
    {
        "VARCHAR" => "text",
        "BOOLEAN" => "bit",
        "INTEGER" => "int",
        "BIGINT" => "bigint",
        "DATE" => "date",
        "TIMESTAMP" => "timestamp",
        "BLOB" => "binary",
        _ when duckDbType.StartsWith("DECIMAL(") => duckDbType.Replace(" ", "").ToLowerInvariant(),
        _ => "?" + duckDbType,
    };

    private static string Family(DataTypeReference type)
    {
        var name = ((SqlDataTypeReference)type).SqlDataTypeOption;
        var parameters = ((ParameterizedDataTypeReference)type).Parameters.Select(p => p.Value).ToList();
        return name switch
        {
            SqlDataTypeOption.NVarChar => "text",
            SqlDataTypeOption.Bit => "bit",
            SqlDataTypeOption.Int => "int",
            SqlDataTypeOption.BigInt => "bigint",
            SqlDataTypeOption.Date => "date",
            SqlDataTypeOption.DateTime2 => "timestamp",
            SqlDataTypeOption.VarBinary => "binary",
            SqlDataTypeOption.Decimal => $"decimal({string.Join(",", parameters)})",
            _ => "?" + name,
        };
    }

    [Test]
    public void Tables_have_the_DuckDB_names_columns_order_nullability_and_types()
    {
        var duck = DuckDbColumns().Where(c => c.Type == "BASE TABLE").ToList();
        var tsql = new Dictionary<string, List<(string Column, string Family, bool Nullable)>>();
        // A table's shape is its file's, as a later migration that drops and creates it again leaves it (in the list's order).
        foreach (var file in SqlServerMigrator.Steps(Folder).Select(s => s.File).Where(f => f.Contains("/Tables/") || f.Contains("/Migrations/")))
        {
            var fragment = TSql.ParseOrFail(File.ReadAllText(Path.Combine(Folder, file)), file);
            foreach (var create in TSql.All<CreateTableStatement>(fragment))
            {
                var name = $"{create.SchemaObjectName.SchemaIdentifier.Value}.{create.SchemaObjectName.BaseIdentifier.Value}";
                if (file.Contains("/Tables/"))
                {
                    Assert.That(file, Is.EqualTo($"{create.SchemaObjectName.SchemaIdentifier.Value}/Tables/{create.SchemaObjectName.BaseIdentifier.Value}.sql"),
                        "one file per table, named after it");
                }
                else
                {
                    Assert.That(tsql, Does.ContainKey(name), $"{file} creates {name} again after its own file");
                }
                tsql[name] = create.Definition.ColumnDefinitions.Select(d => (d.ColumnIdentifier.Value, Family(d.DataType),
                    !d.Constraints.OfType<NullableConstraintDefinition>().Any(n => !n.Nullable))).ToList();
            }
        }
        Assert.That(tsql.Keys, Is.EquivalentTo(duck.Select(c => $"{c.Schema}.{c.Table}").Distinct()));
        foreach (var table in duck.GroupBy(c => $"{c.Schema}.{c.Table}"))
        {
            Assert.That(tsql[table.Key], Is.EqualTo(table.Select(c => (c.Column, Family(c.DataType), c.Nullable)).ToList()), table.Key);
        }
    }

    [Test]
    public void Every_column_declares_NULL_or_NOT_NULL()
    {
        foreach (var file in TSqlFiles().Where(f => Relative(f).Contains("/Tables/") || Relative(f).Contains("/Migrations/")))
        {
            var fragment = TSql.ParseOrFail(File.ReadAllText(file), Relative(file));
            foreach (var column in TSql.All<CreateTableStatement>(fragment).SelectMany(t => t.Definition.ColumnDefinitions))
            {
                Assert.That(column.Constraints.OfType<NullableConstraintDefinition>(), Is.Not.Empty, $"{Relative(file)}: {column.ColumnIdentifier.Value}");
            }
        }
    }

    private static string OutputName(SelectElement element) => element switch
    {
        SelectScalarExpression { ColumnName: not null } s => s.ColumnName.Value,
        SelectScalarExpression { Expression: ColumnReferenceExpression r } => r.MultiPartIdentifier.Identifiers.Last().Value,
        _ => "?" + element.GetType().Name,
    };

    [Test]
    public void Views_have_the_DuckDB_views_columns_in_the_same_order()
    {
        var duck = DuckDbColumns().Where(c => c.Type == "VIEW").ToList();
        var views = new Dictionary<string, List<string>>();
        foreach (var file in TSqlFiles().Where(f => Relative(f).Contains("/Views/")))
        {
            var view = TSql.All<CreateOrAlterViewStatement>(TSql.ParseOrFail(File.ReadAllText(file), Relative(file))).Single();
            var name = $"{view.SchemaObjectName.SchemaIdentifier.Value}.{view.SchemaObjectName.BaseIdentifier.Value}";
            var query = (QuerySpecification)view.SelectStatement.QueryExpression;
            views[name] = query.SelectElements.Select(OutputName).ToList();
        }
        Assert.That(views.Keys, Is.EquivalentTo(duck.Select(c => $"{c.Schema}.{c.Table}").Distinct()));
        foreach (var view in duck.GroupBy(c => $"{c.Schema}.{c.Table}"))
        {
            Assert.That(views[view.Key], Is.EqualTo(view.Select(c => c.Column).ToList()), view.Key);
        }
    }

    [Test]
    public void The_pseudonymised_views_have_no_child_id_name_or_NHS_number()
    {
        var personal = new[] { "child_id", "first_name", "last_name", "nhs_number", "upn", "date_of_birth" };
        foreach (var file in TSqlFiles().Where(f => Relative(f).StartsWith("mart/Views/")))
        {
            var view = TSql.All<CreateOrAlterViewStatement>(TSql.ParseOrFail(File.ReadAllText(file), Relative(file))).Single();
            var columns = ((QuerySpecification)view.SelectStatement.QueryExpression).SelectElements.Select(OutputName);
            Assert.That(columns.Intersect(personal), Is.Empty, Relative(file));
        }
    }

    [Test]
    public void Fact_tables_are_clustered_columnstore_and_indexed_on_the_council()
    {
        foreach (var file in TSqlFiles().Where(f => Relative(f).StartsWith("fact/Tables/")))
        {
            var fragment = TSql.ParseOrFail(File.ReadAllText(file), Relative(file));
            Assert.That(TSql.All<CreateColumnStoreIndexStatement>(fragment).Count(i => i.Clustered == true), Is.EqualTo(1), Relative(file));
            var keyed = TSql.All<CreateIndexStatement>(fragment).Any(i => i.Columns.First().Column.MultiPartIdentifier.Identifiers.Last().Value == "la_code")
                || TSql.All<UniqueConstraintDefinition>(fragment).Any(u => u.Columns.First().Column.MultiPartIdentifier.Identifiers.Last().Value == "la_code");
            Assert.That(keyed, Is.True, $"{Relative(file)}: an index led by la_code (a council's reload deletes by it)");
        }
    }

    [Test]
    public void No_fact_column_is_a_MAX_type_which_SQL_Server_2016_columnstore_cannot_hold()
    {
        foreach (var file in TSqlFiles().Where(f => Relative(f).StartsWith("fact/Tables/")))
        {
            var fragment = TSql.ParseOrFail(File.ReadAllText(file), Relative(file));
            foreach (var column in TSql.All<ColumnDefinition>(fragment))
            {
                var parameters = ((ParameterizedDataTypeReference)column.DataType).Parameters;
                Assert.That(parameters.Any(p => p.LiteralType == LiteralType.Max), Is.False, $"{Relative(file)}: {column.ColumnIdentifier.Value}");
            }
        }
    }
}
