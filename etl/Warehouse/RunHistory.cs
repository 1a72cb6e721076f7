using Dapper;

namespace ChildrensWarehouse.Warehouse;

/// <summary>The run history (audit.etl_run) for `status`.</summary>
public static class RunHistory
{
    public sealed record Entry(long RunId, string? LaCode, string Mode, DateTime StartedAt, DateTime? EndedAt, string Status, DateTime? AsAt,
        long? RowsRead, long? RowsLoaded, long? RowsQuarantined, long? ChildrenRederived, string? RulebookVersion, string? Error);

    public static IReadOnlyList<Entry> Last(string warehousePath, int count)
    {
        using var connection = DuckDbWarehouse.OpenReadOnly(warehousePath);
        return connection.Query<Entry>(
            """
            SELECT run_id AS RunId, la_code AS LaCode, mode AS Mode, started_at AS StartedAt, ended_at AS EndedAt, status AS Status, as_at AS AsAt,
                   rows_read AS RowsRead, rows_loaded AS RowsLoaded, rows_quarantined AS RowsQuarantined, children_rederived AS ChildrenRederived,
                   rulebook_version AS RulebookVersion, error AS Error
            FROM audit.etl_run ORDER BY run_id DESC LIMIT $count
            """, new { count }).ToList();
    }
}
