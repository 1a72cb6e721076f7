using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ChildrensWarehouse.Contract;

namespace ChildrensWarehouse.Returns;

// The Children in Need census XML (DfE CIN census schema): Message / Header / Children / Child. Values are kept as
// written (strings); the mapping onto the contract validates them, so a bad value is quarantined with its reason.

/// <summary>An element of the census that becomes a row: where it is and its text for the quarantine.</summary>
public abstract record CinElement(string File, int Line, string RawText);

public sealed record CinAssessment(string File, int Line, string RawText, string? StartDate, string? InternalReviewDate, string? AuthorisationDate,
    IReadOnlyList<string> Factors) : CinElement(File, Line, RawText);

public sealed record CinPlanDates(string File, int Line, string RawText, string? StartDate, string? EndDate) : CinElement(File, Line, RawText);

public sealed record CinSection47(string File, int Line, string RawText, string? StartDate, string? InitialCpcTarget, string? DateOfInitialCpc,
    string? IcpcNotRequired) : CinElement(File, Line, RawText);

public sealed record CinCpReview(string File, int Line, string RawText, string? Date) : CinElement(File, Line, RawText);

public sealed record CinProtectionPlan(string File, int Line, string RawText, string? StartDate, string? EndDate, string? InitialCategory,
    string? LatestCategory, string? NumberOfPreviousPlans, IReadOnlyList<CinCpReview> Reviews) : CinElement(File, Line, RawText);

/// <summary>A CINdetails block: one CIN episode (a referral) with what happened in it.</summary>
public sealed record CinDetails(string File, int Line, string RawText, string? ReferralDate, string? ReferralSource, string? PrimaryNeedCode,
    string? ClosureDate, string? ReasonForClosure, string? DateOfInitialCpc, string? ReferralNfa,
    IReadOnlyList<CinAssessment> Assessments, IReadOnlyList<CinPlanDates> CinPlans, IReadOnlyList<CinSection47> Section47s,
    IReadOnlyList<CinProtectionPlan> ProtectionPlans) : CinElement(File, Line, RawText);

/// <summary>A Child: identifiers and characteristics (<see cref="SexElement"/> says whether it used GenderCurrent or, from 2025, Sex).</summary>
public sealed record CinChild(string File, int Line, string RawText, string? LaChildId, string? Upn, string? FormerUpn, string? UpnUnknown,
    string? BirthDate, string? ExpectedBirthDate, string? Sex, string SexElement, string? DeathDate, string? Ethnicity,
    IReadOnlyList<string>? Disabilities, IReadOnlyList<CinDetails> Details) : CinElement(File, Line, RawText);

/// <summary>One census file: the council (LEA), the collection year (named by the 31 March it ends on) and its children.</summary>
public sealed record CinCensusReturn(string File, int Year, string? LaCode, DateOnly? ReferenceDate, IReadOnlyList<CinChild> Children);

