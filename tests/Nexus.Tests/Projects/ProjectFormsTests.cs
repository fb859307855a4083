using Nexus.Web.Features.Projects;
using Nexus.Web.Infrastructure;

namespace Nexus.Tests.Projects;

/// <summary>The parsing rules of the staff forms, without a database.</summary>
public class ProjectFormsTests
{
    [Theory]
    [InlineData("https://example.org/report.pdf", true)]
    [InlineData("http://europafrica.files.wordpress.com/2009/08/report.pdf", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,hi", false)]
    [InlineData("ftp://example.org/x", false)]
    [InlineData("/relative", false)]
    public void Evidence_must_be_an_http_or_https_address(string url, bool ok)
    {
        var errors = new FieldErrors();
        var result = ProjectForms.Url("evidence", url, errors);
        Assert.Equal(ok, !errors.Any);
        Assert.Equal(ok ? url : null, result);
    }

    [Fact]
    public void Countries_are_upper_cased_deduplicated_and_checked()
    {
        var errors = new FieldErrors();
        Assert.Equal(["BEL", "ETH"], ProjectForms.Countries("countries", "bel, ETH\nBEL", errors));
        Assert.False(errors.Any);
        ProjectForms.Countries("countries", "BEL, QQQ", errors);
        Assert.Contains("QQQ", Assert.Single(errors.ToDictionary()["countries"]));
    }

    [Theory]
    [InlineData("1000.50", 1000.50)]
    [InlineData("1,000", 1000.0)]
    [InlineData("", null)]
    public void Budgets_parse(string text, double? expected)
    {
        var errors = new FieldErrors();
        Assert.Equal(expected is null ? null : (decimal)expected, ProjectForms.Budget("budget", text, errors));
        Assert.False(errors.Any);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("1.234")]
    [InlineData("ten")]
    public void Bad_budgets_are_refused(string text)
    {
        var errors = new FieldErrors();
        Assert.Null(ProjectForms.Budget("budget", text, errors));
        Assert.True(errors.ToDictionary().ContainsKey("budget"));
    }

    [Fact]
    public void An_empty_slug_is_made_from_the_title()
    {
        var errors = new FieldErrors();
        Assert.Equal("migration-and-development", ProjectForms.Slug("slug", "", "Migration and Development", errors));
        Assert.False(errors.Any);
        ProjectForms.Slug("slug", "Bad Slug", "x", errors);
        Assert.True(errors.ToDictionary().ContainsKey("slug"));
    }
}
