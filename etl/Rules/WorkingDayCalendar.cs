namespace ChildrensWarehouse.Rules;

/// <summary>A date outside the years the bank-holiday list covers: working days cannot be counted there.</summary>
public sealed class CalendarRangeException(string message) : Exception(message);

/// <summary>
/// Working days (RULES.md §0): Monday-Friday and not an England and Wales bank holiday (nor a local closure day).
/// Covers whole years from the first to the last year of the bank-holiday list; anything outside is an error,
/// never a silent guess. Counting: the start date is day 0.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly DateOnly _first;
    private readonly DateOnly _last;
    private readonly bool[] _isWorking;
    /// <summary>_cumulative[i] = working days in [_first, _first + i].</summary>
    private readonly int[] _cumulative;
    private readonly List<DateOnly> _workingDays = [];
    private readonly Dictionary<DateOnly, string> _holidayNames;

    public WorkingDayCalendar(IEnumerable<(DateOnly Date, string Name)> bankHolidays, IEnumerable<DateOnly>? extraClosureDays = null)
    {
        _holidayNames = new Dictionary<DateOnly, string>();
        foreach (var (date, name) in bankHolidays)
        {
            _holidayNames[date] = name;
        }
        if (_holidayNames.Count == 0)
        {
            throw new CalendarRangeException("the bank-holiday list is empty: working days cannot be counted");
        }
        _first = new DateOnly(_holidayNames.Keys.Min().Year, 1, 1);
        _last = new DateOnly(_holidayNames.Keys.Max().Year, 12, 31);
        var closed = new HashSet<DateOnly>(_holidayNames.Keys);
        closed.UnionWith(extraClosureDays ?? []);
        var days = _last.DayNumber - _first.DayNumber + 1;
        _isWorking = new bool[days];
        _cumulative = new int[days];
        var count = 0;
        for (var i = 0; i < days; i++)
        {
            var d = _first.AddDays(i);
            _isWorking[i] = d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !closed.Contains(d);
            if (_isWorking[i])
            {
                count++;
                _workingDays.Add(d);
            }
            _cumulative[i] = count;
        }
    }

    public DateOnly FirstDate => _first;
    public DateOnly LastDate => _last;

    private int Index(DateOnly d)
    {
        if (d < _first || d > _last)
        {
            throw new CalendarRangeException(
                $"date {d:yyyy-MM-dd} is outside the bank-holiday list ({_first.Year}-{_last.Year}); extend reference/bank_holidays.csv");
        }
        return d.DayNumber - _first.DayNumber;
    }

    public bool Covers(DateOnly d) => d >= _first && d <= _last;

    public bool IsWorkingDay(DateOnly d) => _isWorking[Index(d)];

    public string? BankHolidayName(DateOnly d) => _holidayNames.GetValueOrDefault(d);

    /// <summary>Working days from the start of the calendar up to and including d (the date dimension's working-day number).</summary>
    public int WorkingDayNumber(DateOnly d) => _cumulative[Index(d)];

    /// <summary>The N-th working day after d, d itself not counted (N = 0 gives d).</summary>
    public DateOnly AddWorkingDays(DateOnly d, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n == 0)
        {
            Index(d);
            return d;
        }
        var target = _cumulative[Index(d)] + n - 1;
        if (target >= _workingDays.Count)
        {
            throw new CalendarRangeException(
                $"{n} working days after {d:yyyy-MM-dd} falls after {_last:yyyy-MM-dd}, the end of the bank-holiday list; extend reference/bank_holidays.csv");
        }
        return _workingDays[target];
    }

    /// <summary>Working days in (from, to]: 0 for the same day, negative when to is before from.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to) => _cumulative[Index(to)] - _cumulative[Index(from)];
}
