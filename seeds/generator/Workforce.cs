using System.Globalization;

namespace ChildrensWarehouse.Seeds;

/// <summary>
/// Month-end counts gathered in a first pass over the children: open cases per service area,
/// contacts, children in care and on CP plans. The workforce is sized from them so that the
/// average caseload of qualified social workers follows the council's curve.
/// </summary>
internal sealed class CaseloadCensus
{
    private readonly int _firstMonth;
    private readonly DateOnly[] _monthEnds;
    private readonly int[,] _open;

    public CaseloadCensus(DateOnly from, DateOnly horizon)
    {
        _firstMonth = Dates.MonthIndex(from);
        var last = Dates.MonthIndex(horizon);
        Months = last - _firstMonth + 1;
        _monthEnds = new DateOnly[Months];
        for (var i = 0; i < Months; i++)
        {
            _monthEnds[i] = Dates.Min(Dates.MonthEnd(_firstMonth + i), horizon);
        }
        _open = new int[Enum.GetValues<ServiceArea>().Length, Months];
        Contacts = new int[Months];
        InCare = new int[Months];
        OnCpPlan = new int[Months];
    }

    public int FirstMonth => _firstMonth;
    public int Months { get; }
    public int[] Contacts { get; }
    public int[] InCare { get; }
    public int[] OnCpPlan { get; }

    public int Open(ServiceArea area, int month) => _open[(int)area, month];

    public void Add(ChildCase child)
    {
        foreach (var h in child.Holdings)
        {
            ForEachMonthEnd(h.Start, h.End, m => _open[(int)h.Area, m]++);
        }
        foreach (var c in child.Contacts)
        {
            var m = Dates.MonthIndex(c.Received.Day()) - _firstMonth;
            if (m >= 0 && m < Months)
            {
                Contacts[m]++;
            }
        }
        foreach (var p in child.CarePeriods)
        {
            ForEachMonthEnd(p.Start, p.End, m => InCare[m]++);
        }
        foreach (var p in child.CpPlans)
        {
            ForEachMonthEnd(p.Start, p.End, m => OnCpPlan[m]++);
        }
    }

    private void ForEachMonthEnd(DateOnly start, DateOnly end, Action<int> action)
    {
        var first = Math.Max(0, Dates.MonthIndex(start) - _firstMonth);
        for (var m = first; m < Months; m++)
        {
            var d = _monthEnds[m];
            if (d >= end)
            {
                break;
            }
            if (d >= start)
            {
                action(m);
            }
        }
    }
}

/// <summary>Teams and workers of one council over time, and who holds and supervises each case.</summary>
internal sealed class Workforce
{
    public sealed record Team(string Id, string Name, ServiceArea Area);

    public sealed class Worker
    {
        public required string Id { get; init; }
        public required string Name { get; init; }
        public required Team Team { get; init; }
        public required string Role { get; init; }
        public required double Fte { get; init; }
        public required DateOnly Start { get; init; }
        public required DateOnly? End { get; init; }
        public required bool Agency { get; init; }

        public bool EmployedOn(DateOnly d) => Start <= d && (End is null || End > d);
    }

    private static readonly ServiceArea[] CaseHoldingAreas = [ServiceArea.Assessment, ServiceArea.FamilySupport, ServiceArea.ChildrenInCare, ServiceArea.LeavingCare];

    private readonly SimulationContext _ctx;
    private readonly Random _rng;
    private readonly int _firstMonth;
    private readonly int _months;
    private readonly Dictionary<ServiceArea, List<int>[]> _caseHoldersByMonth = [];
    private readonly List<int>[] _frontDoorByMonth;
    private readonly Dictionary<Team, List<Worker>> _managers = [];

    public List<Team> Teams { get; } = [];
    public List<Worker> Workers { get; } = [];

