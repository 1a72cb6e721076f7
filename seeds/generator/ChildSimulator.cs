namespace ChildrensWarehouse.Seeds;

/// <summary>Which stream of arrivals a child comes from.</summary>
internal enum Cohort
{
    /// <summary>Entered care before the contact flow starts (long stays, care leavers).</summary>
    EarlierCare,

    /// <summary>First contact within the simulated flow.</summary>
    Flow,
}

/// <summary>
/// The event timeline of one child: contacts and their decisions, referrals, single assessments,
/// section 47 enquiries, CIN and CP plans, periods of care, and the practice records that go with
/// them. Each concern draws from its own random stream for this child.
/// </summary>
internal sealed partial class ChildSimulator(SimulationContext ctx)
{
    private static readonly (string, double)[] Sources =
    [
        ("6", 0.27), ("2A", 0.16), ("2B", 0.02), ("3A", 0.03), ("3B", 0.03), ("3C", 0.01), ("3D", 0.02), ("3E", 0.03),
        ("3F", 0.03), ("4", 0.02), ("5A", 0.05), ("5B", 0.02), ("5C", 0.03), ("5D", 0.03), ("1A", 0.02), ("1B", 0.05),
        ("1C", 0.01), ("1D", 0.01), ("1E", 0.01), ("1F", 0.01), ("7", 0.03), ("8", 0.06), ("9", 0.02), ("10", 0.02),
    ];

    private static readonly (string, double)[] AntenatalSources = [("3B", 0.2), ("3D", 0.35), ("3F", 0.3), ("6", 0.1), ("5A", 0.05)];

    private static readonly (string, double)[] Ethnicities =
    [
        ("WBRI", 0.615), ("WOTH", 0.14), ("WIRI", 0.005), ("WIRT", 0.01), ("WROM", 0.01), ("MWBC", 0.03), ("MWBA", 0.01),
        ("MWAS", 0.01), ("MOTH", 0.03), ("AIND", 0.01), ("APKN", 0.06), ("ABAN", 0.005), ("AOTH", 0.02), ("BCRB", 0.005),
        ("BAFR", 0.02), ("BOTH", 0.005), ("CHNE", 0.003), ("OOTH", 0.02), ("REFU", 0.005), ("NOBT", 0.012),
    ];

    private static readonly (string, double)[] UascEthnicities = [("OOTH", 0.35), ("AOTH", 0.3), ("BAFR", 0.25), ("BOTH", 0.1)];

    private static readonly (string, double)[] Needs =
    [
        ("N1", 0.54), ("N2", 0.06), ("N3", 0.04), ("N4", 0.10), ("N5", 0.13), ("N6", 0.03), ("N7", 0.01), ("N8", 0.02), ("N9", 0.07),
    ];

    private static readonly string[] FactorCodes =
    [
        "1B", "1C", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B", "6A", "6B", "7A", "8B", "8C", "8D", "8E", "8F",
        "9A", "10A", "11A", "12A", "13A", "14A", "15A", "16A", "17A", "18B", "18C", "19A", "19B", "19C", "20", "21", "22A", "23A", "24A",
    ];

    private static readonly (string, double)[] CpCategories = [("NEGLECT", 0.46), ("EMOTIONAL", 0.34), ("PHYSICAL", 0.08), ("SEXUAL", 0.05), ("MULTIPLE", 0.07)];

    private static readonly string[] LeadAgencies = ["SCHOOL", "HEALTH_VISITOR", "EARLY_HELP_TEAM", "CHILDRENS_CENTRE", "SCHOOL", "VOLUNTARY_SECTOR", "HOUSING", "EARLY_HELP_TEAM"];

    private Random _profile = null!;
    private Random _case = null!;
    private Random _care = null!;
    private Random _practice = null!;
    private ChildCase _child = null!;

