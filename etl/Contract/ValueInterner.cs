namespace ChildrensWarehouse.Contract;

/// <summary>
/// Shares equal values among the rows of one table while it is read, so that a council's extract held in memory keeps
/// one copy of each repeated text (a child's id on each of its visits, a worker's id, every code) and one boxed object per
/// date, instead of one per row. The values are the same; only their copies go (docs/PERFORMANCE.md: about half the
/// memory an extract takes). A table's own single-column key is unique per row and is not pooled.
/// </summary>
public sealed class ValueInterner
{
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly bool[] _pooled;

    public ValueInterner(TableSpec spec)
    {
        var ownKey = spec.Key.Count == 1 ? spec.Key[0] : null;
        _pooled = spec.Columns.Select(c => c.Type == ColumnType.Text && c.Name != ownKey).ToArray();
    }

    /// <summary>The pooled copy of column <paramref name="column"/>'s text (the text itself when the column is not pooled).</summary>
    public string Text(int column, string text)
    {
        if (!_pooled[column]) return text;
        if (_texts.TryGetValue(text, out var pooled)) return pooled;
        _texts.Add(text, text);
        return text;
    }

    // One boxed DateOnly per day from 1900 to 2199, shared by every read (boxes are immutable; two threads boxing the same
    // day at once store equal values, either of which serves).
    private static readonly DateOnly FirstBoxed = new(1900, 1, 1);
    private static readonly object?[] DateBoxes = new object?[new DateOnly(2200, 1, 1).DayNumber - FirstBoxed.DayNumber];

    /// <summary>A boxed date, shared with every other row that holds the same day.</summary>
    public static object Date(DateOnly date)
    {
        var i = date.DayNumber - FirstBoxed.DayNumber;
        if ((uint)i >= (uint)DateBoxes.Length) return date;
        return DateBoxes[i] ??= date;
    }
}
