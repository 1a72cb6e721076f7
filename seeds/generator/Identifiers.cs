namespace ChildrensWarehouse.Seeds;

/// <summary>Personal identifiers that cannot belong to a real person.</summary>
internal static class Identifiers
{
    private const int NhsBases = 1_000_000;

    // Multiplier coprime to 10^6: a bijection from child ordinal to a 6-digit block, so NHS numbers
    // are unique within an extract without remembering the ones already issued.
    private const long NhsMultiplier = 388_483;

    /// <summary>
    /// A 10-digit NHS number from the 999 test range (999 000 0000 - 999 999 9999) with a valid
    /// modulus 11 check digit, unique per ordinal below 10^6; null when the ordinal's base would need
    /// check digit 10 (such bases are invalid) - some children have no NHS number recorded anyway.
    /// </summary>
    public static string? NhsNumber(long ordinal)
    {
        if (ordinal is < 0 or >= NhsBases)
        {
            return null;
        }
        var block = (ordinal * NhsMultiplier + 271_829) % NhsBases;
        Span<char> digits = stackalloc char[10];
        digits[0] = '9';
        digits[1] = '9';
        digits[2] = '9';
        var b = block;
        for (var i = 8; i >= 3; i--)
        {
            digits[i] = (char)('0' + (int)(b % 10));
            b /= 10;
        }
        var check = NhsCheckDigit(digits[..9]);
        if (check < 0)
        {
            return null;
        }
        digits[9] = (char)('0' + check);
        return new string(digits);
    }

    /// <summary>Modulus 11 check digit of the first nine digits; -1 when none is valid.</summary>
    public static int NhsCheckDigit(ReadOnlySpan<char> nine)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (nine[i] - '0') * (10 - i);
        }
        var check = 11 - sum % 11;
        return check switch
        {
            11 => 0,
            10 => -1,
            _ => check,
        };
    }

    public static bool IsValidTestNhsNumber(string? value)
    {
        if (value is null || value.Length != 10 || !value.StartsWith("999", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        var check = NhsCheckDigit(value.AsSpan(0, 9));
        return check >= 0 && value[9] - '0' == check;
    }

    private const string UpnCheckLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";

    /// <summary>
    /// A unique pupil number shaped like the DfE's (check letter, LA, establishment, year, serial)
    /// with establishment numbers 9900-9999, which no school holds.
    /// </summary>
    public static string Upn(Random rng, string laCode, int yearAllocated)
    {
        var la = laCode.Length == 3 && laCode.All(char.IsAsciiDigit) ? laCode : "999";
        Span<char> upn = stackalloc char[13];
        upn[1] = la[0];
        upn[2] = la[1];
        upn[3] = la[2];
        var establishment = 9900 + rng.Next(100);
        WriteDigits(upn.Slice(4, 4), establishment);
        WriteDigits(upn.Slice(8, 2), yearAllocated % 100);
        WriteDigits(upn.Slice(10, 3), rng.Next(1000));
        var sum = 0;
        for (var i = 1; i < 13; i++)
        {
            sum += (upn[i] - '0') * (i + 1);
        }
        upn[0] = UpnCheckLetters[sum % 23];
        return new string(upn);
    }

    private static void WriteDigits(Span<char> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }
}
