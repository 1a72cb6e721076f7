namespace ChildrensWarehouse.Seeds;

/// <summary>Everything the simulation of one council's children shares.</summary>
internal sealed class SimulationContext
{
    public SimulationContext(GeneratorOptions options, Council council)
    {
        Options = options;
        Council = council;
        Curves = council.Curves;
        Seed = options.Seed;
        From = options.From;
        AsAt = options.AsAt;
        // Date-only events are recorded up to the day before the as-at moment, or up to the as-at day
        // itself when the extract is taken in the evening.
        Horizon = AsAt.TimeOfDay >= TimeSpan.FromHours(18) ? DateOnly.FromDateTime(AsAt) : DateOnly.FromDateTime(AsAt).AddDays(-1);
        HistoryStart = From.AddYears(-2);
        PracticeStart = From.AddYears(-1);
        EarliestCareEntry = From.AddYears(-18);
        Carers = new FosterCarerPool(Seed, council, EarliestCareEntry, Horizon);
    }

    public GeneratorOptions Options { get; }
    public Council Council { get; }
    public ServiceCurves Curves { get; }
    public int Seed { get; }

    /// <summary>Start of the simulated flow of contacts; children already open then come with their history.</summary>
    public DateOnly From { get; }

    public DateTime AsAt { get; }

    /// <summary>The last day a date-only event can carry.</summary>
    public DateOnly Horizon { get; }

    /// <summary>
    /// Two years before <see cref="From"/>: the flow of contacts is simulated from here so that the
    /// caseload at From is in a steady state; the workforce and allocations start here, as if
    /// migrated into the case system at that date.
    /// </summary>
    public DateOnly HistoryStart { get; }

    /// <summary>
    /// One year before <see cref="From"/>: visits, supervisions, dental checks, immunisation
    /// records and PEPs are kept from here (enough for every 12-month look-back of the report window).
    /// </summary>
    public DateOnly PracticeStart { get; }

    /// <summary>
    /// The first day the case system holds records for: 1 January of the first year of the
    /// bank-holiday list, since working days cannot be counted before it. Older history appears as
    /// migrated on that day: anything that ended before it is absent, anything running then starts
    /// on it. Dates of birth are kept.
    /// </summary>
    public DateOnly RecordsBegin { get; } = new(BankHolidays.FirstListedYear, 1, 1);

    /// <summary>Earliest start of a period of care still open at <see cref="HistoryStart"/>.</summary>
    public DateOnly EarliestCareEntry { get; }

    public WorkingDayCalendar Calendar { get; } = WorkingDayCalendar.EnglandAndWales;

    public FosterCarerPool Carers { get; }

    public double PopulationTenThousands(DateOnly d) => Council.PopulationOn(d) / 10_000.0;
}
