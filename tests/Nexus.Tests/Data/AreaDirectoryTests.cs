using Nexus.Web.Infrastructure.Countries;
using Nexus.Web.Features.Data;
using Nexus.Web.Features.Data.Areas;
using Nexus.Web.Features.Data.Import;

namespace Nexus.Tests.Data;

/// <summary>Finding areas by code, ISO code and the many ways publishers spell their names.</summary>
public class AreaDirectoryTests
{
    private static readonly Lazy<AreaDirectory> Directory = new(() =>
    {
        var file = DataFile.FromBytes(File.ReadAllBytes(OfficialFiles.Path(DataImports.M49)), "m49.csv");
        var areas = new M49Format().Read(file, CancellationToken.None).Areas;
        return new AreaDirectory(areas, AreaDirectory.Aliases);
    });

    [Theory]
    [InlineData("Iran (Islamic Republic of)", 364)]
    [InlineData("Iran, Islamic Rep.", 364)]
    [InlineData("Iran (Islamic Republic of) *", 364)]
    [InlineData("Iran (Islamic Republic of) ", 364)]
    [InlineData("IRAN (ISLAMIC REPUBLIC OF)(1)", 364)]
    [InlineData("Côte d’Ivoire", 384)]
    [InlineData("Cote d'Ivoire", 384)]
    [InlineData("Bolivia (Plurinational State of)", 68)]
    [InlineData("Bolivia", 68)]
    [InlineData("Congo, Dem. Rep.", 180)]
    [InlineData("Democratic Republic of the Congo", 180)]
    [InlineData("Congo", 178)]
    [InlineData("Congo, Rep.", 178)]
    [InlineData("Türkiye", 792)]
    [InlineData("Turkey", 792)]
    [InlineData("Bosnia & Herzegovina", 70)]
    [InlineData("Viet Nam", 704)]
    [InlineData("Vietnam", 704)]
    [InlineData("China, Hong Kong SAR", 344)]
    [InlineData("Saint Martin (French Part)", 663)]
    [InlineData("United States", 840)]
    public void A_name_as_publishers_print_it_finds_its_area(string name, int code) =>
        Assert.Equal(code, Directory.Value.ByName(name)?.Code);

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("' OR 1=1 --")]
    public void An_unknown_name_finds_nothing(string name) => Assert.Null(Directory.Value.ByName(name));

    [Fact]
    public void A_short_name_two_areas_share_matches_neither()
    {
        // "Korea" is the short key of both Koreas: guessing would store one country's figures under the other.
        Assert.Null(Directory.Value.ByName("Korea"));
        Assert.Equal(410, Directory.Value.ByName("Korea, Rep.")?.Code);
        Assert.Equal(408, Directory.Value.ByName("Korea, Dem. People's Rep.")?.Code);
    }

    [Theory]
    [InlineData("840", 840)]
    [InlineData("4", 4)]
    [InlineData("004", 4)]
    [InlineData("USA", 840)]
    [InlineData("usa", 840)]
    [InlineData("world", 900)]
    [InlineData("900", 900)]
    [InlineData("Mexico", 484)]
    public void The_api_finds_an_area_by_code_iso3_world_or_name(string text, int code) =>
        Assert.Equal(code, Directory.Value.Find(text)?.Code);

    [Fact]
    public void The_m49_list_gives_the_hierarchy_and_the_groups()
    {
        var d = Directory.Value;
        var algeria = d.ByCode(12)!;
        Assert.Equal(AreaKind.Country, algeria.Kind);
        Assert.Equal("DZA", algeria.Iso3);
        Assert.Equal(15, algeria.ParentCode); // Northern Africa
        Assert.Equal(2, d.ByCode(15)!.ParentCode); // Africa
        Assert.Equal(Area.World, d.ByCode(2)!.ParentCode);
        Assert.True(d.ByCode(108)!.Ldc); // Burundi
        Assert.True(d.ByCode(108)!.Lldc);
        Assert.True(d.ByCode(174)!.Sids); // Comoros
        Assert.False(algeria.Ldc);
        Assert.Equal(AreaKind.World, d.ByCode(Area.World)!.Kind);
    }

    [Theory]
    [InlineData("Sudan 2", "Sudan")]
    [InlineData("Cyprus*", "Cyprus")]
    [InlineData("Serbia (a, b)", "Serbia")]
    [InlineData("France [1]", "France")]
    [InlineData("China¹", "China")]
    [InlineData(" Ghana\u00A0", "Ghana")]
    [InlineData("Saint Martin (French Part)", "Saint Martin (French Part)")]
    public void Footnote_markers_are_stripped_from_names(string printed, string name) =>
        Assert.Equal(name, AreaNames.StripNotes(printed));

    /// <summary>
    /// StripNotes scans by hand what this regular expression (its first version) matched; they must agree on real
    /// names with notes appended and on random strings made of the characters that matter.
    /// </summary>
    [Fact]
    public void Stripping_notes_by_hand_agrees_with_the_regular_expression()
    {
        var note = new System.Text.RegularExpressions.Regex(@"(\s*[\*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+|\s*[\(\[]\s*[0-9a-z](\s*,\s*[0-9a-z])*\s*[\)\]]|\s+\d{1,2}/?)$",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        string Reference(string name)
        {
            var s = name.Replace('\u00A0', ' ').Trim();
            string previous;
            do
            {
                previous = s;
                s = note.Replace(s, "").Trim();
            } while (s != previous);
            return s;
        }

        string[] notes = ["", "*", " **", "†", "¹²", " (1)", "[a]", " (b, c)", " ( a ,b )", " 1/", " 12", " 123", "(ab)", " (A)", " [1)", "1", " 2 *", "\u00A0(3)"];
        var names = Countries.All.Select(c => c.Name).Concat(Regions.All.Select(r => r.Name))
            .Concat(["Iran (Islamic Republic of)", "Saint Martin (French Part)", "Sudan 2", "", " ", "(1)", "12"]).ToList();
        var random = new Random(20261124);
        const string alphabet = "ab zA1209(),[]*†¹/ \u00A0.-";
        var cases = new List<string>();
        foreach (var name in names)
            for (var i = 0; i < 4; i++) cases.Add(name + notes[random.Next(notes.Length)] + notes[random.Next(notes.Length)]);
        for (var i = 0; i < 20_000; i++)
            cases.Add(new string(Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()));

        var differing = cases.Where(c => AreaNames.StripNotes(c) != Reference(c)).Take(5).Select(c => $"\"{c}\": \"{AreaNames.StripNotes(c)}\" vs \"{Reference(c)}\"").ToList();
        Assert.True(differing.Count == 0, string.Join("; ", differing));
        Assert.True(cases.Count(c => Reference(c) != c.Trim()) > 1000, "the cases exercise the stripping");
    }
}