    /// <summary>Simulates one child whose first contact (or, for earlier care, entry to care) is at <paramref name="start"/>.</summary>
    public ChildCase Simulate(Cohort cohort, long ordinal, DateTime start)
    {
        var key = (cohort == Cohort.Flow ? 1L << 40 : 0L) + ordinal;
        var index = ctx.Council.Index;
        _profile = RandomStreams.For(ctx.Seed, index, "child-profile", key);
        _case = RandomStreams.For(ctx.Seed, index, "child-case", key);
        _care = RandomStreams.For(ctx.Seed, index, "child-care", key);
        _practice = RandomStreams.For(ctx.Seed, index, "child-practice", key);
        _child = new ChildCase { Ordinal = key };
        CreateProfile(cohort, start);
        if (cohort == Cohort.EarlierCare)
        {
            RunEarlierCare(start);
        }
        else
        {
            RunContacts(start);
        }
        AddPractice();
        return _child;
    }

    // ---------------------------------------------------------------- profile

    private void CreateProfile(Cohort cohort, DateTime start)
    {
        var rng = _profile;
        var c = _child;
        var day = start.Day();
        var uascChance = day < new DateOnly(2015, 4, 1) ? 0.0012 : 0.003;
        c.Uasc = cohort == Cohort.Flow && rng.Chance(uascChance);
        bool unborn;
        int ageDays;
        if (c.Uasc)
        {
            unborn = false;
            ageDays = rng.Between(14 * 365 + 30, 18 * 365 - 60);
        }
        else
        {
            var bucket = cohort == Cohort.EarlierCare
                ? rng.PickWeighted(CareEntryAges)
                : rng.PickWeighted(ContactAges);
            unborn = bucket.From < 0;
            ageDays = unborn ? -rng.Between(20, 150) : rng.Between(bucket.From * 365, bucket.To * 365 - 1);
        }
        c.Dob = day.AddDays(-ageDays);
        if (unborn)
        {
            c.ExpectedDob = c.Dob.AddDays(rng.Between(-10, 10));
        }
        c.Sex = c.Uasc ? (rng.Chance(0.92) ? 'M' : 'F') : (rng.Chance(0.52) ? 'M' : 'F');
        c.Ethnicity = c.Uasc ? rng.PickWeighted(UascEthnicities) : rng.PickWeighted(Ethnicities);
        c.Disabled = rng.Chance(0.07);
        // An unborn child is recorded as "Unborn" until the birth; one born by the horizon has a given name.
        var (first, last) = Names.ForChild(rng, c.Sex, c.Ethnicity, unborn);
        c.FirstName = unborn && c.Dob <= ctx.Horizon ? Names.ForChild(rng, c.Sex, c.Ethnicity, false).First : first;
        c.LastName = last;
        var schoolAge = Dates.AgeAt(c.Dob, Dates.Min(ctx.Horizon, c.Dob.AddYears(16))) >= 5;
        if (schoolAge && !c.Uasc && rng.Chance(0.85))
        {
            var year = Math.Max(c.Dob.Year + 4, 2000);
            c.Upn = Identifiers.Upn(rng, ctx.Council.LaCode, year);
        }
        c.Touch(day);
    }

    private static readonly ((int From, int To), double)[] ContactAges =
    [
        ((-1, 0), 0.025), ((0, 1), 0.09), ((1, 5), 0.21), ((5, 10), 0.26), ((10, 16), 0.31), ((16, 18), 0.105),
    ];

    private static readonly ((int From, int To), double)[] CareEntryAges =
    [
        ((0, 1), 0.24), ((1, 5), 0.19), ((5, 10), 0.20), ((10, 16), 0.30), ((16, 18), 0.07),
    ];

    private int AgeAt(DateOnly d) => Dates.AgeAt(_child.Dob, d);

    private DateOnly Adulthood => Dates.Birthday(_child.Dob, 18);

    // ---------------------------------------------------------------- contacts

