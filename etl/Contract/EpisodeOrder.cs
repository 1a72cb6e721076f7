namespace ChildrensWarehouse.Contract;

/// <summary>
/// The order in which a child's care episodes follow one another, in one place: by start, then end (an episode that
/// starts and ends on one day before the one that runs on from that day; an open one last), then id. The overlap check
/// keeps the first of two overlapping episodes in it, and periods of care and placement spells are built in it. By
/// start and id alone, a zero-length episode (a legal status changed twice in a day) whose id sorted after its
/// successor's broke one period of care into three.
/// </summary>
public static class EpisodeOrder
{
    public static IOrderedEnumerable<T> InSequence<T>(IEnumerable<T> episodes, Func<T, DateOnly?> start, Func<T, DateOnly?> end, Func<T, string?> id) =>
        episodes.OrderBy(start).ThenBy(e => end(e) ?? DateOnly.MaxValue).ThenBy(id, StringComparer.Ordinal);
}
