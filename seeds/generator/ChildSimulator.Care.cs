namespace ChildrensWarehouse.Seeds;

internal sealed partial class ChildSimulator
{
    private enum Pathway
    {
        VeryShort,
        Remand,
        Home,
        HomeViaCourt,
        SpecialGuardianship,
        ChildArrangements,
        Adoption,
        LongTerm,
        Transfer,
    }

    private enum ChangeKind
    {
        Legal,
        Move,
        Temporary,
        Return,
        LongTermMatch,
        AdoptivePlacement,
    }

    private sealed record Change(DateOnly Date, ChangeKind Kind, string? Legal = null, Placement? Placement = null, object? Tag = null);

    private enum PlacementKind
    {
        InHouseFoster,
        AgencyFoster,
        Connected,
        Parents,
        ChildrensHome,
        Residential,
        Secure,
        SemiIndependent,
        Independent,
        ResidentialSchool,
        MotherAndBaby,
        YoungOffender,
        Other,
    }

    private static readonly (PlacementKind, double)[] PlacementsUnder10 =
    [
        (PlacementKind.InHouseFoster, 0.45), (PlacementKind.AgencyFoster, 0.24), (PlacementKind.Connected, 0.15),
        (PlacementKind.Parents, 0.06), (PlacementKind.ChildrensHome, 0.03), (PlacementKind.MotherAndBaby, 0.02),
        (PlacementKind.Residential, 0.01), (PlacementKind.Other, 0.01),
    ];

    private static readonly (PlacementKind, double)[] Placements10To15 =
    [
        (PlacementKind.InHouseFoster, 0.32), (PlacementKind.AgencyFoster, 0.28), (PlacementKind.Connected, 0.10),
        (PlacementKind.ChildrensHome, 0.15), (PlacementKind.Residential, 0.03), (PlacementKind.ResidentialSchool, 0.02),
        (PlacementKind.Parents, 0.05), (PlacementKind.Secure, 0.01), (PlacementKind.Other, 0.01),
    ];

    private static readonly (PlacementKind, double)[] Placements16To17 =
    [
        (PlacementKind.SemiIndependent, 0.25), (PlacementKind.Independent, 0.05), (PlacementKind.InHouseFoster, 0.20),
        (PlacementKind.AgencyFoster, 0.17), (PlacementKind.ChildrensHome, 0.15), (PlacementKind.Connected, 0.08),
        (PlacementKind.YoungOffender, 0.02), (PlacementKind.Parents, 0.05), (PlacementKind.Other, 0.03),
    ];

    private static readonly (PlacementKind, double)[] PlacementsUasc =
    [
        (PlacementKind.SemiIndependent, 0.45), (PlacementKind.AgencyFoster, 0.30), (PlacementKind.InHouseFoster, 0.15),
        (PlacementKind.ChildrensHome, 0.10),
    ];

    private static readonly string[] TemporaryTypes = ["T0", "T1", "T2", "T3", "T4"];

