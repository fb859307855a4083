using Nexus.Web.Infrastructure.Countries;

namespace Nexus.Tests.Infrastructure;

/// <summary>The country list shipped with Nexus is exactly what the extraction makes from the official UNSD M49 file.</summary>
public class CountriesTests
{
    private const string M49File = "data/m49/unsd_m49_methodology.csv";

    [Fact]
    public void The_embedded_country_list_equals_the_extract_of_the_official_M49_file()
    {
        using var csv = File.OpenRead(Path.Combine(SharedFolder(), M49File));

        var extracted = Countries.ExtractFromM49(csv);

        Assert.Equal(extracted, Countries.All);
    }

    [Fact]
    public void The_embedded_region_list_equals_the_extract_of_the_official_M49_file()
    {
        using var csv = File.OpenRead(Path.Combine(SharedFolder(), M49File));

        var extracted = Regions.ExtractFromM49(csv);

        Assert.Equal(extracted, Regions.All);
        Assert.Equal("Sub-Saharan Africa", Regions.Find("202")?.Name);
        Assert.Equal("002", Regions.Find("202")?.Parent);
        Assert.Equal("Philippines", Regions.PlaceName("608"));
        Assert.Equal("World", Regions.PlaceName("001"));
        Assert.Null(Regions.PlaceName("999"));
    }

    [Fact]
    public void Countries_are_found_by_ISO3_in_any_case_and_unknown_codes_are_not()
    {
        Assert.Equal("Kenya", Countries.Find("KEN")?.Name);
        Assert.Equal("KEN", Countries.Find(" ken ")?.Iso3);
        Assert.Null(Countries.Find("KE"));
        Assert.Null(Countries.Find("XYZ"));
        Assert.Null(Countries.Find(""));
        Assert.Null(Countries.Find(null));
    }

    [Fact]
    public void Every_country_has_unique_codes_and_a_region()
    {
        Assert.True(Countries.All.Count > 240, $"only {Countries.All.Count} countries");
        Assert.Equal(Countries.All.Count, Countries.All.Select(c => c.Iso3).Distinct().Count());
        Assert.All(Countries.All, c =>
        {
            Assert.Matches("^[A-Z]{3}$", c.Iso3);
            Assert.Matches("^[0-9]{3}$", c.M49);
            Assert.False(string.IsNullOrWhiteSpace(c.Name));
        });
    }

    /// <summary>
    /// ../shared next to the repository, found by walking up from the test binaries to a folder that holds
    /// shared/data (the repository's parent).
    /// </summary>
    private static string SharedFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (File.Exists(Path.Combine(candidate, M49File))) return candidate;
        }
        Assert.Fail($"No shared/{M49File} in any folder above {AppContext.BaseDirectory}. The tests expect the programme's " +
                    "shared data next to the repository (../shared/data/m49/unsd_m49_methodology.csv).");
        return "";
    }
}
