using Nexus.Web.Features.Certificates;

namespace Nexus.Tests.Certificates;

/// <summary>Certificate codes on their own: shape, forgiving input, the check character.</summary>
public class CertificateCodeTests
{
    [Fact]
    public void New_codes_have_ten_characters_of_the_alphabet_and_verify()
    {
        for (var i = 0; i < 2000; i++)
        {
            var code = CertificateCode.New();
            Assert.Equal(10, code.Length);
            Assert.DoesNotContain(code, c => "ILOU".Contains(c) || char.IsLower(c));
            Assert.Equal(code, CertificateCode.Normalize(code));
        }
    }

    [Fact]
    public void New_codes_do_not_repeat_in_a_large_sample()
    {
        var codes = Enumerable.Range(0, 100_000).Select(_ => CertificateCode.New()).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void Typing_is_forgiven_case_hyphens_spaces_and_look_alike_letters()
    {
        var code = Make("7K4M02PD1");
        var typed = $" {code[..5].ToLowerInvariant()} - {code[5..]} ".Replace('0', 'o').Replace('1', 'l');
        Assert.Equal(code, CertificateCode.Normalize(typed));
        Assert.Equal($"{code[..5]}-{code[5..]}", CertificateCode.Display(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("7K4M0")]                      // too short
    [InlineData("7K4M02PD1XX")]                // too long
    [InlineData("7K4M0-2PD1U")]                // U is not in the alphabet
    [InlineData("<script>alert(1)</script>")]
    [InlineData("' OR 1=1 --")]
    [InlineData("../../etc/passwd")]
    [InlineData("７Ｋ４Ｍ０２ＰＤ１Ｘ")]           // full-width digits and letters
    public void What_cannot_be_a_code_is_refused(string? typed) => Assert.Null(CertificateCode.Normalize(typed));

    [Fact]
    public void A_single_wrong_character_is_caught_by_the_check_character()
    {
        var code = Make("7K4M02PD1");
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        for (var i = 0; i < 9; i++)
            foreach (var c in alphabet.Where(c => c != code[i] && !((c == '0' && code[i] == 'Z') || (c == 'Z' && code[i] == '0'))))
                Assert.Null(CertificateCode.Normalize(code[..i] + c + code[(i + 1)..]));
    }

    [Fact]
    public void Swapping_two_neighbours_is_caught()
    {
        var code = Make("7K4M02PD1");
        for (var i = 0; i < 8; i++)
        {
            if (code[i] == code[i + 1]) continue;
            var swapped = code[..i] + code[i + 1] + code[i] + code[(i + 2)..];
            Assert.Null(CertificateCode.Normalize(swapped));
        }
    }

    /// <summary>A valid code from nine chosen characters: the check character is the one Normalize accepts.</summary>
    private static string Make(string body) =>
        "0123456789ABCDEFGHJKMNPQRSTVWXYZ".Select(c => body + c).Single(c => CertificateCode.Normalize(c) is not null);
}
