namespace ChildrensWarehouse.Seeds;

/// <summary>
/// A parameter that varies by calendar month: knots (month, value), linear between knots, flat
/// before the first and after the last. The trends of the bundled extract (slow contact decisions
/// until November 2015, CLA visits dipping in November-December 2015, ...) live in these knots.
/// </summary>
internal sealed class MonthlyCurve
{
    private readonly int[] _months;
    private readonly double[] _values;

    public MonthlyCurve(params (string Month, double Value)[] knots)
    {
        _months = knots.Select(k => Dates.MonthIndex(DateOnly.ParseExact(k.Month + "-01", "yyyy-MM-dd", null))).ToArray();
        _values = knots.Select(k => k.Value).ToArray();
    }

    private MonthlyCurve(int[] months, double[] values)
    {
        _months = months;
        _values = values;
    }

    public double At(DateOnly d) => AtMonth(Dates.MonthIndex(d));

    public double AtMonth(int month)
    {
        if (month <= _months[0])
        {
            return _values[0];
        }
        for (var i = 1; i < _months.Length; i++)
        {
            if (month <= _months[i])
            {
                var t = (double)(month - _months[i - 1]) / (_months[i] - _months[i - 1]);
                return _values[i - 1] + t * (_values[i] - _values[i - 1]);
            }
        }
        return _values[^1];
    }

    /// <summary>The same curve with every value transformed (a council's own performance).</summary>
    public MonthlyCurve Select(Func<double, double> f) => new(_months, _values.Select(f).ToArray());
}

/// <summary>
/// The simulation's parameters for one council. The defaults are the Peterborough calibration of
/// seeds/calibration.csv (knots up to January 2016); knots after the report's as-at month return
/// to ordinary long-run levels, so runs into later years do not keep one month's extremes.
/// Synthetic councils get the same shapes shifted by their own performance.
/// </summary>
internal sealed class ServiceCurves
{
    /// <summary>Children contacting the service for the first time, per month, per 10,000 children.</summary>
    public MonthlyCurve NewChildContactsPer10k { get; init; } = new(("2011-04", 84), ("2014-04", 86), ("2015-04", 85), ("2016-01", 83));

    /// <summary>Share of contacts decided within 24 hours (the rest become referrals by R-CONTACT-AUTOREF).</summary>
    public MonthlyCurve ContactDecidedIn24h { get; init; } = new(("2011-04", 0.62), ("2014-04", 0.58), ("2015-04", 0.60),
        ("2015-10", 0.62), ("2015-11", 0.70), ("2015-12", 0.93), ("2016-01", 0.97));

    /// <summary>Share of contacts about a child with no open case whose outcome is REFERRAL.</summary>
    public MonthlyCurve ContactReferralShare { get; init; } = new(("2011-04", 0.31), ("2016-01", 0.30));

    /// <summary>Share of single assessments authorised within 42 days, by the month they are due.</summary>
    public MonthlyCurve AssessmentIn42Days { get; init; } = new(("2011-04", 0.70), ("2014-04", 0.72), ("2015-04", 0.74),
        ("2015-07", 0.80), ("2015-10", 0.90), ("2015-11", 0.95), ("2015-12", 0.99), ("2016-01", 1.0), ("2016-07", 0.90));

    /// <summary>Share of CP reviews held on time, by due month: 100% from August 2015.</summary>
    public MonthlyCurve CpReviewOnTime { get; init; } = new(("2011-04", 0.90), ("2014-04", 0.93), ("2015-07", 0.95), ("2015-08", 1.0), ("2016-01", 1.0), ("2016-07", 0.97));

    /// <summary>Share of CP visit intervals within 10 working days.</summary>
    public MonthlyCurve CpVisitOnTime { get; init; } = new(("2011-04", 0.80), ("2015-06", 0.82), ("2015-12", 0.86), ("2016-01", 0.86));

    /// <summary>Share of CLA visit intervals within 6 weeks: the dip of November-December 2015.</summary>
    public MonthlyCurve ClaVisitOnTime { get; init; } = new(("2011-04", 0.93), ("2015-09", 0.94), ("2015-10", 0.70),
        ("2015-11", 0.72), ("2015-12", 0.96), ("2016-01", 0.96), ("2016-07", 0.93));

    /// <summary>Share of CLA reviews held on time.</summary>
    public MonthlyCurve ClaReviewOnTime { get; init; } = new(("2011-04", 0.90), ("2015-04", 0.94), ("2016-01", 0.96));

