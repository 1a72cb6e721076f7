namespace ChildrensWarehouse.Rules;

/// <summary>A date outside the years the calendar can count (1900 to 2200).</summary>
public sealed class CalendarRangeException(string message) : Exception(message);

/// <summary>
/// Working days (RULES.md §0): Monday-Friday and not an England and Wales bank holiday (nor a local closure day).
/// The bank holidays are the list's (reference/bank_holidays.csv) for the years from its first to its last; the years
/// before and after it, from 1900 to 2200, have those of England's standard rules (RULES.md §3: "Years after 2030:
/// compute by these rules"; the same rules for older history, without the special days a list would add). A date
/// outside 1900-2200 is an error. Counting: the start date is day 0.
/// </summary>
public sealed class WorkingDayCalendar
{
    /// <summary>The years the calendar counts at least (the list's own may reach beyond them).</summary>
    public const int EarliestYear = 1900, LatestYear = 2200;

    private readonly DateOnly _first;
    private readonly DateOnly _last;
    private readonly DateOnly _listedFirst;
    private readonly DateOnly _listedLast;
    private readonly bool[] _isWorking;
    /// <summary>_cumulative[i] = working days in [_first, _first + i].</summary>
    private readonly int[] _cumulative;
    /// <summary>Working days before the list's first day: working-day numbers count from it.</summary>
    private readonly int _numberOffset;
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
        _listedFirst = new DateOnly(_holidayNames.Keys.Min().Year, 1, 1);
        _listedLast = new DateOnly(_holidayNames.Keys.Max().Year, 12, 31);
        _first = new DateOnly(Math.Min(EarliestYear, _listedFirst.Year), 1, 1);
        _last = new DateOnly(Math.Max(LatestYear, _listedLast.Year), 12, 31);
        var closed = new HashSet<DateOnly>(_holidayNames.Keys);
        for (var year = _first.Year; year <= _last.Year; year++)
        {
            if (year >= _listedFirst.Year && year <= _listedLast.Year) continue;
            closed.UnionWith(Seeds.BankHolidays.ByStandardRules(year));
        }
        closed.UnionWith(extraClosureDays ?? []);
        var days = _last.DayNumber - _first.DayNumber + 1;
        _isWorking = new bool[days];
        _cumulative = new int[days];
        var count = 0;
        for (var i = 0; i < days; i++)
        {
            var d = _first.AddDays(i);
            if (d == _listedFirst) _numberOffset = count;
            _isWorking[i] = d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !closed.Contains(d);
            if (_isWorking[i])
            {
                count++;
                _workingDays.Add(d);
            }
            _cumulative[i] = count;
        }
    }

    /// <summary>The first day of the bank-holiday list's first year (the date dimension starts here).</summary>
    public DateOnly ListedFirstDate => _listedFirst;

    /// <summary>The last day of the bank-holiday list's last year (the date dimension ends here).</summary>
    public DateOnly ListedLastDate => _listedLast;

    private int Index(DateOnly d)
    {
        if (d < _first || d > _last)
        {
            throw new CalendarRangeException($"date {d:yyyy-MM-dd} is outside the years working days are counted in ({_first.Year}-{_last.Year})");
        }
        return d.DayNumber - _first.DayNumber;
    }

    public bool IsWorkingDay(DateOnly d) => _isWorking[Index(d)];

    public string? BankHolidayName(DateOnly d) => _holidayNames.GetValueOrDefault(d);

    /// <summary>Working days from the list's first day up to and including d (the date dimension's working-day number).</summary>
    public int WorkingDayNumber(DateOnly d) => _cumulative[Index(d)] - _numberOffset;

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
            throw new CalendarRangeException($"{n} working days after {d:yyyy-MM-dd} falls after {_last:yyyy-MM-dd}, the last day working days are counted in");
        }
        return _workingDays[target];
    }

    /// <summary>Working days in (from, to]: 0 for the same day, negative when to is before from.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to) => _cumulative[Index(to)] - _cumulative[Index(from)];
}
