using ChildrensWarehouse.Derivation;
using ChildrensWarehouse.Rules;

namespace ChildrensWarehouse.Indicators;

/// <summary>One member of an indicator's numerator and/or denominator: the child (or worker, carer) and the record behind it.</summary>
public sealed record KpiMember(string Code, DateOnly PeriodEnd, string? ChildId, string RecordId, bool InNumerator, bool InDenominator, DateOnly? DueDate, string? WorkerId);

/// <summary>
/// The one place indicators are computed (DESIGN.md "Indicators"): every child's facts are added once, each
/// indicator adds its numerator, denominator and drill-through members per reporting period, council-wide
/// indicators (workforce, carers) are finished at the end, and the rows come out in the output contract's order.
/// Each indicator's rule is written once, in FrontDoor, ChildProtection, LookedAfter or Workforce, as KPIS.md defines it.
/// </summary>
public sealed class IndicatorCalculator
{
    private delegate void ChildContribution(ChildFacts facts, IndicatorCalculator calc);

    /// <summary>An indicator's contributions; its numerator is their sum divided by <paramref name="NumeratorDivisor"/> (K25D
    /// adds whole days and is in weeks: summing days keeps every total exact, whatever order runs add and take away
    /// contributions in).</summary>
    private sealed record Indicator(ChildContribution? PerChild, Action<IndicatorCalculator>? Council = null, int NumeratorDivisor = 1);

    private static readonly IReadOnlyDictionary<string, Indicator> Indicators = new Dictionary<string, Indicator>(StringComparer.Ordinal)
    {
        ["K01"] = new(FrontDoor.ContactsProgressingToReferral),
        ["K01T"] = new(FrontDoor.ContactsDecidedInTime),
        ["K02"] = new(FrontDoor.ReferralsPer10000),
        ["K03"] = new(FrontDoor.ReferralsProgressingToAssessment),
        ["K04"] = new(FrontDoor.EarlyHelpPer10000),
        ["K05"] = new(FrontDoor.AssessmentsWithin42DaysYtd),
        ["K05M"] = new(FrontDoor.AssessmentsWithin42DaysMonth),
        ["K05W"] = new(FrontDoor.AssessmentsWithin45WorkingDays),
        ["K06"] = new(FrontDoor.ReReferrals),
        ["K07"] = new(ChildProtection.ChildrenOnPlanPer10000),
        ["K08"] = new(ChildProtection.ReviewsWithinTimescale),
        ["K09"] = new(ChildProtection.VisitsWithinTimescale),
        ["K10"] = new(LookedAfter.ChildrenLookedAfterPer10000),
        ["K11"] = new(LookedAfter.ThreeOrMorePlacements),
        ["K12"] = new(LookedAfter.ReviewsWithinTimescale),
        ["K13"] = new(LookedAfter.VisitsWithinTimescale),
        ["K14"] = new(LookedAfter.InitialHealthAssessmentsYtd),
        ["K14M"] = new(LookedAfter.InitialHealthAssessmentsMonth),
        ["K15"] = new(LookedAfter.AnnualHealthAssessments),
        ["K16"] = new(LookedAfter.DentalChecks),
        ["K17"] = new(LookedAfter.PersonalEducationPlans),
        ["K18"] = new(LookedAfter.AdoptionsYtd),
        ["K18M"] = new(LookedAfter.AdoptionsMonth),
        ["K19"] = new(ChildProtection.SubsequentPlans),
        ["K20"] = new(FrontDoor.AssessmentsEndingInNfa),
        ["K21"] = new(FrontDoor.S47Per10000),
        ["K22"] = new(ChildProtection.ChildrenInNeedWithPlan),
        ["K23"] = new(ChildProtection.PlansEndingAfterTwoYears),
        ["K24"] = new(Workforce.OpenCasesSupervised),
        ["K25"] = new(LookedAfter.ProceedingsWithin26Weeks),
        ["K25D"] = new(LookedAfter.ProceedingsAverageWeeks, NumeratorDivisor: 7),
        ["K26"] = new(LookedAfter.LongTermStability),
        ["K27"] = new(null, Workforce.InHouseFosterCarers),
        ["K28"] = new(Workforce.CountCaseloads, Workforce.AverageCaseload),
        ["K28X"] = new(null, Workforce.MoreThanTwentyCases),
        ["K29"] = new(FrontDoor.ChildrenOpenToSocialCare),
        ["K30"] = new(LookedAfter.CareLeaversSuitablyAccommodated),
        ["K31"] = new(LookedAfter.CareLeaversInEducationEmploymentOrTraining),
        ["K32"] = new(LookedAfter.DaysInCare),
        ["K33"] = new(LookedAfter.ReturnedHome),
    };

