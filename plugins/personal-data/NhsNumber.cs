namespace Engine.Plugins.PersonalData;

/// <summary>The NHS number's modulus 11 check (NHS Data Dictionary).</summary>
public static class NhsNumber
{
    /// <summary>True when <paramref name="digits"/> is ten digits whose last is the check digit of the first nine.</summary>
    public static bool IsValid(string digits)
    {
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit)) return false;

        // Weights 10 down to 2 on the first nine digits.
        var sum = 0;
        for (var i = 0; i < 9; i++) sum += (digits[i] - '0') * (10 - i);

        var check = 11 - sum % 11;
        if (check == 11) check = 0;
        // A check digit of 10 is never issued, so such a number is not an NHS number.
        return check != 10 && check == digits[9] - '0';
    }
}
