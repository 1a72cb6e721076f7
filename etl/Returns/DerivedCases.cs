using ChildrensWarehouse.Contract;
using ChildrensWarehouse.Derivation;
using ChildrensWarehouse.Pipeline;
using ChildrensWarehouse.Rules;

namespace ChildrensWarehouse.Returns;

/// <summary>Every child of an extract as the case system stood at a moment, through the same cut and rules as a run's facts.</summary>
internal static class DerivedCases
{
    public static IReadOnlyList<ChildFacts> At(Extract extract, DateTime asAt, RuleSettings rules)
    {
        var view = new CaseView(asAt);
        var context = new DerivationContext
        {
            Rules = rules,
            Calendar = RunPipeline.Calendar(extract, rules),
            AsAt = asAt,
            ContactsNamedByReferrals = view.ContactsNamedByReferrals(extract),
        };
        return view.Cases(extract).Select(c => ChildDerivation.Derive(c, context)).ToList();
    }
}