    public static IReadOnlyCollection<string> ImplementedCodes => Indicators.Keys.Order(StringComparer.Ordinal).ToList();

    private readonly IReadOnlyDictionary<string, IndicatorDefinition> _definitions;
    private readonly IReadOnlyDictionary<string, string> _unavailable;
    private readonly Dictionary<string, (decimal[] Numerator, decimal[] Denominator)> _cells = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> _caseloads = new(StringComparer.Ordinal);
    private readonly List<KpiMember> _members = [];
    private string _code = "";
    private ChildFacts? _child;
    private bool _finished;

    public ReportingPeriods Periods { get; }
    public IReadOnlyList<DateOnly> MonthEnds => Periods.MonthEnds;
    public WorkingDayCalendar Calendar { get; }
    public RuleSettings Rules { get; }
    public CouncilRecords Council { get; }

    /// <param name="unavailable">Indicators the source cannot support, with the reason (<see cref="IndicatorInputs.Unavailable"/>): not computed, reported empty.</param>
    public IndicatorCalculator(ReportingPeriods periods, WorkingDayCalendar calendar, RuleSettings rules, CouncilRecords council,
        IReadOnlyDictionary<string, IndicatorDefinition> definitions, IReadOnlyDictionary<string, string>? unavailable = null)
    {
        _unavailable = unavailable ?? new Dictionary<string, string>();
        Periods = periods;
        Calendar = calendar;
        Rules = rules;
        Council = council;
        _definitions = definitions;
        foreach (var code in Indicators.Keys)
        {
            if (!definitions.ContainsKey(code))
            {
                throw new InvalidDataException($"indicator {code} is implemented but missing from the indicator dictionary");
            }
            _cells[code] = (new decimal[periods.MonthEnds.Count], new decimal[periods.MonthEnds.Count]);
        }
    }

    public void Add(ChildFacts facts)
    {
        if (_finished) throw new InvalidOperationException("the indicators are already finished");
        _child = facts;
        _workers = null;
        _tally.Clear();
        _caseTally.Clear();
        foreach (var (code, indicator) in Indicators)
        {
            if (indicator.PerChild is null || _unavailable.ContainsKey(code)) continue;
            _code = code;
            indicator.PerChild(facts, this);
        }
        _child = null;
    }

    // The last added child's contributions to the sums and the caseloads: stored with the child, so an incremental run
    // adds them back (Replay) instead of deriving a child whose inputs did not change.
    private readonly Dictionary<(string Code, int Period), (decimal Numerator, decimal Denominator)> _tally = [];
    private readonly List<(string Worker, int Period)> _caseTally = [];

    private void Tally(int period, decimal numerator, decimal denominator)
    {
        if (_child is null) return;
        var key = (_code, period);
        var (n, d) = _tally.GetValueOrDefault(key);
        _tally[key] = (n + numerator, d + denominator);
    }

    /// <summary>The last added child's contributions to every indicator's sums and to the caseloads, as JSON.</summary>
    public string LastChildTally() => TallyJson(
        _tally.Select(t => (t.Key.Code, t.Key.Period, t.Value.Numerator, t.Value.Denominator)),
        _caseTally.GroupBy(c => c).Select(g => (g.Key.Worker, g.Key.Period, g.Count())));