    private CarePeriod RunCare(DateOnly at)
    {
        var rng = _care;
        var child = _child;
        var start = Dates.Max(at, child.Dob);
        var adult = Adulthood;
        var age = AgeAt(start);
        var period = new CarePeriod { Start = start };
        var legal = new List<(DateOnly Date, string Legal)>();
        string entryLegal;
        DateOnly end;
        string ceased;
        ProceedingsEvent? proceedings = null;
        AdoptionEvent? adoption = null;
        DateOnly? adoptivePlacement = null;

        var pathway = ChoosePathway(start, age);
        if (pathway is Pathway.HomeViaCourt or Pathway.SpecialGuardianship or Pathway.ChildArrangements or Pathway.Adoption
            || (pathway == Pathway.LongTerm && !child.Uasc && age < 16 && rng.Chance(0.7)))
        {
            // Care proceedings: issued at entry (interim care order) or later (after section 20).
            DateOnly issued;
            if (rng.Chance(0.55))
            {
                entryLegal = "C1";
                issued = start.AddDays(-rng.Between(0, 3));
            }
            else
            {
                entryLegal = "V2";
                issued = start.AddDays(rng.Between(15, 150));
                legal.Add((issued, "C1"));
                if (rng.Chance(0.15))
                {
                    entryLegal = rng.Chance(0.6) ? "L1" : "L2";
                    legal.Add((start.AddDays(rng.Between(1, 8)), "V2"));
                }
            }
            var weeks = Math.Clamp(rng.Normal(ctx.Curves.ProceedingsWeeks.At(issued), 7), 8, 100);
            var final = issued.AddDays(Math.Max(7, (int)Math.Round(weeks * 7)));
            if (final >= adult.AddDays(-30))
            {
                pathway = Pathway.LongTerm;
                legal.Clear();
                entryLegal = "V2";
                end = LongTermEnd(start, out ceased);
            }
            else
            {
                proceedings = new ProceedingsEvent { Issued = issued, FinalOrderDate = final };
                switch (pathway)
                {
                    case Pathway.HomeViaCourt:
                        proceedings.FinalOrder = rng.PickWeighted(new[] { ("SO", 0.55), ("NO_ORDER", 0.25), ("WITHDRAWN", 0.20) });
                        if (proceedings.FinalOrder == "WITHDRAWN")
                        {
                            proceedings.FinalOrderDate = issued.AddDays(7 * rng.Between(4, 20));
                        }
                        end = Dates.Max(proceedings.FinalOrderDate, start.AddDays(11));
                        ceased = rng.Chance(0.6) ? "E13" : "E4A";
                        break;
                    case Pathway.SpecialGuardianship:
                        proceedings.FinalOrder = "SGO";
                        end = final;
                        ceased = rng.Chance(0.45) ? "E45" : "E46";
                        break;
                    case Pathway.ChildArrangements:
                        proceedings.FinalOrder = "RO";
                        end = final;
                        ceased = rng.PickWeighted(new[] { ("E41", 0.5), ("E47", 0.2), ("E48", 0.3) });
                        break;
                    case Pathway.Adoption:
                        {
                            proceedings.FinalOrder = "PO";
                            legal.Add((final, "E1"));
                            adoption = new AdoptionEvent
                            {
                                Adm = Dates.Max(start.AddDays(14), final.AddDays(-rng.Between(20, 120))),
                                PlacementOrder = final,
                            };
                            if (rng.Chance(0.85))
                            {
                                var matched = final.AddDays((int)Math.Clamp(rng.LogNormal(150, 0.6), 20, 800));
                                var placed = matched.AddDays(rng.Between(7, 45));
                                var order = placed.AddDays((int)Math.Clamp(rng.LogNormal(190, 0.4), 70, 600));
                                adoption.Matched = matched;
                                adoption.Placed = placed;
                                adoption.Order = order;
                                adoptivePlacement = placed;
                                end = order;
                                ceased = rng.Chance(0.8) ? "E11" : "E12";
                            }
                            else
                            {
                                end = LongTermEnd(start, out ceased);
                            }
                            break;
                        }
                    default:
                        proceedings.FinalOrder = "CO";
                        legal.Add((final, "C2"));
                        end = LongTermEnd(start, out ceased);
                        break;
                }
            }
        }
        else
        {
            switch (pathway)
            {
                case Pathway.VeryShort:
                    entryLegal = rng.PickWeighted(new[] { ("V2", 0.65), ("L1", 0.25), ("L2", 0.10) });
                    end = start.AddDays(rng.Between(1, 10));
                    ceased = rng.PickWeighted(new[] { ("E13", 0.6), ("E4A", 0.25), ("E4B", 0.15) });
                    break;
                case Pathway.Remand:
                    entryLegal = rng.PickWeighted(new[] { ("J1", 0.5), ("J2", 0.3), ("J3", 0.2) });
                    end = start.AddDays(entryLegal == "J2" ? rng.Between(1, 2) : rng.Between(3, 90));
                    ceased = rng.Chance(0.8) ? "E14" : "E9";
                    break;
                case Pathway.Transfer:
                    entryLegal = "V2";
                    end = start.AddDays(rng.Between(60, 700));
                    ceased = rng.Chance(0.8) ? "E3" : "E16";
                    break;
                case Pathway.LongTerm:
                    entryLegal = "V2";
                    if (child.Uasc && rng.Chance(0.05))
                    {
                        end = start.AddDays(rng.Between(30, 200));
                        ceased = "E15";
                    }
                    else
                    {
                        end = LongTermEnd(start, out ceased);
                    }
                    break;
                default:
                    entryLegal = "V2";
                    if (rng.Chance(0.12))
                    {
                        entryLegal = rng.Chance(0.6) ? "L1" : "L2";
                        legal.Add((start.AddDays(rng.Between(1, 8)), "V2"));
                    }
                    end = start.AddDays((int)Math.Clamp(rng.LogNormal(120, 0.9), 11, 1500));
                    ceased = rng.PickWeighted(new[] { ("E13", 0.65), ("E4A", 0.25), ("E4B", 0.10) });
                    break;
            }
        }

        if (end > adult)
        {
            end = adult;
            ceased = AgeEighteenReason(rng);
        }
        if (end <= start)
        {
            end = start.AddDays(1);
        }
        if (rng.Chance(0.0015) && start.DaysUntil(end) > 3)
        {
            end = start.AddDays(rng.Between(1, start.DaysUntil(end) - 1));
            ceased = "E2";
            child.Death = end;
        }
        period.End = end;
        period.Ceased = ceased;
        if (proceedings is not null)
        {
            if (proceedings.FinalOrderDate > end)
            {
                // The child left care (or died) before the court finished.
                proceedings.FinalOrderDate = Dates.Max(end, proceedings.Issued);
                proceedings.FinalOrder = "NO_ORDER";
            }
            child.Proceedings.Add(proceedings);
        }
        if (adoption is not null)
        {
            if (adoption.Order > end)
            {
                adoption.Order = null;
            }
            if (adoption.Placed >= end)
            {
                adoption.Placed = null;
                adoptivePlacement = null;
            }
            child.Adoption = adoption;
        }
        BuildEpisodes(period, entryLegal, legal, pathway, adoptivePlacement);
        child.CarePeriods.Add(period);
        child.Touch(Dates.Min(end, ctx.Horizon));
        return period;
    }

