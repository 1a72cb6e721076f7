using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;

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

public sealed record ChildProtectionRules
{
    /// <summary>R-ICPC-15WD: initial conference within N working days of the strategy discussion.</summary>
    public int IcpcWorkingDays { get; init; } = 15;
    /// <summary>R-CPREV: first review within N months of the plan start.</summary>
    public int FirstReviewMonths { get; init; } = 3;
    /// <summary>R-CPREV: later reviews within N months of the previous review.</summary>
    public int LaterReviewMonths { get; init; } = 6;
    /// <summary>R-CPVISIT: the child seen at least every N working days (local: no national frequency).</summary>
    public int VisitIntervalWorkingDays { get; init; } = 10;
}

public sealed record ReReferralRules
{
    /// <summary>R-REREF: another referral dated within N months before this one (start to start).</summary>
    public int Months { get; init; } = 12;
}

public sealed record LookedAfterRules
{
    /// <summary>R-CLAREV: first review within N working days of the start of care.</summary>
    public int FirstReviewWorkingDays { get; init; } = 20;
    /// <summary>R-CLAREV: second review within N months of the first.</summary>
    public int SecondReviewMonths { get; init; } = 3;
    /// <summary>R-CLAREV: later reviews within N months of the previous one.</summary>
    public int LaterReviewMonths { get; init; } = 6;
    /// <summary>R-IHA-20WD: initial health assessment within N working days of the start of care.</summary>
    public int IhaWorkingDays { get; init; } = 20;
    /// <summary>R-PEP: the initial PEP within N days of the start of care (K17's cohort), counted in working days: the
    /// contract has no school-term table, so the school days of RULES.md are working days.</summary>
    public int PepInitialWorkingDays { get; init; } = 20;
    /// <summary>R-CLAVISIT: first visit within N days of a placement starting.</summary>
    public int FirstVisitDays { get; init; } = 7;
    /// <summary>R-CLAVISIT: then at intervals of no more than N days.</summary>
    public int VisitIntervalDays { get; init; } = 42;
    /// <summary>R-CARE-26W: proceedings concluded on or before issue + N days (the 26-week period ends on its 182nd day).</summary>
    public int ProceedingsLimitDays { get; init; } = 181;
}

/// <summary>The working-day calendar beyond the extract's bank holidays (RULES.md §0).</summary>
public sealed record CalendarRules
{
    /// <summary>Local closure days (RULES.md `Calendar.ExtraClosureDays`): not working days for any rule. Default none.</summary>
    public IReadOnlyList<DateOnly> ExtraClosureDays { get; init; } = [];
}

/// <summary>An edition of the statutory guidance in force from a date (chosen by each clock's start date).</summary>
public sealed record RuleEdition
{
    public string Name { get; init; } = "";
    public DateOnly EffectiveFrom { get; init; }
}