    public Workforce(SimulationContext ctx, CaseloadCensus census)
    {
        _ctx = ctx;
        _rng = RandomStreams.For(ctx.Seed, ctx.Council.Index, "workforce");
        _firstMonth = census.FirstMonth;
        _months = census.Months;
        _frontDoorByMonth = NewMonthLists();

        var curves = ctx.Curves;
        var months = census.Months;
        // Headcount of qualified social workers per area and month: the open cases divided by the
        // caseload of the day, shared over the areas by their smoothed caseloads; the front door
        // and the adoption team hold no cases but count as qualified social workers.
        var plan = new Dictionary<ServiceArea, int[]>();
        var smoothed = new Dictionary<ServiceArea, double[]>();
        foreach (var area in CaseHoldingAreas)
        {
            smoothed[area] = Smooth(m => census.Open(area, m), months);
        }
        var frontDoor = Smooth(m => census.Contacts[m], months).Select(c => Math.Max(2.0, c / 75.0)).ToArray();
        var adoption = Smooth(m => census.InCare[m], months).Select(c => Math.Max(1.0, c / 95.0)).ToArray();
        foreach (var area in CaseHoldingAreas)
        {
            plan[area] = new int[months];
        }
        var fdPlan = new int[months];
        var adPlan = new int[months];
        for (var m = 0; m < months; m++)
        {
            var open = CaseHoldingAreas.Sum(a => smoothed[a][m]);
            var total = open / curves.QswCaseload.AtMonth(_firstMonth + m);
            var holders = Math.Max(CaseHoldingAreas.Length, total - frontDoor[m] - adoption[m]);
            foreach (var area in CaseHoldingAreas)
            {
                plan[area][m] = open > 0 ? Math.Max(1, (int)Math.Round(holders * smoothed[area][m] / open)) : 1;
            }
            fdPlan[m] = (int)Math.Round(frontDoor[m]);
            adPlan[m] = (int)Math.Round(adoption[m]);
        }

        var teamNames = new Dictionary<ServiceArea, Func<int, int, string>>
        {
            [ServiceArea.FrontDoor] = (i, n) => "Multi-Agency Safeguarding Hub" + (n > 1 ? " " + (i + 1) : ""),
            [ServiceArea.Assessment] = (i, _) => "Assessment & Intervention Team " + (i + 1),
            [ServiceArea.FamilySupport] = (i, _) => "Safeguarding & Family Support Team " + (i + 1),
            [ServiceArea.ChildrenInCare] = (i, _) => "Children in Care Team " + (i + 1),
            [ServiceArea.LeavingCare] = (i, n) => "Leaving Care Team" + (n > 1 ? " " + (i + 1) : ""),
            [ServiceArea.Adoption] = (i, n) => "Adoption & Permanence Team" + (n > 1 ? " " + (i + 1) : ""),
        };

        var positions = new List<(ServiceArea Area, int[] Plan)>
        {
            (ServiceArea.FrontDoor, Hysteresis(fdPlan)),
            (ServiceArea.Assessment, Hysteresis(plan[ServiceArea.Assessment])),
            (ServiceArea.FamilySupport, Hysteresis(plan[ServiceArea.FamilySupport])),
            (ServiceArea.ChildrenInCare, Hysteresis(plan[ServiceArea.ChildrenInCare])),
            (ServiceArea.LeavingCare, Hysteresis(plan[ServiceArea.LeavingCare])),
            (ServiceArea.Adoption, Hysteresis(adPlan)),
        };
        foreach (var (area, headcount) in positions)
        {
            var max = headcount.Max();
            var teamCount = Math.Max(1, (int)Math.Ceiling(max / 7.0));
            var teams = Enumerable.Range(0, teamCount).Select(i => AddTeam(teamNames[area](i, teamCount), area)).ToArray();
            foreach (var team in teams)
            {
                AddChain(team, "TEAM_MANAGER", 4.5);
                if (area is not ServiceArea.Adoption)
                {
                    AddChain(team, "SUPPORT_WORKER", 4.0);
                }
            }
            for (var k = 0; k < max; k++)
            {
                AddPosition(teams[k % teamCount], headcount, k);
            }
        }

        var iroTeam = AddTeam("Independent Reviewing Service", ServiceArea.ChildrenInCare);
        AddChain(iroTeam, "TEAM_MANAGER", 5);
        var iros = Math.Max(2, (int)Math.Ceiling(Enumerable.Range(0, months).Max(m => census.InCare[m] + census.OnCpPlan[m]) / 80.0));
        for (var i = 0; i < iros; i++)
        {
            AddChain(iroTeam, "IRO", 5);
        }
        var earlyHelpTeams = Math.Max(1, (int)Math.Round(ctx.Council.PopulationAt(2015) / 30_000.0));
        for (var t = 0; t < earlyHelpTeams; t++)
        {
            var team = AddTeam("Early Help Team" + (earlyHelpTeams > 1 ? " " + (t + 1) : ""), ServiceArea.EarlyHelp);
            AddChain(team, "TEAM_MANAGER", 5);
            for (var i = 0; i < 5; i++)
            {
                AddChain(team, "SUPPORT_WORKER", 4);
            }
        }
    }

    private static double[] Smooth(Func<int, double> value, int months)
    {
        var result = new double[months];
        for (var m = 0; m < months; m++)
        {
            var sum = 0.0;
            var n = 0;
            for (var k = Math.Max(0, m - 1); k <= Math.Min(months - 1, m + 1); k++)
            {
                sum += value(k);
                n++;
            }
            result[m] = sum / n;
        }
        return result;
    }

    /// <summary>Headcount changes only when the plan moves by two or more, so posts do not flicker.</summary>
    private static int[] Hysteresis(int[] plan)
    {
        var result = new int[plan.Length];
        var current = plan.Length > 0 ? plan[0] : 1;
        for (var m = 0; m < plan.Length; m++)
        {
            if (Math.Abs(plan[m] - current) >= 2)
            {
                current = plan[m];
            }
            result[m] = Math.Max(1, current);
        }
        return result;
    }

    private Team AddTeam(string name, ServiceArea area)
    {
        var team = new Team("T" + (Teams.Count + 1).ToString("D2", CultureInfo.InvariantCulture), name, area);
        Teams.Add(team);
        return team;
    }

    private DateOnly MonthStart(int m) => Dates.MonthStart(_firstMonth + m);

