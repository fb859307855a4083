using Nexus.Web.Features.Data.Import;

namespace Nexus.Tests.Data;

/// <summary>The yyyy-mm-dd dates of World Bank files and Nexus extracts, read without the culture's calendar.</summary>
public class IsoDateTests
{
    [Theory]
    [InlineData("2021-09-15", 2021, 9, 15)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData("0001-01-01", 1, 1, 1)]
    [InlineData("9999-12-31", 9999, 12, 31)]
    public void Reads_days_that_exist(string text, int year, int month, int day)
    {
        Assert.True(IsoDate.TryParse(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2021-9-15")]
    [InlineData("2021-09-15 ")]
    [InlineData("2021/09/15")]
    [InlineData("2023-02-29")]
    [InlineData("2021-13-01")]
    [InlineData("2021-00-10")]
    [InlineData("2021-04-31")]
    [InlineData("0000-01-01")]
    [InlineData("２０２１-09-15")]
    [InlineData("2021-09-1x")]
    [InlineData("<script>1</")]
    public void Refuses_anything_else(string? text)
    {
        Assert.False(IsoDate.TryParse(text, out var date));
        Assert.Equal(default, date);
    }

    /// <summary>Every day of four years, leap years included, as the culture's own parser reads it.</summary>
    [Fact]
    public void Agrees_with_the_framework_on_every_day_of_four_years()
    {
        for (var d = new DateOnly(2022, 1, 1); d < new DateOnly(2026, 1, 1); d = d.AddDays(1))
        {
            var text = d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(IsoDate.TryParse(text, out var read), text);
            Assert.Equal(d, read);
        }
    }
}