    private Pathway ChoosePathway(DateOnly start, int age)
    {
        var rng = _care;
        if (_child.Uasc)
        {
            return Pathway.LongTerm;
        }
        if (rng.Chance(0.12))
        {
            return Pathway.VeryShort;
        }
        if (age >= 12 && rng.Chance(0.04))
        {
            return Pathway.Remand;
        }
        if (age < 5)
        {
            if (rng.Chance(ctx.Curves.PlacementOrderShare.At(start.AddDays(240)) * (age < 2 ? 1.15 : 0.6)))
            {
                return Pathway.Adoption;
            }
            return rng.PickWeighted(new[]
            {
                (Pathway.SpecialGuardianship, 0.30), (Pathway.ChildArrangements, 0.06), (Pathway.Home, 0.22),
                (Pathway.HomeViaCourt, 0.14), (Pathway.LongTerm, 0.26), (Pathway.Transfer, 0.02),
            });
        }
        if (age < 12)
        {
            return rng.PickWeighted(new[]
            {
                (Pathway.Home, 0.30), (Pathway.HomeViaCourt, 0.10), (Pathway.SpecialGuardianship, 0.14),
                (Pathway.ChildArrangements, 0.04), (Pathway.LongTerm, 0.39), (Pathway.Transfer, 0.03),
            });
        }
        if (age < 16)
        {
            return rng.PickWeighted(new[]
            {
                (Pathway.Home, 0.40), (Pathway.HomeViaCourt, 0.05), (Pathway.SpecialGuardianship, 0.03),
                (Pathway.LongTerm, 0.48), (Pathway.Transfer, 0.04),
            });
        }
        return rng.Chance(0.35) ? Pathway.Home : Pathway.LongTerm;
    }

    private DateOnly LongTermEnd(DateOnly start, out string ceased)
    {
        var rng = _care;
        var sixteen = Dates.Birthday(_child.Dob, 16);
        var adult = Adulthood;
        if (rng.Chance(0.2) && sixteen > start)
        {
            var end = sixteen.AddDays(rng.Between(0, 700));
            if (end < adult)
            {
                ceased = rng.PickWeighted(new[] { ("E5", 0.4), ("E13", 0.4), ("E8", 0.2) });
                return end;
            }
        }
        ceased = AgeEighteenReason(rng);
        return adult;
    }

    private static string AgeEighteenReason(Random rng)
        => rng.PickWeighted(new[] { ("E17", 0.22), ("E5", 0.33), ("E8", 0.25), ("E6", 0.08), ("E13", 0.12) });