    /// <summary>Share of initial health assessments within 20 working days, by month of entry.</summary>
    public MonthlyCurve IhaIn20WorkingDays { get; init; } = new(("2011-04", 0.10), ("2015-03", 0.11), ("2015-04", 0.55),
        ("2015-09", 0.66), ("2016-01", 0.72));

    /// <summary>Share of review health assessments on time.</summary>
    public MonthlyCurve RhaOnTime { get; init; } = new(("2011-04", 0.73), ("2016-01", 0.74));

    /// <summary>Share of annual dental checks on time.</summary>
    public MonthlyCurve DentalOnTime { get; init; } = new(("2011-04", 0.45), ("2016-01", 0.46));

    /// <summary>Share of PEPs held on time: 100% from May 2015 (so every child has one in the 6 months to January 2016).</summary>
    public MonthlyCurve PepOnTime { get; init; } = new(("2011-04", 0.82), ("2015-04", 0.88), ("2015-05", 1.0), ("2016-01", 1.0), ("2016-07", 0.95));

    /// <summary>Multiplier of the chance that a case leads to care.</summary>
    public MonthlyCurve CareEntry { get; init; } = new(("2011-04", 0.65), ("2014-10", 0.65), ("2015-04", 0.40), ("2016-01", 0.40), ("2016-07", 0.55));

    /// <summary>Days a finished case drifts before its referral is closed (the 2015 closure drive shortens it).</summary>
    public MonthlyCurve ClosureDriftDays { get; init; } = new(("2011-04", 130), ("2015-01", 140), ("2015-04", 100),
        ("2015-07", 50), ("2015-10", 25), ("2016-01", 12));

    /// <summary>Target average caseload of qualified social workers (workforce is sized to it).</summary>
    public MonthlyCurve QswCaseload { get; init; } = new(("2011-04", 22), ("2014-01", 24), ("2015-01", 24.5),
        ("2015-06", 22.5), ("2015-12", 18.5), ("2016-01", 18));

    /// <summary>Chance that proceedings about a child under 5 end in a placement order (falling after Re B-S, 2013).</summary>
    public MonthlyCurve PlacementOrderShare { get; init; } = new(("2011-04", 0.5), ("2013-06", 0.45), ("2014-01", 0.30),
        ("2015-01", 0.20), ("2016-01", 0.18));

    /// <summary>Mean weeks from issue to final order in care proceedings.</summary>
    public MonthlyCurve ProceedingsWeeks { get; init; } = new(("2011-04", 48), ("2013-04", 42), ("2014-04", 32),
        ("2015-04", 29), ("2016-01", 28));

    /// <summary>Share of new qualified social workers who are agency staff.</summary>
    public MonthlyCurve AgencyShare { get; init; } = new(("2011-04", 0.22), ("2015-01", 0.30), ("2016-01", 0.24));

    /// <summary>The same shapes for another council: its volumes scaled and its timeliness shifted on the logit scale.</summary>
    public ServiceCurves ForCouncil(double contactFactor, double careFactor, double performance)
    {
        double Shift(double p) => p >= 0.999
            ? (performance >= 0 ? p : Logistic(Logit(0.999) + performance))
            : Logistic(Logit(p) + performance);
        return new ServiceCurves
        {
            NewChildContactsPer10k = NewChildContactsPer10k.Select(v => v * contactFactor),
            ContactDecidedIn24h = ContactDecidedIn24h.Select(Shift),
            ContactReferralShare = ContactReferralShare,
            AssessmentIn42Days = AssessmentIn42Days.Select(Shift),
            CpReviewOnTime = CpReviewOnTime.Select(Shift),
            CpVisitOnTime = CpVisitOnTime.Select(Shift),
            ClaVisitOnTime = ClaVisitOnTime.Select(Shift),
            ClaReviewOnTime = ClaReviewOnTime.Select(Shift),
            IhaIn20WorkingDays = IhaIn20WorkingDays.Select(Shift),
            RhaOnTime = RhaOnTime.Select(Shift),
            DentalOnTime = DentalOnTime.Select(Shift),
            PepOnTime = PepOnTime.Select(Shift),
            CareEntry = CareEntry.Select(v => v * careFactor),
            ClosureDriftDays = ClosureDriftDays,
            QswCaseload = QswCaseload.Select(v => Math.Clamp(v - performance * 3, 12, 28)),
            PlacementOrderShare = PlacementOrderShare,
            ProceedingsWeeks = ProceedingsWeeks.Select(v => Math.Max(20, v - performance * 4)),
            AgencyShare = AgencyShare,
        };
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
}
