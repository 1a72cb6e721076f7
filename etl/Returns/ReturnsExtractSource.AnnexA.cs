using System.Globalization;
using System.Text.RegularExpressions;
using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Derivation;

namespace ChildrensWarehouse.Returns;

/// <summary>
/// Ofsted Annex A lists as a source. Annex A is a snapshot for an inspection, not a history: each row becomes the
/// contract row it describes (a contact, an early help assessment, a referral, an assessment, an s47 enquiry, a CP plan,
/// a period of care as one episode, a care leaver, an adoption), the child from the lists' common columns, and the
/// "latest" dates (review, visit, health assessment, dental check) their one row each. What Annex A cannot say (contact
/// decisions, the end of early help, placement histories, earlier reviews and visits) is not claimed: the indicators
/// needing it are not available from this source. Referrals of lists 3 and 6 with the same child and date are one
/// referral; assessments, s47 enquiries and CP plans belong to the child's latest referral on or before them.
/// </summary>
public sealed partial class ReturnsExtractSource
{
    [GeneratedRegex(@"^[a-z]\)\s*")]
    private static partial Regex DropDownLetter();

    [GeneratedRegex(@"^([A-Z0-9]{1,6})\b")]
    private static partial Regex LeadingCode();

    /// <summary>A drop-down value without its letter: "q) 6: Police" gives "6: Police".</summary>
    private static string? Plain(string? value) => value is null ? null : DropDownLetter().Replace(value, "").Trim();

    /// <summary>The code a drop-down value starts with: "q) 6: Police" gives 6, "f) U6: Foster placement" U6, "a) WBRI" WBRI; else the value.</summary>
    private static string? Code(string? value) => Plain(value) is { } p ? LeadingCode().Match(p) is { Success: true } m ? m.Groups[1].Value : p : null;

    private static string? YesNoOf(string? value) => Plain(value)?.ToLowerInvariant() switch
    {
        null => null,
        "yes" or "y" => "Y",
        "no" or "n" => "N",
        _ => null,
    };

    private static string? SexOf(string? value) => Plain(value)?.ToLowerInvariant() switch
    {
        null => null,
        "male" or "m" or "1" => "M",
        "female" or "f" or "2" => "F",
        _ => "U",
    };

    private static string? CategoryOf(string? value)
    {
        var text = Plain(value)?.ToLowerInvariant();
        if (text is null) return null;
        foreach (var (word, category) in new[] { ("neglect", "NEGLECT"), ("physical", "PHYSICAL"), ("sexual", "SEXUAL"), ("emotional", "EMOTIONAL"), ("multiple", "MULTIPLE") })
        {
            if (text.Contains(word, StringComparison.Ordinal)) return category;
        }
        return value;
    }

    private static string? InTouchOf(string? value) => Plain(value)?.ToUpperInvariant() switch
    {
        null => null,
        "YES" or "NO" or "DIED" or "REFU" or "NREQ" or "RHOM" => Plain(value)!.ToUpperInvariant(),
        _ => value,
    };

    private static string? Suitable(string? value) => Plain(value)?.ToLowerInvariant() switch
    {
        null => null,
        "suitable" => "Y",
        "unsuitable" => "N",
        _ => null,
    };

    /// <summary>An Annex A date (dd/mm/yyyy, or ISO) as the contract's; an unreadable one is the row's problem.</summary>
    private static string? DateA(Candidate c, ReturnRow row, string heading)
    {
        var text = row[heading];
        if (text is null) return null;
        if (ReturnDates.TryParse903(text, out var d)) return ReturnDates.Iso(d);
        c.Problem ??= $"{heading} is not a date dd/mm/yyyy";
        return null;
    }

    /// <summary>The lists' date: the end of the day of the latest event date they hold (dates of birth aside).</summary>
    private static DateTime AnnexAAsAt(IReadOnlyList<AnnexAReturn> returns)
    {
        DateOnly? latest = null;
        foreach (var row in returns.SelectMany(r => r.Lists.Values.SelectMany(x => x)))
        {
            foreach (var (heading, value) in row.Values)
            {
                if (!heading.Contains("date", StringComparison.OrdinalIgnoreCase) || heading == "Date of Birth") continue;
                if (ReturnDates.TryParse903(value, out var d) && d.Year <= 2100 && (latest is null || d > latest)) latest = d;
            }
        }
        return latest?.ToDateTime(new TimeOnly(23, 59, 59))
            ?? throw new ExtractUnusableException("the Annex A lists hold no event date, so their date cannot be known");
    }