    private void BuildEpisodes(CarePeriod period, string entryLegal, List<(DateOnly Date, string Legal)> legal, Pathway pathway, DateOnly? adoptivePlacement)
    {
        var rng = _care;
        var start = period.Start;
        var end = period.End;
        var changes = new List<Change>();
        foreach (var (date, status) in legal)
        {
            if (date > start && date < end)
            {
                changes.Add(new Change(date, ChangeKind.Legal, Legal: status));
            }
        }
        var age = AgeAt(start);
        var rate = (age < 5 ? 0.30 : age < 12 ? 0.40 : 0.65) * rng.LogNormal(1.0, 0.7);
        var moveLimit = adoptivePlacement ?? end;
        var t = start;
        if (rng.Chance(0.3))
        {
            t = start.AddDays(rng.Between(3, 60));
            if (t < moveLimit.AddDays(-1))
            {
                changes.Add(new Change(t, ChangeKind.Move));
            }
        }
        while (true)
        {
            t = t.AddDays(3 + (int)rng.Exponential(365 / rate));
            if (t >= moveLimit.AddDays(-1) || t > ctx.Horizon.AddDays(400))
            {
                break;
            }
            changes.Add(new Change(t, ChangeKind.Move));
        }
        t = start;
        while (true)
        {
            t = t.AddDays(20 + (int)rng.Exponential(365 / 0.12));
            if (t >= moveLimit.AddDays(-12) || t > ctx.Horizon.AddDays(400))
            {
                break;
            }
            var back = t.AddDays(rng.Between(1, 10));
            var temp = new Change(t, ChangeKind.Temporary, Tag: rng.Pick(TemporaryTypes));
            changes.Add(temp);
            changes.Add(new Change(back, ChangeKind.Return, Tag: temp));
        }
        if (pathway == Pathway.LongTerm && end.DayNumber - start.DayNumber > 600)
        {
            changes.Add(new Change(start.AddDays(rng.Between(300, 540)), ChangeKind.LongTermMatch));
        }
        if (adoptivePlacement is { } placed && placed > start && placed < end)
        {
            changes.Add(new Change(placed, ChangeKind.AdoptivePlacement));
        }
        changes.Sort((a, b) => a.Date != b.Date ? a.Date.CompareTo(b.Date) : a.Kind.CompareTo(b.Kind));

        var currentLegal = entryLegal;
        var current = ChoosePlacement(start);
        var episode = new EpisodeEvent { Start = start, Legal = currentLegal, Reason = "S", Placement = current };
        period.Episodes.Add(episode);
        Placement? beforeTemporary = null;
        Change? openTemporary = null;
        var i = 0;
        while (i < changes.Count)
        {
            var date = changes[i].Date;
            var newLegal = currentLegal;
            var newPlacement = current;
            string? placementReason = null;
            for (; i < changes.Count && changes[i].Date == date; i++)
            {
                var ch = changes[i];
                switch (ch.Kind)
                {
                    case ChangeKind.Legal:
                        newLegal = ch.Legal!;
                        break;
                    case ChangeKind.Move:
                        if (openTemporary is null && newPlacement.Type[0] != 'A')
                        {
                            newPlacement = ChoosePlacement(date);
                            placementReason = "P";
                        }
                        break;
                    case ChangeKind.Temporary:
                        if (openTemporary is null && placementReason is null && newPlacement.Type[0] != 'A')
                        {
                            beforeTemporary = newPlacement;
                            openTemporary = ch;
                            newPlacement = new Placement { Type = (string)ch.Tag!, Provider = newPlacement.Provider, Postcode = newPlacement.Postcode };
                            placementReason = "P";
                        }
                        break;
                    case ChangeKind.Return:
                        if (ReferenceEquals(openTemporary, ch.Tag) && beforeTemporary is not null)
                        {
                            newPlacement = beforeTemporary;
                            placementReason ??= "T";
                            openTemporary = null;
                            beforeTemporary = null;
                        }
                        break;
                    case ChangeKind.LongTermMatch:
                        if (openTemporary is null && placementReason is null && newPlacement.Type is "U6" or "U3")
                        {
                            newPlacement = newPlacement.With(newPlacement.Type == "U6" ? "U4" : "U1");
                            placementReason = "T";
                        }
                        break;
                    case ChangeKind.AdoptivePlacement:
                        if (openTemporary is not null && beforeTemporary is not null)
                        {
                            newPlacement = beforeTemporary;
                            openTemporary = null;
                            beforeTemporary = null;
                        }
                        if (newPlacement.Type is "U4" or "U6" && newPlacement.CarerId is not null && rng.Chance(0.25))
                        {
                            newPlacement = newPlacement.With("A3");
                            placementReason = "T";
                        }
                        else
                        {
                            newPlacement = new Placement
                            {
                                Type = "A4",
                                Provider = rng.Chance(0.7) ? "PR1" : "PR5",
                                Postcode = rng.Chance(0.5) ? rng.Pick(ctx.Council.LocalDistricts) : rng.Pick(ctx.Council.OutOfAreaDistricts),
                            };
                            placementReason = "P";
                        }
                        break;
                }
            }
            var legalChanged = newLegal != currentLegal;
            if (!legalChanged && placementReason is null)
            {
                continue;
            }
            var reason = (legalChanged, placementReason) switch
            {
                (true, "P") => "B",
                (true, "T") => "U",
                (true, _) => "L",
                (false, var r) => r!,
            };
            episode.End = date;
            episode = new EpisodeEvent { Start = date, Legal = newLegal, Reason = reason, Placement = newPlacement };
            period.Episodes.Add(episode);
            currentLegal = newLegal;
            current = newPlacement;
        }
        episode.End = end;
        episode.Ceased = period.Ceased;

        // Connected carers stay approved while they care for the child, and a little after.
        foreach (var ep in period.Episodes)
        {
            if (ep.Placement.Connected is { } carer)
            {
                var until = ep.End.AddDays(_care.Between(0, 90));
                if (until > carer.Deregistered)
                {
                    carer.Deregistered = until;
                }
            }
        }
    }