    /// <summary>A succession of workers in a post held throughout the period.</summary>
    private void AddChain(Team team, string role, double meanYears)
    {
        var t = _ctx.HistoryStart.AddDays(-_rng.Between(30, 3000));
        while (t <= _ctx.Horizon)
        {
            var tenure = (int)Math.Max(300, _rng.Exponential(meanYears * 365));
            var end = t.AddDays(tenure);
            var worker = AddWorker(team, role, t, end, agency: role != "IRO" && role != "TEAM_MANAGER" && _rng.Chance(0.1));
            if (role == "TEAM_MANAGER")
            {
                if (!_managers.TryGetValue(team, out var list))
                {
                    _managers[team] = list = [];
                }
                list.Add(worker);
            }
            t = end;
        }
    }

    /// <summary>Post k of a team is filled in the months where the headcount plan exceeds k.</summary>
    private void AddPosition(Team team, int[] headcount, int k)
    {
        var m = 0;
        while (m < _months)
        {
            if (headcount[m] <= k)
            {
                m++;
                continue;
            }
            var first = m;
            while (m < _months && headcount[m] > k)
            {
                m++;
            }
            var last = m - 1;
            var from = first == 0 ? _ctx.HistoryStart.AddDays(-_rng.Between(30, 2500)) : MonthStart(first).AddDays(_rng.Between(0, 26));
            var to = last == _months - 1 ? DateOnly.MaxValue : MonthStart(last + 1).AddDays(_rng.Between(0, 26));
            var t = from;
            while (t < to && t <= _ctx.Horizon)
            {
                var agency = _rng.Chance(_ctx.Curves.AgencyShare.At(t));
                var tenure = agency ? _rng.Between(90, 540) : (int)Math.Max(120, _rng.Exponential(3.5 * 365));
                var end = t.AddDays(tenure);
                if (end > to)
                {
                    end = to;
                }
                var role = !agency && _rng.Chance(0.15) ? "ASYE" : "QSW";
                var worker = AddWorker(team, role, t, end, agency);
                var list = team.Area == ServiceArea.FrontDoor ? _frontDoorByMonth : CaseHolders(team.Area);
                Register(list, Workers.Count - 1, worker);
                t = end;
            }
        }
    }

    private Worker AddWorker(Team team, string role, DateOnly start, DateOnly end, bool agency)
    {
        var worker = new Worker
        {
            Id = "W" + (Workers.Count + 1).ToString("D5", CultureInfo.InvariantCulture),
            Name = Names.ForAdult(_rng),
            Team = team,
            Role = role,
            Fte = role is "TEAM_MANAGER" or "IRO" ? 1.0 : _rng.PickWeighted(Ftes),
            Start = start,
            End = end <= _ctx.Horizon ? end : null,
            Agency = agency,
        };
        Workers.Add(worker);
        if (role == "SUPPORT_WORKER" && team.Area == ServiceArea.FrontDoor)
        {
            Register(_frontDoorByMonth, Workers.Count - 1, worker);
        }
        return worker;
    }

    private static readonly (double, double)[] Ftes = [(1.0, 0.85), (0.8, 0.1), (0.6, 0.05)];

    private List<int>[] NewMonthLists()
    {
        var lists = new List<int>[_months];
        for (var i = 0; i < _months; i++)
        {
            lists[i] = [];
        }
        return lists;
    }

    private List<int>[] CaseHolders(ServiceArea area)
    {
        if (!_caseHoldersByMonth.TryGetValue(area, out var lists))
        {
            _caseHoldersByMonth[area] = lists = NewMonthLists();
        }
        return lists;
    }

    private void Register(List<int>[] lists, int index, Worker worker)
    {
        var first = Math.Max(0, Dates.MonthIndex(worker.Start) - _firstMonth);
        var last = worker.End is { } e ? Math.Min(_months - 1, Dates.MonthIndex(e) - _firstMonth) : _months - 1;
        for (var m = first; m <= last; m++)
        {
            lists[m].Add(index);
        }
    }

    private Worker? PickFrom(List<int>[] lists, Random rng, DateOnly d)
    {
        var m = Dates.MonthIndex(d) - _firstMonth;
        if (m < 0 || m >= _months)
        {
            return null;
        }
        var list = lists[m];
        if (list.Count == 0)
        {
            return null;
        }
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var w = Workers[list[rng.Next(list.Count)]];
            if (w.EmployedOn(d))
            {
                return w;
            }
        }
        foreach (var i in list)
        {
            if (Workers[i].EmployedOn(d))
            {
                return Workers[i];
            }
        }
        return null;
    }

    public Worker? PickCaseHolder(Random rng, ServiceArea area, DateOnly d) => PickFrom(CaseHolders(area), rng, d);

    public Worker? PickFrontDoor(Random rng, DateOnly d) => PickFrom(_frontDoorByMonth, rng, d);

    public Worker? ManagerOf(Team team, DateOnly d)
    {
        if (_managers.TryGetValue(team, out var list))
        {
            foreach (var w in list)
            {
                if (w.EmployedOn(d))
                {
                    return w;
                }
            }
        }
        return null;
    }
}
