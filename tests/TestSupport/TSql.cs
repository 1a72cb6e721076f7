using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ChildrensWarehouse.Tests.TestSupport;

/// <summary>T-SQL as SQL Server 2016 (compatibility level 130) parses it.</summary>
public static class TSql
{
    /// <summary>Functions SQL Server 2016 does not have (2017 and later).</summary>
    public static readonly string[] ForbiddenFunctions = ["STRING_AGG", "TRIM", "CONCAT_WS", "GREATEST", "LEAST", "TRANSLATE"];

    public static TSqlFragment Parse(string sql, out IList<ParseError> errors)
    {
        var parser = new TSql130Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        return parser.Parse(reader, out errors);
    }

    public static TSqlFragment ParseOrFail(string sql, string what)
    {
        var fragment = Parse(sql, out var errors);
        Assert.That(errors.Select(e => $"{what} line {e.Line}: {e.Message}"), Is.Empty, $"{what} does not parse as T-SQL for SQL Server 2016");
        return fragment;
    }

    public static IReadOnlyList<string> FunctionNames(TSqlFragment fragment)
    {
        var visitor = new FunctionCollector();
        fragment.Accept(visitor);
        return visitor.Names;
    }

    private sealed class FunctionCollector : TSqlFragmentVisitor
    {
        public List<string> Names { get; } = [];

        public override void Visit(FunctionCall node) => Names.Add(node.FunctionName.Value);
    }

    public static IEnumerable<T> All<T>(TSqlFragment fragment) where T : TSqlFragment
    {
        var visitor = new Collector<T>();
        fragment.Accept(visitor);
        return visitor.Found;
    }

    private sealed class Collector<T> : TSqlFragmentVisitor where T : TSqlFragment
    {
        public List<T> Found { get; } = [];

        public override void Visit(TSqlFragment node)
        {
            if (node is T t) Found.Add(t);
        }
    }
}
