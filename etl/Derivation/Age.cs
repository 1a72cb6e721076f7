namespace ChildrensWarehouse.Derivation;

/// <summary>Ages in completed years (KPIS.md): someone born on 29 February reaches a new age on 1 March in common years.</summary>
public static class Age
{
    public static int InYears(DateOnly dateOfBirth, DateOnly on)
    {
        var years = on.Year - dateOfBirth.Year;
        if (on.Month < dateOfBirth.Month || (on.Month == dateOfBirth.Month && on.Day < dateOfBirth.Day)) years--;
        return years;
    }

    /// <summary>The child's age at d, or null without a date of birth (left out wherever an age condition applies).</summary>
    public static int? Of(Child child, DateOnly d) => child.DateOfBirth is { } dob ? InYears(dob, d) : null;

    /// <summary>True when d is the day the child reaches <paramref name="years"/>.</summary>
    public static bool IsBirthday(DateOnly dateOfBirth, DateOnly d, int years) =>
        InYears(dateOfBirth, d) == years && InYears(dateOfBirth, d.AddDays(-1)) == years - 1;
}
