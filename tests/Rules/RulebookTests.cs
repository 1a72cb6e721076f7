using ChildrensWarehouse.Rules;
using ChildrensWarehouse.Tests.TestSupport;
using Microsoft.Extensions.Configuration;

namespace ChildrensWarehouse.Tests.Rules;

public class RulebookTests
{
    private static string RulebookFile => Repo.Path("etl", "Rules", "rulebook.json");

    [Test]
    public void The_rulebook_file_in_the_repository_holds_the_defaults_of_RULES_md()
    {
        var rules = RuleSettings.Load(RulebookFile);
        Assert.That(rules, Is.EqualTo(new RuleSettings()).Using<RuleSettings>((a, b) => a.ToJson() == b.ToJson()));
        Assert.That((rules.Contact.DecisionClock, rules.Contact.AutoReferral, rules.Assessment.LimitCalendarDays, rules.Assessment.LimitWorkingDays,
            rules.ChildProtection.VisitIntervalWorkingDays), Is.EqualTo((DecisionClock.Hours24, true, 42, 45, 10)));
    }

    [Test]
    public void Configuration_overrides_a_setting_and_leaves_the_others()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rules:Contact:DecisionClock"] = "WorkingDay1",
            ["Rules:Assessment:LimitCalendarDays"] = "35",
        }).Build();
        var rules = RuleSettings.Load(RulebookFile, config);
        Assert.That((rules.Contact.DecisionClock, rules.Contact.AutoReferral, rules.Assessment.LimitCalendarDays), Is.EqualTo((DecisionClock.WorkingDay1, true, 35)));
    }

    [Test]
    public void Local_closure_days_come_from_configuration_and_are_not_working_days()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rules:Calendar:ExtraClosureDays:0"] = "2016-01-06",
            ["Rules:Calendar:ExtraClosureDays:1"] = "2016-12-28",
        }).Build();
        var rules = RuleSettings.Load(RulebookFile, config);
        Assert.That(rules.Calendar.ExtraClosureDays, Is.EqualTo(new[] { new DateOnly(2016, 1, 6), new DateOnly(2016, 12, 28) }));
        Assert.That(RuleSettings.Load(RulebookFile).Calendar.ExtraClosureDays, Is.Empty, "none by default");
    }

    [TestCase("Rules:Assessment:LimitCalendarDays", "0", "Assessment.LimitCalendarDays")]
    [TestCase("Rules:Contact:DecisionClock", "Fortnightly", "DecisionClock")]
    [TestCase("Rules:Contact:Typo", "1", "Typo")]
    public void A_bad_setting_is_refused_at_start_up_naming_it(string key, string value, string named)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var e = Assert.Throws<ArgumentException>(() => RuleSettings.Load(RulebookFile, config))!;
        Assert.That(e.Message, Does.Contain(named));
    }

    [Test]
    public void The_edition_is_chosen_by_the_clock_start_date()
    {
        var rules = new RuleSettings();
        Assert.That(rules.EditionFor(new DateOnly(2018, 7, 3)), Is.EqualTo("Working Together 2015"));
        Assert.That(rules.EditionFor(new DateOnly(2018, 7, 4)), Is.EqualTo("Working Together 2018"));
        Assert.That(rules.EditionFor(new DateOnly(2024, 1, 1)), Is.EqualTo("Working Together 2023"));
    }
}
