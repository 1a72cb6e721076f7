using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChildrensWarehouse.Rules;

/// <summary>How the contact decision window is measured (R-CONTACT-24H / R-CONTACT-1WD).</summary>
public enum DecisionClock
{
    /// <summary>24 elapsed hours on the local wall clock (the default local rule).</summary>
    Hours24,
    /// <summary>By the end of the first working day after the day received (the statutory 1 WD).</summary>
    WorkingDay1,
}

public sealed record ContactRules
{
    public DecisionClock DecisionClock { get; init; } = DecisionClock.Hours24;
    /// <summary>R-CONTACT-AUTOREF: an undecided contact becomes a derived referral at the window end.</summary>
    public bool AutoReferral { get; init; } = true;
}

public sealed record AssessmentRules
{
    /// <summary>Local calendar-day target (K05): authorised on or before start + N days.</summary>
    public int LimitCalendarDays { get; init; } = 42;
    /// <summary>Statutory working-day limit (K05W, R-ASSESS-45WD).</summary>
    public int LimitWorkingDays { get; init; } = 45;
}

/// <summary>
/// The rulebook: the edition in force and the named local settings every rule reads. Loaded from the versioned
/// file etl/Rules/rulebook.json, overridable in configuration, validated at start-up, and recorded on every run.
/// </summary>
public sealed record RuleSettings
{
    public string RulebookVersion { get; init; } = "2026.1";
    public ContactRules Contact { get; init; } = new();
    public AssessmentRules Assessment { get; init; } = new();

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = null,
        WriteIndented = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting that is out of range.</summary>
    public RuleSettings Validate()
    {
        if (Assessment.LimitCalendarDays is < 1 or > 365) throw new ArgumentException("Rules: Assessment.LimitCalendarDays must be 1..365");
        if (Assessment.LimitWorkingDays is < 1 or > 260) throw new ArgumentException("Rules: Assessment.LimitWorkingDays must be 1..260");
        return this;
    }

    public static RuleSettings Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: rulebook file is missing", path);
        try
        {
            return (JsonSerializer.Deserialize<RuleSettings>(File.ReadAllText(path), JsonOptions) ?? new RuleSettings()).Validate();
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{path}: not a valid rulebook ({e.Message})", e);
        }
    }

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Rules", "rulebook.json");
}