    private Placement ChoosePlacement(DateOnly date)
    {
        var rng = _care;
        var age = AgeAt(date);
        var kind = _child.Uasc ? rng.PickWeighted(PlacementsUasc)
            : age < 10 ? rng.PickWeighted(PlacementsUnder10)
            : age < 16 ? rng.PickWeighted(Placements10To15)
            : rng.PickWeighted(Placements16To17);
        if (kind == PlacementKind.MotherAndBaby && age >= 1)
        {
            kind = PlacementKind.InHouseFoster;
        }
        var local = rng.Pick(ctx.Council.LocalDistricts);
        var away = rng.Pick(ctx.Council.OutOfAreaDistricts);
        var p = new Placement();
        switch (kind)
        {
            case PlacementKind.InHouseFoster:
            case PlacementKind.AgencyFoster:
                {
                    var inHouse = kind == PlacementKind.InHouseFoster;
                    var carer = ctx.Carers.Pick(rng, inHouse ? "IN_HOUSE" : "IFA", date);
                    p.Type = "U6";
                    p.Provider = inHouse ? "PR1" : rng.Chance(0.8) ? "PR4" : "PR5";
                    p.CarerId = carer?.Id;
                    p.Postcode = inHouse ? (rng.Chance(0.85) ? local : away) : (rng.Chance(0.5) ? local : away);
                    break;
                }
            case PlacementKind.Connected:
                {
                    var carer = new ConnectedCarer { Approved = date.AddDays(-rng.Between(0, 14)), Places = rng.Between(1, 3) };
                    carer.Deregistered = date;
                    _child.ConnectedCarers.Add(carer);
                    p.Type = rng.PickWeighted(new[] { ("U3", 0.85), ("U1", 0.12), ("U2", 0.03) });
                    p.Provider = "PR1";
                    p.Connected = carer;
                    p.Postcode = rng.Chance(0.75) ? local : away;
                    break;
                }
            case PlacementKind.Parents:
                p.Type = "P1";
                p.Provider = "PR0";
                p.Postcode = local;
                break;
            case PlacementKind.ChildrensHome:
                p.Type = "K2";
                p.Provider = rng.PickWeighted(new[] { ("PR4", 0.6), ("PR1", 0.3), ("PR5", 0.1) });
                p.Postcode = rng.Chance(0.35) ? local : away;
                break;
            case PlacementKind.Residential:
                p.Type = rng.Chance(0.8) ? "R1" : "R2";
                p.Provider = "PR3";
                p.Postcode = away;
                break;
            case PlacementKind.Secure:
                p.Type = "K1";
                p.Provider = "PR2";
                p.Postcode = away;
                break;
            case PlacementKind.SemiIndependent:
                p.Type = "H5";
                p.Provider = rng.PickWeighted(new[] { ("PR4", 0.6), ("PR5", 0.3), ("PR1", 0.1) });
                p.Postcode = rng.Chance(0.7) ? local : away;
                break;
            case PlacementKind.Independent:
                p.Type = rng.Chance(0.9) ? "P2" : "P3";
                p.Provider = "PR1";
                p.Postcode = local;
                break;
            case PlacementKind.ResidentialSchool:
                p.Type = "S1";
                p.Provider = "PR5";
                p.Postcode = away;
                break;
            case PlacementKind.MotherAndBaby:
                p.Type = "R3";
                p.Provider = rng.Chance(0.5) ? "PR4" : "PR3";
                p.Postcode = rng.Chance(0.5) ? local : away;
                break;
            case PlacementKind.YoungOffender:
                p.Type = rng.Chance(0.7) ? "R5" : "R4";
                p.Provider = "PR3";
                p.Postcode = away;
                break;
            default:
                p.Type = "Z1";
                p.Provider = "PR4";
                p.Postcode = rng.Chance(0.5) ? local : away;
                break;
        }
        return p;
    }
}