/// <summary>
/// Reads CIN census XML. The collection year is the year of the header's ReferenceDate when that is a 31 March, else the
/// header's Year (the census names its year by the 31 March it ends on). A file that is not well-formed stops the run
/// (exit 3) naming the line and position: no row of it can be trusted.
/// </summary>
public static class CinCensusReader
{
    public static IReadOnlyList<CinCensusReturn> Read(string path, int? year, List<string> warnings)
    {
        IEnumerable<string> files;
        string root;
        if (File.Exists(path))
        {
            files = [path];
            root = Path.GetDirectoryName(Path.GetFullPath(path))!;
        }
        else if (Directory.Exists(path))
        {
            files = Directory.GetFiles(path, "*.xml").Order(StringComparer.Ordinal);
            root = Path.GetFullPath(path);
        }
        else
        {
            throw new ExtractUnusableException($"{path}: no CIN census file or folder here");
        }
        var result = files.Select(f => ReadFile(f, Ssda903Reader.DisplayName(root, f), year, warnings)).Where(r => r is not null).Select(r => r!).ToList();
        if (result.Count == 0) throw new ExtractUnusableException($"{path}: holds no CIN census XML (root element Message)");
        return result.OrderBy(r => r.Year).ThenBy(r => r.File, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<XElement> All(XElement? parent, string name) => parent?.Elements().Where(e => e.Name.LocalName == name) ?? [];

    private static XElement? One(XElement? parent, string name) => All(parent, name).FirstOrDefault();

    public static CinCensusReturn? ReadFile(string path, string file, int? year, List<string> warnings)
    {
        var doc = ReturnXml.Load(path);
        if (doc.Root?.Name.LocalName != "Message")
        {
            warnings.Add($"{file}: not a CIN census (root {doc.Root?.Name.LocalName}), not read");
            return null;
        }
        var header = One(doc.Root, "Header");
        var collection = One(header, "CollectionDetails");
        var source = One(header, "Source");
        var reference = ReturnDates.TryParseIso(ReturnXml.Text(collection, "ReferenceDate"), out var r) ? r : (DateOnly?)null;
        var headerYear = int.TryParse(ReturnXml.Text(collection, "Year"), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : (int?)null;
        int? collectionYear = reference is { Month: 3, Day: 31 } ? reference.Value.Year : headerYear;
        collectionYear ??= year;
        var children = All(One(doc.Root, "Children"), "Child").Select(c => ReadChild(file, c)).ToList();
        if (collectionYear is null)
        {
            var latest = children.SelectMany(c => c.Details).Select(d => ReturnDates.TryParseIso(d.ReferralDate, out var rd) ? rd : (DateOnly?)null).Max();
            collectionYear = latest is { } l ? ReturnDates.CollectionYearOf(l) : null;
            if (collectionYear is null) throw new ExtractUnusableException($"{file}: cannot tell the census year (no Header Year or ReferenceDate, no referral): give year:YYYY in --source");
            warnings.Add($"{file}: no census year in the header; read as the year ending 31 March {collectionYear} (the latest referral)");
        }
        return new CinCensusReturn(file, collectionYear.Value, ReturnXml.Text(source, "LEA"), reference, children);
    }

    private static string Raw(XElement e) => ReturnXml.Compact(e);

    private static CinChild ReadChild(string file, XElement child)
    {
        var ids = One(child, "ChildIdentifiers");
        var characteristics = One(child, "ChildCharacteristics");
        var sexElement = One(ids, "Sex") is not null ? "Sex" : "GenderCurrent";
        var disabilities = One(characteristics, "Disabilities") is { } d ? All(d, "Disability").Select(x => x.Value).ToList() : null;
        string? T(XElement? e, string name) => ReturnXml.Text(e, name);
        var details = All(child, "CINdetails").Select(cd => new CinDetails(file, ReturnXml.LineOf(cd), Raw(cd),
            T(cd, "CINreferralDate"), T(cd, "ReferralSource"), T(cd, "PrimaryNeedCode"), T(cd, "CINclosureDate"), T(cd, "ReasonForClosure"),
            T(cd, "DateOfInitialCPC"), T(cd, "ReferralNFA"),
            All(cd, "Assessments").Select(a => new CinAssessment(file, ReturnXml.LineOf(a), Raw(a), T(a, "AssessmentActualStartDate"),
                T(a, "AssessmentInternalReviewDate"), T(a, "AssessmentAuthorisationDate"),
                All(One(a, "FactorsIdentifiedAtAssessment"), "AssessmentFactors").Select(f => f.Value).Where(f => f.Length > 0).ToList())).ToList(),
            All(cd, "CINPlanDates").Select(p => new CinPlanDates(file, ReturnXml.LineOf(p), Raw(p), T(p, "CINPlanStartDate"), T(p, "CINPlanEndDate"))).ToList(),
            All(cd, "Section47").Select(s => new CinSection47(file, ReturnXml.LineOf(s), Raw(s), T(s, "S47ActualStartDate"), T(s, "InitialCPCtarget"),
                T(s, "DateOfInitialCPC"), T(s, "ICPCnotRequired"))).ToList(),
            All(cd, "ChildProtectionPlans").Select(p => new CinProtectionPlan(file, ReturnXml.LineOf(p), Raw(p), T(p, "CPPstartDate"), T(p, "CPPendDate"),
                T(p, "InitialCategoryOfAbuse"), T(p, "LatestCategoryOfAbuse"), T(p, "NumberOfPreviousCPP"),
                All(One(p, "Reviews"), "CPPreviewDate").Select(rv => new CinCpReview(file, ReturnXml.LineOf(rv), Raw(rv), rv.Value.Length == 0 ? null : rv.Value)).ToList())).ToList()
        )).ToList();
        return new CinChild(file, ReturnXml.LineOf(child), ChildText(child), T(ids, "LAchildID"), T(ids, "UPN"), T(ids, "FormerUPN"), T(ids, "UPNunknown"),
            T(ids, "PersonBirthDate"), T(ids, "ExpectedPersonBirthDate"), T(ids, sexElement), sexElement, T(ids, "PersonDeathDate"),
            T(characteristics, "Ethnicity"), disabilities, details);
    }

    /// <summary>The child's identifiers and characteristics (the CINdetails are rows of their own).</summary>
    private static string ChildText(XElement child) =>
        string.Concat(child.Elements().Where(e => e.Name.LocalName != "CINdetails").Select(Raw));
}

/// <summary>Writes a CIN census XML file in the published layout (elements in schema order, ISO dates).</summary>
public static class CinCensusWriter
{
    public static void Write(CinCensusReturn census, string path, string softwareCode = "ChildrensWarehouse etl export")
    {
        var doc = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("Message",
                new XElement("Header",
                    new XElement("CollectionDetails",
                        new XElement("Collection", "CIN"),
                        new XElement("Year", census.Year.ToString(CultureInfo.InvariantCulture)),
                        new XElement("ReferenceDate", ReturnDates.Iso(ReturnDates.YearEnd(census.Year)))),
                    new XElement("Source",
                        new XElement("SourceLevel", "L"),
                        new XElement("LEA", census.LaCode ?? ""),
                        new XElement("SoftwareCode", softwareCode),
                        new XElement("Release", "1"),
                        new XElement("SerialNo", "001"),
                        new XElement("DateTime", ReturnDates.Iso(ReturnDates.YearEnd(census.Year)) + "T23:59:59"))),
                new XElement("Children", census.Children.Select(Child))));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = XmlWriter.Create(path, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        doc.Save(writer);
    }

    private static XElement? Opt(string name, string? value) => value is null ? null : new XElement(name, value);

    private static XElement Child(CinChild c) => new("Child",
        new XElement("ChildIdentifiers",
            Opt("LAchildID", c.LaChildId), Opt("UPN", c.Upn), Opt("FormerUPN", c.FormerUpn), Opt("UPNunknown", c.UpnUnknown),
            Opt("PersonBirthDate", c.BirthDate), Opt("ExpectedPersonBirthDate", c.ExpectedBirthDate), Opt(c.SexElement, c.Sex),
            Opt("PersonDeathDate", c.DeathDate)),
        new XElement("ChildCharacteristics",
            Opt("Ethnicity", c.Ethnicity),
            c.Disabilities is { Count: > 0 } d ? new XElement("Disabilities", d.Select(x => new XElement("Disability", x))) : null),
        c.Details.Select(Details));

    private static XElement Details(CinDetails d) => new("CINdetails",
        Opt("CINreferralDate", d.ReferralDate), Opt("ReferralSource", d.ReferralSource), Opt("PrimaryNeedCode", d.PrimaryNeedCode),
        Opt("CINclosureDate", d.ClosureDate), Opt("ReasonForClosure", d.ReasonForClosure), Opt("DateOfInitialCPC", d.DateOfInitialCpc),
        d.Assessments.Select(a => new XElement("Assessments",
            Opt("AssessmentActualStartDate", a.StartDate), Opt("AssessmentInternalReviewDate", a.InternalReviewDate),
            Opt("AssessmentAuthorisationDate", a.AuthorisationDate),
            a.Factors.Count > 0 ? new XElement("FactorsIdentifiedAtAssessment", a.Factors.Select(f => new XElement("AssessmentFactors", f))) : null)),
        d.CinPlans.Select(p => new XElement("CINPlanDates", Opt("CINPlanStartDate", p.StartDate), Opt("CINPlanEndDate", p.EndDate))),
        d.Section47s.Select(s => new XElement("Section47", Opt("S47ActualStartDate", s.StartDate), Opt("InitialCPCtarget", s.InitialCpcTarget),
            Opt("DateOfInitialCPC", s.DateOfInitialCpc), Opt("ICPCnotRequired", s.IcpcNotRequired))),
        Opt("ReferralNFA", d.ReferralNfa),
        d.ProtectionPlans.Select(p => new XElement("ChildProtectionPlans",
            Opt("CPPstartDate", p.StartDate), Opt("CPPendDate", p.EndDate), Opt("InitialCategoryOfAbuse", p.InitialCategory),
            Opt("LatestCategoryOfAbuse", p.LatestCategory), Opt("NumberOfPreviousCPP", p.NumberOfPreviousPlans),
            p.Reviews.Count > 0 ? new XElement("Reviews", p.Reviews.Select(r => new XElement("CPPreviewDate", r.Date))) : null)));
}
