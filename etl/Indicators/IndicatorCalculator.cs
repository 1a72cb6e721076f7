using ChildrensWarehouse.Derivation;
using ChildrensWarehouse.Rules;

namespace ChildrensWarehouse.Indicators;

/// <summary>
/// The one place indicators are computed (DESIGN.md "Indicators"): every child's facts are added once, each
/// implemented indicator adds its numerator and denominator per reporting period, and the rows come out in the
/// output contract's order. Each indicator's rule is written once, below, as KPIS.md defines it.
/// </summary>
public sealed class IndicatorCalculator
{
    private delegate void Contribution(ChildFacts facts, IndicatorCalculator calc);

    /// <summary>Implemented indicators, by code. The rest of the catalogue follows in its issues.</summary>
    private static readonly IReadOnlyDictionary<string, Contribution> Contributions = new Dictionary<string, Contribution>(StringComparer.Ordinal)
    {
        ["K01"] = FrontDoor.ContactsProgressingToReferral,
        ["K01T"] = FrontDoor.ContactsDecidedInTime,
        ["K02"] = FrontDoor.ReferralsPer10000,
        ["K03"] = FrontDoor.ReferralsProgressingToAssessment,
        ["K05"] = FrontDoor.AssessmentsWithin42DaysYtd,
        ["K05M"] = FrontDoor.AssessmentsWithin42DaysMonth,
        ["K05W"] = FrontDoor.AssessmentsWithin45WorkingDays,
        ["K06"] = FrontDoor.ReReferrals,
        ["K20"] = FrontDoor.AssessmentsEndingInNfa,
        ["K29"] = FrontDoor.ChildrenOpenToSocialCare,
        ["K04"] = FrontDoor.EarlyHelpPer10000,
        ["K21"] = FrontDoor.S47Per10000,
        ["K07"] = ChildProtection.ChildrenOnPlanPer10000,
        ["K08"] = ChildProtection.ReviewsWithinTimescale,
        ["K09"] = ChildProtection.VisitsWithinTimescale,
        ["K19"] = ChildProtection.SubsequentPlans,
        ["K22"] = ChildProtection.ChildrenInNeedWithPlan,
        ["K23"] = ChildProtection.PlansEndingAfterTwoYears,
        ["K10"] = LookedAfter.ChildrenLookedAfterPer10000,
    };

    public static IReadOnlyCollection<string> ImplementedCodes => Contributions.Keys.Order(StringComparer.Ordinal).ToList();

    private readonly IReadOnlyDictionary<string, IndicatorDefinition> _definitions;
    private readonly Dictionary<string, (decimal[] Numerator, decimal[] Denominator)> _cells = new(StringComparer.Ordinal);
    private readonly string? _currentCode;

    public ReportingPeriods Periods { get; }
    public WorkingDayCalendar Calendar { get; }
    public RuleSettings Rules { get; }
    public IReadOnlyList<DateOnly> MonthEnds => Periods.MonthEnds;

    public IndicatorCalculator(ReportingPeriods periods, WorkingDayCalendar calendar, RuleSettings rules, IReadOnlyDictionary<string, IndicatorDefinition> definitions)
    {
        Periods = periods;
        Calendar = calendar;
        Rules = rules;
        _definitions = definitions;
        foreach (var code in Contributions.Keys)
        {
            if (!definitions.ContainsKey(code))
            {
                throw new InvalidDataException($"indicator {code} is implemented but missing from the indicator dictionary");
            }
            _cells[code] = (new decimal[periods.MonthEnds.Count], new decimal[periods.MonthEnds.Count]);
        }
    }

    private IndicatorCalculator(IndicatorCalculator parent, string code)
    {
        Periods = parent.Periods;
        Calendar = parent.Calendar;
        Rules = parent.Rules;
        _definitions = parent._definitions;
        _cells = parent._cells;
        _currentCode = code;
    }

    public void Add(ChildFacts facts)
    {
        foreach (var (code, contribution) in Contributions)
        {
            contribution(facts, new IndicatorCalculator(this, code));
        }
    }

    /// <summary>Counts one member of the denominator in period i, and of the numerator when <paramref name="inNumerator"/>.</summary>
    internal void Count(int period, bool inNumerator)
    {
        var cell = _cells[_currentCode!];
        cell.Denominator[period] += 1;
        if (inNumerator) cell.Numerator[period] += 1;
    }

    /// <summary>Adds to the numerator only (counts, rates, the numerator of an average).</summary>
    internal void AddNumerator(int period, decimal amount) => _cells[_currentCode!].Numerator[period] += amount;

    internal void AddDenominator(int period, decimal amount) => _cells[_currentCode!].Denominator[period] += amount;

    /// <summary>All rows, ordered ordinally by code then period_end; rates take the population as denominator.</summary>
    public IReadOnlyList<KpiRow> Results(Population population)
    {
        var rows = new List<KpiRow>();
        foreach (var code in ImplementedCodes)
        {
            var unit = _definitions[code].Unit;
            var (numerator, denominator) = _cells[code];
            for (var i = 0; i < MonthEnds.Count; i++)
            {
                var d = unit == IndicatorUnit.Rate ? population.At(MonthEnds[i]) ?? 0 : denominator[i];
                rows.Add(KpiRow.Create(code, MonthEnds[i], unit, numerator[i], d));
            }
        }
        return rows;
    }
}