    /// <summary>Contributions as stored: {"sums": [[code, period, numerator, denominator]...], "caseloads": [[worker, period, count]...]}.</summary>
    private static string TallyJson(IEnumerable<(string Code, int Period, decimal Numerator, decimal Denominator)> sums,
        IEnumerable<(string Worker, int Period, int Count)> caseloads)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("sums");
            foreach (var (code, period, numerator, denominator) in sums)
            {
                json.WriteStartArray();
                json.WriteStringValue(code);
                json.WriteNumberValue(period);
                json.WriteNumberValue(numerator);
                json.WriteNumberValue(denominator);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteStartArray("caseloads");
            foreach (var (worker, period, count) in caseloads)
            {
                json.WriteStartArray();
                json.WriteStringValue(worker);
                json.WriteNumberValue(period);
                json.WriteNumberValue(count);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Adds (<paramref name="sign"/> 1) or takes away (-1) contributions stored from an earlier run of the same periods:
    /// a child's (<see cref="LastChildTally"/>) or all the children's together (<see cref="ChildrenTally"/>). Every sum is
    /// additive, so the children's total of the last run, less the old contributions of the children derived again, plus
    /// their new ones, is exactly the total over all children.
    /// </summary>
    public void Replay(string tally, int sign = 1)
    {
        if (_finished) throw new InvalidOperationException("the indicators are already finished");
        if (sign is not (1 or -1)) throw new ArgumentOutOfRangeException(nameof(sign));
        using var document = System.Text.Json.JsonDocument.Parse(tally);
        foreach (var entry in document.RootElement.GetProperty("sums").EnumerateArray())
        {
            var cell = _cells[entry[0].GetString()!];
            var period = entry[1].GetInt32();
            cell.Numerator[period] += sign * entry[2].GetDecimal();
            cell.Denominator[period] += sign * entry[3].GetDecimal();
        }
        foreach (var entry in document.RootElement.GetProperty("caseloads").EnumerateArray())
        {
            var worker = entry[0].GetString()!;
            if (!_caseloads.TryGetValue(worker, out var loads)) _caseloads[worker] = loads = new int[MonthEnds.Count];
            loads[entry[1].GetInt32()] += sign * entry[2].GetInt32();
        }
    }

    /// <summary>
    /// Every child's contributions added so far, together, as JSON in the form of <see cref="LastChildTally"/>: before
    /// <see cref="Finish"/>, the sums hold the children's contributions and nothing else.
    /// </summary>
    public string ChildrenTally()
    {
        if (_finished) throw new InvalidOperationException("the children's tally is taken before the council-wide indicators are finished");
        return TallyJson(
            _cells.OrderBy(c => c.Key, StringComparer.Ordinal).SelectMany(c => Enumerable.Range(0, c.Value.Numerator.Length)
                .Where(i => c.Value.Numerator[i] != 0 || c.Value.Denominator[i] != 0)
                .Select(i => (c.Key, i, c.Value.Numerator[i], c.Value.Denominator[i]))),
            _caseloads.OrderBy(c => c.Key, StringComparer.Ordinal).SelectMany(c => Enumerable.Range(0, c.Value.Length)
                .Where(i => c.Value[i] != 0).Select(i => (c.Key, i, c.Value[i]))));
    }

    private string? CurrentChild => _child?.ChildId;

    private string?[]? _workers;

    /// <summary>The worker holding the current child's case at period end i (the latest allocation open then); worked out once per child.</summary>
    private string? WorkerAt(int period)
    {
        if (_child is null) return null;
        if (_workers is null)
        {
            _workers = new string?[MonthEnds.Count];
            for (var i = 0; i < MonthEnds.Count; i++)
            {
                Allocation? holder = null;
                foreach (var a in _child.Case.Allocations)
                {
                    if (a.IsOpenAt(MonthEnds[i]) && (holder is null || a.StartDate >= holder.StartDate)) holder = a;
                }
                _workers[i] = holder?.WorkerId;
            }
        }
        return _workers[period];
    }

    private void Member(int period, string recordId, bool inNumerator, bool inDenominator, DateOnly? due, string? childId, string? workerId) =>
        _members.Add(new KpiMember(_code, MonthEnds[period], childId, recordId, inNumerator, inDenominator, due, workerId));

    /// <summary>Counts one member of the denominator in period i, and of the numerator when <paramref name="inNumerator"/>.</summary>
    internal void Count(int period, bool inNumerator, string recordId, DateOnly? due = null)
    {
        var cell = _cells[_code];
        cell.Denominator[period] += 1;
        if (inNumerator) cell.Numerator[period] += 1;
        Tally(period, inNumerator ? 1 : 0, 1);
        Member(period, recordId, inNumerator, true, due, CurrentChild, WorkerAt(period));
    }

    /// <summary>Review obligations (K08, K12): each counts in the month it is reported in; the numerator holds those met on time.</summary>
    internal void CountReported(IEnumerable<ReviewObligation> obligations)
    {
        foreach (var o in obligations)
        {
            if (o.ReportedOn is not { } reported) continue;
            var i = Periods.MonthIndexOf(reported);
            if (i >= 0) Count(i, o.MetOnTime, o.RecordId, o.DueDate);
        }
    }

    /// <summary>Counts a council-wide member (a worker, a carer) rather than a child.</summary>
    internal void CountCouncil(int period, bool inNumerator, string recordId, string? workerId = null)
    {
        var cell = _cells[_code];
        cell.Denominator[period] += 1;
        if (inNumerator) cell.Numerator[period] += 1;
        Tally(period, inNumerator ? 1 : 0, 1);
        Member(period, recordId, inNumerator, true, null, null, workerId);
    }

    /// <summary>Adds to the numerator only (counts, rates, the numerator of an average), with the record behind it.</summary>
    internal void AddNumerator(int period, decimal amount, string recordId)
    {
        _cells[_code].Numerator[period] += amount;
        Tally(period, amount, 0);
        Member(period, recordId, true, false, null, CurrentChild, WorkerAt(period));
    }

    /// <summary>An average's member: adds to both sums (a record's value to the numerator, one to the denominator).</summary>
    internal void AddToAverage(int period, decimal value, string recordId, string? workerId = null)
    {
        var cell = _cells[_code];
        cell.Numerator[period] += value;
        cell.Denominator[period] += 1;
        Tally(period, value, 1);
        Member(period, recordId, true, true, null, CurrentChild, workerId ?? WorkerAt(period));
    }

    internal void AddCaseload(string workerId, int period)
    {
        if (!_caseloads.TryGetValue(workerId, out var loads)) _caseloads[workerId] = loads = new int[MonthEnds.Count];
        loads[period]++;
        if (_child is not null) _caseTally.Add((workerId, period));
    }

    internal int Caseload(string workerId, int period) => _caseloads.TryGetValue(workerId, out var loads) ? loads[period] : 0;

    /// <summary>Adds another tally of the same periods (children shared out over cores) into this one.</summary>
    public void Merge(IndicatorCalculator other)
    {
        if (_finished || other._finished) throw new InvalidOperationException("merge tallies before finishing them");
        foreach (var (code, (numerator, denominator)) in other._cells)
        {
            var mine = _cells[code];
            for (var i = 0; i < numerator.Length; i++)
            {
                mine.Numerator[i] += numerator[i];
                mine.Denominator[i] += denominator[i];
            }
        }
        foreach (var (worker, loads) in other._caseloads)
        {
            if (!_caseloads.TryGetValue(worker, out var mine)) _caseloads[worker] = mine = new int[MonthEnds.Count];
            for (var i = 0; i < loads.Length; i++) mine[i] += loads[i];
        }
        _members.AddRange(other._members);
    }

    /// <summary>Finishes the council-wide indicators; call once, after every child was added.</summary>
    public void Finish()
    {
        if (_finished) return;
        foreach (var (code, indicator) in Indicators)
        {
            if (indicator.Council is null || _unavailable.ContainsKey(code)) continue;
            _code = code;
            indicator.Council(this);
        }
        _finished = true;
    }

    public int MemberCount => _members.Count;

    private static decimal Normal(decimal value) => value / 1.0000000000000000000000000000m;

    /// <summary>
    /// The members added since <paramref name="count"/> members were held (one child's, right after its Add), forgotten
    /// here: a pipeline that writes each child's members as it goes holds none.
    /// </summary>
    public IReadOnlyList<KpiMember> TakeMembersSince(int count)
    {
        var taken = _members.GetRange(count, _members.Count - count);
        _members.RemoveRange(count, taken.Count);
        return taken;
    }

    public IReadOnlyList<KpiMember> Members
    {
        get
        {
            Finish();
            return _members;
        }
    }

    /// <summary>
    /// All rows, ordered ordinally by code then period_end; rates take the population as denominator. An indicator the
    /// source cannot support gives rows with no numbers and the reason.
    /// </summary>
    public IReadOnlyList<KpiRow> Results(Population population, KpiReference? reference = null)
    {
        Finish();
        var rows = new List<KpiRow>();
        foreach (var code in ImplementedCodes)
        {
            if (_unavailable.TryGetValue(code, out var reason))
            {
                rows.AddRange(MonthEnds.Select(e => KpiRow.NotAvailable(code, e, reason)));
                continue;
            }
            var definition = _definitions[code];
            var (numerator, denominator) = _cells[code];
            for (var i = 0; i < MonthEnds.Count; i++)
            {
                var d = definition.Unit == IndicatorUnit.Rate ? population.At(MonthEnds[i]) ?? 0 : denominator[i];
                // Normalised (1.50 -> 1.5): a total rebuilt by adding and taking away contributions has the value of a
                // fresh sum but may carry more decimal places.
                var (n, dn) = (Normal(numerator[i] / Indicators[code].NumeratorDivisor), Normal(d));
                var row = KpiRow.Create(code, MonthEnds[i], definition.Unit, n, dn);
                rows.Add(reference?.Annotate(row, definition, KpiRow.ValueOf(definition.Unit, n, dn)) ?? row);
            }
        }
        return rows;
    }
}