    private void RunContacts(DateTime first)
    {
        var rng = _case;
        var t = first;
        var known = false;
        for (var guard = 0; guard < 40 && t <= ctx.AsAt; guard++)
        {
            var d = t.Day();
            if (d >= Adulthood || _child.Death is not null)
            {
                break;
            }
            var unborn = d < _child.Dob;
            var contact = NewContact(t, unborn);
            double pRef = ctx.Curves.ContactReferralShare.At(d) * (known ? 1.3 : 1.0);
            if (unborn)
            {
                pRef = 0.55;
            }
            if (_child.Uasc)
            {
                pRef = 1.0;
            }
            var x = rng.NextDouble();
            contact.Outcome = x < pRef ? "REFERRAL" : x < pRef + 0.17 ? "EARLY_HELP" : x < pRef + 0.40 ? "ADVICE" : "NFA";
            known = true;
            DateTime? next = null;
            switch (contact.Outcome)
            {
                case "REFERRAL":
                    {
                        var closure = RunReferral(contact, contact.Decision.Day(), forcedCare: _child.Uasc);
                        if (closure is { } c && c <= ctx.Horizon)
                        {
                            if (rng.Chance(0.40))
                            {
                                next = c.At(rng.Uniform(0, 24)).AddDays(3 + rng.Exponential(95));
                            }
                            else if (rng.Chance(0.18))
                            {
                                next = c.At(rng.Uniform(0, 24)).AddDays(rng.Between(365, 1460));
                            }
                        }
                        break;
                    }
                case "EARLY_HELP":
                    {
                        var start = contact.Decision.Day().AddDays(rng.Between(1, 20));
                        AddEarlyHelp(start, rng);
                        if (rng.Chance(0.30))
                        {
                            next = contact.Decision.AddDays(2 + rng.Exponential(150));
                        }
                        break;
                    }
                default:
                    if (rng.Chance(0.28))
                    {
                        next = contact.Decision.AddDays(1 + rng.Exponential(110));
                    }
                    break;
            }
            if (next is not { } n)
            {
                break;
            }
            t = n;
        }
    }

    private ContactEvent NewContact(DateTime received, bool unborn)
    {
        var rng = _case;
        var d = received.Day();
        var contact = new ContactEvent
        {
            Received = received,
            Source = _child.Uasc ? (rng.Chance(0.7) ? "6" : "8") : unborn ? rng.PickWeighted(AntenatalSources) : rng.PickWeighted(Sources),
        };
        var hours = rng.Chance(ctx.Curves.ContactDecidedIn24h.At(d))
            ? rng.Uniform(0.25, 23.75) * rng.Uniform(0.3, 1.0)
            : 24.02 + Math.Min(rng.Exponential(54), 24 * 30);
        contact.Decision = received.AddSeconds(Math.Round(hours * 3600));
        _child.Contacts.Add(contact);
        _child.Touch(d);
        return contact;
    }

    /// <summary>Contacts about a child whose case is open: decided as EXISTING_CASE.</summary>
    private void AddIncidentalContacts(DateOnly from, DateOnly to)
    {
        var rng = _case;
        var t = from.AddDays((int)rng.Exponential(420));
        while (t < to && t <= ctx.Horizon)
        {
            var contact = NewContact(t.At(rng.Uniform(8, 18)), t < _child.Dob);
            contact.Outcome = "EXISTING_CASE";
            t = t.AddDays(10 + (int)rng.Exponential(420));
        }
    }

    private void AddEarlyHelp(DateOnly start, Random rng)
    {
        var days = (int)Math.Clamp(rng.LogNormal(160, 0.5), 30, 900);
        var eh = new EarlyHelpEvent
        {
            Start = start,
            End = start.AddDays(days),
            AssessmentDate = rng.Chance(0.9) ? start.AddDays(rng.Between(0, 28)) : null,
            LeadAgency = rng.Pick(LeadAgencies),
        };
        _child.EarlyHelp.Add(eh);
        _child.Touch(Dates.Min(eh.End, ctx.Horizon));
    }

    // ---------------------------------------------------------------- earlier care

    private void RunEarlierCare(DateTime entry)
    {
        var rng = _case;
        var day = entry.Day();
        var contact = NewContact(day.AddDays(-rng.Between(0, 3)).At(rng.Uniform(8, 17)), false);
        contact.Decision = contact.Received.AddHours(rng.Uniform(0.5, 6));
        contact.Outcome = "REFERRAL";
        var closure = RunReferral(contact, contact.Decision.Day(), forcedCare: true, careStart: day);
        if (closure is { } c && c < ctx.Horizon && c < Adulthood.AddDays(-30) && _child.Death is null && rng.Chance(0.3))
        {
            RunContacts(c.At(rng.Uniform(8, 18)).AddDays(20 + rng.Exponential(200)));
        }
    }
}
