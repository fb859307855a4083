using System.Security.Cryptography;

namespace Nexus.Web.Features.Certificates;

/// <summary>
/// Short codes people can read aloud and type from paper: ten characters of Crockford's base 32 (no I, L, O or U,
/// so nothing is mistaken for 1, 0 or another letter), shown as <c>XXXXX-XXXXX</c>, the last character a check
/// character over the other nine so that most typing errors are told apart from unknown codes. Nine random
/// characters give 45 bits: guessing a valid code is hopeless at any rate a web server allows.
/// </summary>
public static class CertificateCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 10;

    public static string New()
    {
        Span<byte> random = stackalloc byte[9];
        RandomNumberGenerator.Fill(random);
        Span<char> code = stackalloc char[Length];
        for (var i = 0; i < 9; i++) code[i] = Alphabet[random[i] & 31];
        code[9] = Alphabet[Check(code[..9])];
        return new string(code);
    }

    /// <summary>
    /// The stored form of what someone typed (case, spaces, hyphens and the letters people confuse are forgiven),
    /// or null when it cannot be a code: wrong length, characters outside the alphabet or a wrong check character.
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40) return null;
        Span<char> code = stackalloc char[Length];
        var n = 0;
        foreach (var raw in typed)
        {
            if (raw is '-' or ' ' or '\u00a0') continue;
            var c = char.ToUpperInvariant(raw) switch { 'O' => '0', 'I' or 'L' => '1', var x => x };
            if (Alphabet.IndexOf(c) < 0 || n == Length) return null;
            code[n++] = c;
        }
        if (n != Length || Alphabet[Check(code[..9])] != code[9]) return null;
        return new string(code);
    }

    /// <summary>The code as printed: two groups of five.</summary>
    public static string Display(string code) => code.Length == Length ? $"{code[..5]}-{code[5..]}" : code;

    // A weighted sum modulo 31 (a prime): catches any single wrong character and any swap of two neighbours, except
    // between 0 and Z, whose values differ by exactly 31.
    private static int Check(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++) sum += (i + 1) * Alphabet.IndexOf(body[i]);
        return sum % 31;
    }
}