    private void MapAnnexA(AnnexAReturn lists, DateTime asAt, List<Unit> units, List<Candidate> candidates)
    {
        var year = ReturnDates.CollectionYearOf(DateOnly.FromDateTime(asAt));
        Candidate New(string table, ReturnRow row, int list)
        {
            var c = new Candidate(table, year, row.File, row.Line, row.RawText) { Problem = row.Problem, LastModified = asAt };
            c.Take(NewUnit(units, row.File, $"annex a list {list}"));
            c["child_id"] = row["Child Unique ID"];
            candidates.Add(c);
            return c;
        }
        Candidate Extra(string table, Candidate of)
        {
            var c = new Candidate(table, year, of.File, of.Line, of.RawText) { LastModified = asAt };
            c["child_id"] = of["child_id"];
            candidates.Add(c);
            return c;
        }

        var contacts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in lists.Rows(1))
        {
            var c = New("contacts", row, 1);
            var date = DateA(c, row, "Date of Contact");
            var key = $"{row["Child Unique ID"]}/contact/{date}";
            var n = contacts[key] = contacts.GetValueOrDefault(key) + 1;
            c["contact_id"] = n == 1 ? key : $"{key}#{n}";
            // Annex A gives no decision time: the contact is taken as decided on receipt (so no derived referral), and K01/K01T are not available.
            c["received_at"] = c["decision_at"] = date is null ? null : date + "T00:00:00";
            c["source"] = Code(row["Contact Source"]);
        }
        foreach (var row in lists.Rows(2))
        {
            var c = New("early_help", row, 2);
            c["start_date"] = DateA(c, row, "Assessment start date");
            c["early_help_id"] = $"{row["Child Unique ID"]}/eh/{c["start_date"]}";
            c["assessment_date"] = DateA(c, row, "Assessment completion date");
            c["lead_agency"] = row["Organisation completing assessment"];
        }
        var referrals = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (var row in lists.Rows(3))
        {
            var c = New("referrals", row, 3);
            c["referral_date"] = DateA(c, row, "Date of referral");
            c["referral_id"] = $"{row["Child Unique ID"]}/{c["referral_date"]}";
            c["source"] = Code(row["Referral Source"]);
            // A referral that ended in no further action closed the day it came; others close as list 6 says.
            if (YesNoOf(row["Referral NFA?"]) == "Y") c["closure_date"] = c["referral_date"];
            if (c.Problem is null) referrals.TryAdd(c["referral_id"]!, c);
        }
        foreach (var row in lists.Rows(6))
        {
            var probe = new Candidate("referrals", year, row.File, row.Line, row.RawText);
            var date = DateA(probe, row, "CIN Start Date");
            var id = $"{row["Child Unique ID"]}/{date}";
            if (row.Problem is null && probe.Problem is null && referrals.TryGetValue(id, out var existing))
            {
                // The same CIN episode as a list 3 referral: one referral, both rows accounted to it.
                existing.Take(NewUnit(units, row.File, "annex a list 6"));
                existing["primary_need"] = Code(row["Primary Need Code"]);
                existing["closure_date"] = DateA(existing, row, "CIN Closure Date");
                existing["closure_reason"] = Code(row["Reason for Closure"]);
                continue;
            }
            var c = New("referrals", row, 6);
            c["referral_date"] = DateA(c, row, "CIN Start Date");
            c["referral_id"] = id;
            c["source"] = "10";
            c["primary_need"] = Code(row["Primary Need Code"]);
            c["closure_date"] = DateA(c, row, "CIN Closure Date");
            c["closure_reason"] = Code(row["Reason for Closure"]);
            if (c.Problem is null) referrals.TryAdd(id, c);
        }
        var byChild = referrals.Values.Where(r => r["referral_date"] is not null).ToLookup(r => r["child_id"] ?? "", StringComparer.Ordinal);
        void Link(Candidate c, string? date)
        {
            if (date is null) return;
            var referral = byChild[c["child_id"] ?? ""].Where(r => string.CompareOrdinal(r["referral_date"], date) <= 0).MaxBy(r => r["referral_date"], StringComparer.Ordinal);
            if (referral is null) c.Problem ??= $"no referral of the child on or before {date} in lists 3 and 6 (Annex A does not link them)";
            else c["referral_id"] = referral["referral_id"];
        }
        foreach (var row in lists.Rows(4))
        {
            var c = New("assessments", row, 4);
            c["start_date"] = DateA(c, row, "Continuous Assessment Start Date");
            c["assessment_id"] = $"{row["Child Unique ID"]}/a/{c["start_date"]}";
            c["authorised_date"] = DateA(c, row, "Continuous Assessment Date of Authorisation");
            Link(c, c["start_date"]);
        }
        foreach (var row in lists.Rows(5))
        {
            var c = New("s47_enquiries", row, 5);
            c["start_date"] = c["strategy_date"] = DateA(c, row, "Strategy discussion initiating Section 47 Enquiry Start Date");
            c["s47_id"] = $"{row["Child Unique ID"]}/s47/{c["start_date"]}";
            c["icpc_required"] = YesNoOf(row["Was an Initial Child Protection Conference deemed unnecessary?"]) switch { "Y" => "N", "N" => "Y", _ => null };
            c["icpc_date"] = DateA(c, row, "Date of Initial Child Protection Conference");
            Link(c, c["start_date"]);
        }
        foreach (var row in lists.Rows(7))
        {
            var c = New("cp_plans", row, 7);
            c["start_date"] = DateA(c, row, "Child Protection Plan Start Date");
            c["cp_plan_id"] = $"{row["Child Unique ID"]}/cpp/{c["start_date"]}";
            c["end_date"] = DateA(c, row, "Child Protection Plan End Date");
            c["category"] = CategoryOf(row["Latest Category of Abuse"] ?? row["Initial Category of Abuse"]);
            Link(c, c["start_date"]);
            if (c.Problem is not null) continue;
            if (DateA(c, row, "Date of latest review conference") is { } review)
            {
                var r = Extra("cp_reviews", c);
                r.Fields.Remove("child_id");
                r["cp_review_id"] = $"{c["cp_plan_id"]}/{review}";
                r["cp_plan_id"] = c["cp_plan_id"];
                r["review_date"] = review;
            }
            if (DateA(c, row, "Date of the Last Statutory Visit") is { } visit)
            {
                var v = Extra("visits", c);
                v["visit_id"] = $"{c["child_id"]}/cp-visit/{visit}";
                v["visit_date"] = visit;
                v["visit_type"] = "CP";
                v["seen"] = "Y";
                v["seen_alone"] = YesNoOf(row["Was the Child Seen Alone?"]);
            }
        }
        foreach (var row in lists.Rows(8))
        {
            // A period of care as one episode: its start, the current legal status and placement, its end (Annex A has no placement history).
            var c = New("cla_episodes", row, 8);
            c["start_date"] = DateA(c, row, "Date Started to be Looked After");
            c["episode_id"] = $"{row["Child Unique ID"]}/{c["start_date"]}";
            c["end_date"] = DateA(c, row, "Date Ceased to be Looked After");
            c["legal_status"] = Code(row["Child's Legal Status"]);
            c["reason_new_episode"] = "S";
            c["placement_type"] = Code(row["Placement Type"]);
            c["placement_provider"] = Code(row["Placement Provider"]);
            c["reason_ceased"] = Code(row["Reason Ceased to be Looked After"]);
            c["placement_postcode_district"] = ReturnCodes.PostcodeDistrict(row["Placement postcode"]);
            if (c.Problem is not null) continue;
            foreach (var (heading, table, id, column, extra) in new[]
                     {
                         ("Date of Latest Statutory Review", "cla_reviews", "cla_review_id", "review_date", (string?)null),
                         ("Date of Last Social Work Visit", "visits", "visit_id", "visit_date", "CLA"),
                         ("Date of Last Health Assessment", "health_assessments", "health_assessment_id", "completed_date", "RHA"),
                         ("Date of Last Dental Check", "dental_checks", "dental_check_id", "check_date", null),
                     })
            {
                if (DateA(c, row, heading) is not { } date) continue;
                var x = Extra(table, c);
                x[id] = $"{c["child_id"]}/{table}/{date}";
                x[column] = date;
                if (table == "visits")
                {
                    x["visit_type"] = extra;
                    x["seen"] = "Y";
                }
                if (table == "health_assessments") x["assessment_type"] = extra;
            }
        }
        foreach (var row in lists.Rows(9))
        {
            var c = New("care_leavers", row, 9);
            c["care_leaver_id"] = $"{row["Child Unique ID"]}/cl";
            if (DateA(c, row, "Date of Birth") is { } dob)
            {
                var born = DateOnly.Parse(dob, CultureInfo.InvariantCulture);
                c["birthday_date"] = ReturnDates.Iso(born.AddYears(Age.InYears(born, DateOnly.FromDateTime(asAt))));
            }
            else
            {
                c.Problem ??= "Date of Birth is missing: the birthday the row is about cannot be known";
            }
            c["in_touch"] = InTouchOf(row["LA in Touch"]);
            c["contact_date"] = DateA(c, row, "Latest Date of Contact");
            c["activity"] = Code(row["Activity Status"]);
            c["accommodation"] = Code(row["Type of Accommodation"]);
            c["accommodation_suitable"] = Suitable(row["Suitability of Accommodation"]);
        }
        foreach (var row in lists.Rows(10))
        {
            var c = New("adoptions", row, 10);
            c["adm_decision_date"] = DateA(c, row, "Date of Decision that Child Should be Placed for Adoption");
            c["placement_order_date"] = DateA(c, row, "Date of Placement Order");
            c["matched_date"] = DateA(c, row, "Date of Matching Child and Prospective Adopters");
            c["placed_date"] = DateA(c, row, "Date Placed for Adoption");
            c["adoption_order_date"] = DateA(c, row, "Date of Adoption Order");
        }
        foreach (var row in lists.Rows(11))
        {
            NewUnit(units, row.File, "annex a list 11").NotUsed = "no table in the case-system contract for adopters (Annex A list 11)";
        }
    }

    /// <summary>
    /// The children of the Annex A lists not already known from a 903 or census return: from the first row that names the
    /// child (by list, then line), each column from the first row that fills it.
    /// </summary>
    private static IEnumerable<Candidate> AnnexAChildren(IReadOnlyList<AnnexAReturn> returns, DateTime? asAt, IReadOnlySet<string> known)
    {
        if (asAt is not { } moment) yield break;
        var year = ReturnDates.CollectionYearOf(DateOnly.FromDateTime(moment));
        var rows = returns.SelectMany(r => r.Lists.Where(l => l.Key != 11).OrderBy(l => l.Key).SelectMany(l => l.Value))
            .Where(r => r.Problem is null && r["Child Unique ID"] is not null && !known.Contains(r["Child Unique ID"]!));
        foreach (var group in rows.GroupBy(r => r["Child Unique ID"]!, StringComparer.Ordinal))
        {
            var first = group.First();
            var c = new Candidate("children", year, first.File, first.Line, first.RawText) { LastModified = moment };
            c["child_id"] = group.Key;
            string? FirstOf(Func<ReturnRow, string?> value) => group.Select(value).FirstOrDefault(v => v is not null);
            c["sex"] = SexOf(FirstOf(r => r["Gender"]));
            c["ethnicity"] = Code(FirstOf(r => r["Ethnicity"]));
            var dob = group.FirstOrDefault(r => r["Date of Birth"] is not null);
            if (dob is not null) c["date_of_birth"] = DateA(c, dob, "Date of Birth");
            c["disability"] = YesNoOf(FirstOf(r => r["Does the Child have a Disability"]));
            c["uasc"] = YesNoOf(FirstOf(r => r["Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)"]
                ?? r["Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)"]));
            yield return c;
        }
    }

    private static IEnumerable<string> AnnexACoverage() =>
    [
        "children.child_id", "children.sex", "children.date_of_birth", "children.ethnicity", "children.disability", "children.uasc", "children.last_modified",
        "contacts.contact_id", "contacts.child_id", "contacts.received_at", "contacts.source", "contacts.last_modified",
        .. Columns("early_help", "end_date"),
        .. Columns("referrals", "contact_id"),
        .. Columns("assessments", "outcome", "worker_id", "factors"),
        .. Columns("s47_enquiries", "end_date", "outcome"),
        .. Columns("cp_plans"),
        .. Columns("cla_episodes", "reason_new_episode", "carer_id"),
        .. Columns("care_leavers"),
        .. Columns("adoptions"),
    ];
}
