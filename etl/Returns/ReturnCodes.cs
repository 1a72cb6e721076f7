namespace ChildrensWarehouse.Returns;

/// <summary>
/// The codes of the returns and of the case-system contract, both ways. A code a map does not know is passed on as
/// written, so the contract's code check quarantines it with its reason ("code 'RC9' is not in the list").
/// </summary>
public static class ReturnCodes
{
    /// <summary>The first collection year (by its ending 31 March) whose SSDA903 SEX and CIN census Sex are M/F/U.</summary>
    public const int LetterSexFrom = 2025;

    /// <summary>
    /// SSDA903 SEX: 1 male, 2 female until 2024; M, F, U (unknown) from the year ending March 2025. CIN census GenderCurrent:
    /// 0 not known, 1 male, 2 female, 9 not specified (to 2024); Sex M, F, U from 2025 (some files put 1/2 in Sex). All read as M, F, U.
    /// </summary>
    public static string? SexToContract(string? code) => code switch
    {
        null => null,
        "1" or "M" => "M",
        "2" or "F" => "F",
        "0" or "9" or "U" => "U",
        _ => code,
    };

    /// <summary>SSDA903 SEX for a year: 1/2 before 2025 (no code for unknown: left empty), M/F/U from 2025.</summary>
    public static string? SexTo903(string sex, int year) => year >= LetterSexFrom ? sex : sex switch { "M" => "1", "F" => "2", _ => null };

    /// <summary>The CIN census element and value for a year: GenderCurrent 1/2/0 before 2025, Sex M/F/U from 2025.</summary>
    public static (string Element, string Value) SexToCin(string sex, int year) =>
        year >= LetterSexFrom ? ("Sex", sex) : ("GenderCurrent", sex switch { "M" => "1", "F" => "2", _ => "0" });

    private static readonly Dictionary<string, string> Categories = new(StringComparer.Ordinal)
    {
        ["NEG"] = "NEGLECT",
        ["PHY"] = "PHYSICAL",
        ["EMO"] = "EMOTIONAL",
        ["SAB"] = "SEXUAL",
        ["MUL"] = "MULTIPLE",
    };

    public static string? CategoryToContract(string? census) => census is null ? null : Categories.GetValueOrDefault(census, census);

    public static string CategoryToCensus(string contract) => Categories.FirstOrDefault(c => c.Value == contract).Key ?? contract;

    /// <summary>CIN yes/no: 1/true and 0/false (the schema says 0/1, files also hold true/false).</summary>
    public static bool? CensusBoolean(string? value) => value switch
    {
        "1" or "true" => true,
        "0" or "false" => false,
        _ => null,
    };

    /// <summary>ICPCnotRequired (true = no conference needed) as the contract's icpc_required (Y/N).</summary>
    public static string? IcpcRequired(string? icpcNotRequired) => CensusBoolean(icpcNotRequired) switch
    {
        true => "N",
        false => "Y",
        null => icpcNotRequired,
    };

    /// <summary>OC2 flags: 1 yes, 0 no.</summary>
    public static string? Flag(string? value) => value switch { "1" => "Y", "0" => "N", _ => value };

    public static string FlagOf(bool value) => value ? "1" : "0";

    /// <summary>OC3 ACCOM is a type letter and a suitability digit (1 suitable, 2 not): B1 -> (B, Y).</summary>
    public static (string? Accommodation, string? Suitable) SplitAccommodation(string? accom)
    {
        if (accom is null) return (null, null);
        if (accom.Length != 2) return (accom, null);
        return (accom[..1], accom[1] switch { '1' => "Y", '2' => "N", _ => accom[1..] });
    }

    public static string? JoinAccommodation(string? accommodation, string? suitable) =>
        accommodation is null ? null : accommodation + suitable switch { "Y" => "1", "N" => "2", _ => "" };

    /// <summary>The district (outward code) of a postcode: "WV27 9FW" and "WV279FW" give "WV27".</summary>
    public static string? PostcodeDistrict(string? postcode)
    {
        if (postcode is null) return null;
        var text = postcode.Trim();
        var space = text.IndexOf(' ');
        if (space > 0) return text[..space];
        return text.Length > 4 ? text[..^3] : text;
    }
}