/// <summary>
/// The rulebook: the editions in force and the named local settings every rule reads. Loaded from the versioned
/// file etl/Rules/rulebook.json, overridable in configuration (section "Rules"), validated at start-up, and
/// recorded on every run (etl_run.rule_settings) so each number says which rules produced it.
/// </summary>
public sealed record RuleSettings
{
    public string RulebookVersion { get; init; } = "2026.1";
    public IReadOnlyList<RuleEdition> Editions { get; init; } =
    [
        new() { Name = "Working Together 2015", EffectiveFrom = new DateOnly(2015, 3, 26) },
        new() { Name = "Working Together 2018", EffectiveFrom = new DateOnly(2018, 7, 4) },
        new() { Name = "Working Together 2023", EffectiveFrom = new DateOnly(2023, 12, 15) },
    ];
    public ContactRules Contact { get; init; } = new();
    public AssessmentRules Assessment { get; init; } = new();
    public ChildProtectionRules ChildProtection { get; init; } = new();
    public ReReferralRules ReReferral { get; init; } = new();
    public LookedAfterRules LookedAfter { get; init; } = new();
    public CalendarRules Calendar { get; init; } = new();

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>The edition in force on a clock's start date (the earliest edition before any is in force).</summary>
    public string EditionFor(DateOnly clockStart) =>
        Editions.Where(e => e.EffectiveFrom <= clockStart).OrderBy(e => e.EffectiveFrom).LastOrDefault()?.Name
        ?? Editions.OrderBy(e => e.EffectiveFrom).First().Name;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public RuleSettings Validate()
    {
        static void Check(bool ok, string message)
        {
            if (!ok) throw new ArgumentException($"rulebook: {message}");
        }
        Check(Enum.IsDefined(Contact.DecisionClock), "Contact.DecisionClock must be Hours24 or WorkingDay1");
        Check(Assessment.LimitCalendarDays is >= 1 and <= 365, "Assessment.LimitCalendarDays must be 1..365");
        Check(Assessment.LimitWorkingDays is >= 1 and <= 260, "Assessment.LimitWorkingDays must be 1..260");
        Check(ChildProtection.IcpcWorkingDays is >= 1 and <= 260, "ChildProtection.IcpcWorkingDays must be 1..260");
        Check(ChildProtection.FirstReviewMonths is >= 1 and <= 24, "ChildProtection.FirstReviewMonths must be 1..24");
        Check(ChildProtection.LaterReviewMonths is >= 1 and <= 24, "ChildProtection.LaterReviewMonths must be 1..24");
        Check(ChildProtection.VisitIntervalWorkingDays is >= 1 and <= 260, "ChildProtection.VisitIntervalWorkingDays must be 1..260");
        Check(ReReferral.Months is >= 1 and <= 120, "ReReferral.Months must be 1..120");
        Check(LookedAfter.FirstReviewWorkingDays is >= 1 and <= 260, "LookedAfter.FirstReviewWorkingDays must be 1..260");
        Check(LookedAfter.SecondReviewMonths is >= 1 and <= 24, "LookedAfter.SecondReviewMonths must be 1..24");
        Check(LookedAfter.LaterReviewMonths is >= 1 and <= 24, "LookedAfter.LaterReviewMonths must be 1..24");
        Check(LookedAfter.IhaWorkingDays is >= 1 and <= 260, "LookedAfter.IhaWorkingDays must be 1..260");
        Check(LookedAfter.PepInitialWorkingDays is >= 1 and <= 260, "LookedAfter.PepInitialWorkingDays must be 1..260");
        Check(LookedAfter.FirstVisitDays is >= 1 and <= 365, "LookedAfter.FirstVisitDays must be 1..365");
        Check(LookedAfter.VisitIntervalDays is >= 1 and <= 365, "LookedAfter.VisitIntervalDays must be 1..365");
        Check(LookedAfter.ProceedingsLimitDays is >= 1 and <= 3650, "LookedAfter.ProceedingsLimitDays must be 1..3650");
        Check(Editions.Count > 0 && Editions.All(e => e.Name.Length > 0), "Editions must name at least one edition");
        return this;
    }

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Rules", "rulebook.json");

    /// <summary>
    /// The rulebook file, then the "Rules" section of configuration on top (appsettings.json, environment
    /// variables such as CSW_Rules__Contact__DecisionClock=WorkingDay1). Unknown keys are errors, not ignored.
    /// </summary>
    public static RuleSettings Load(string rulebookPath, IConfiguration? configuration = null)
    {
        if (!File.Exists(rulebookPath)) throw new ArgumentException($"{rulebookPath}: the rulebook file is missing");
        // The binder appends to collections, so the file's editions replace (not extend) the built-in list.
        var settings = new RuleSettings { Editions = [] };
        try
        {
            var file = new ConfigurationBuilder().AddJsonFile(rulebookPath, optional: false).Build();
            file.Bind(settings, o => o.ErrorOnUnknownConfiguration = true);
            configuration?.GetSection("Rules").Bind(settings, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"rulebook {rulebookPath} or configuration section Rules: {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"rulebook {rulebookPath}: {e.Message}", e);
        }
        return settings.Validate();
    }
}
