using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Certificates;
using Nexus.Web.Infrastructure;

namespace Nexus.Tests.Certificates;

/// <summary>Issuing, verifying (page and API), revoking and reissuing certificates on a real database.</summary>
public abstract class CertificateTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Certificate?> IssueAsync(string name, string email, int? eventId = null) =>
        App.With<CertificateService, Certificate?>(s => s.IssueAsync(new CertificateInput(CertificateKind.EventAttendance, name, email, null,
            "Migration and development: the economic crisis", new DateOnly(2009, 3, 12), new DateOnly(2009, 3, 12), 3m, eventId), "tests", new FieldErrors(), Ct));

    private async Task<System.Text.Json.Nodes.JsonNode> ApiAsync(string code) =>
        await (await App.CreateClient().GetAsync($"/api/v1/certificates/{Uri.EscapeDataString(code)}", Ct)).JsonAsync();

    [Fact]
    public async Task A_valid_certificate_verifies_by_api_and_page_and_reveals_no_email()
    {
        var c = (await IssueAsync("Amina Diallo", "amina.cert@example.org"))!;
        var json = await ApiAsync(CertificateCode.Display(c.Code).ToLowerInvariant());
        Assert.Equal("valid", (string?)json["status"]);
        Assert.Equal("Amina Diallo", (string?)json["holder"]);
        Assert.Equal("Migration and development: the economic crisis", (string?)json["title"]);
        Assert.NotNull((string?)json["issuedAt"]);
        Assert.DoesNotContain("amina.cert@example.org", json.ToJsonString());

        var (response, html) = await PageSession.Anonymous(App).GetAsync($"/certificates/verify/{c.Code}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-status=\"valid\"", html);
        Assert.Contains("Amina Diallo", html);
        Assert.DoesNotContain("amina.cert@example.org", html);
    }

    [Theory]
    [InlineData("ZZZZZ-ZZZZZ")]
    [InlineData("not-a-code")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("' OR '1'='1")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    public async Task An_unknown_or_malformed_code_is_an_answer_not_an_error(string code)
    {
        var response = await App.CreateClient().GetAsync($"/api/v1/certificates/{Uri.EscapeDataString(code)}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal("unknown", (string?)json["status"]);
        Assert.Null(json["holder"]);

        var (page, html) = await PageSession.Anonymous(App).GetAsync($"/certificates/verify?code={Uri.EscapeDataString(code)}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-status=\"unknown\"", html);
        Assert.DoesNotContain("<script>alert(1)", html);
    }

    [Fact]
    public async Task A_revoked_certificate_says_so_with_the_reason_and_a_reissue_keeps_the_code()
    {
        var c = (await IssueAsync("Kwame Mensah", "kwame.cert@example.org"))!;
        var errors = new FieldErrors();
        Assert.True(await App.With<CertificateService, bool>(s => s.RevokeAsync(c.Code, "Issued for the wrong session", errors, Ct)));
        var json = await ApiAsync(c.Code);
        Assert.Equal("revoked", (string?)json["status"]);
        Assert.Equal("Issued for the wrong session", (string?)json["revocationReason"]);
        var (_, html) = await PageSession.Anonymous(App).GetAsync($"/certificates/verify/{c.Code}");
        Assert.Contains("data-status=\"revoked\"", html);
        Assert.Contains("Issued for the wrong session", html);

        var again = await App.With<CertificateService, Certificate?>(s => s.ReissueAsync(c.Code, "Kwame A. Mensah", c.Title, "tests", new FieldErrors(), Ct));
        Assert.Equal(c.Code, again!.Code);
        Assert.Equal(2, again.Issue);
        json = await ApiAsync(c.Code);
        Assert.Equal("valid", (string?)json["status"]);
        Assert.Equal("Kwame A. Mensah", (string?)json["holder"]);
    }

    [Fact]
    public async Task Revoking_needs_a_reason()
    {
        var c = (await IssueAsync("Leila Haddad", "leila.cert@example.org"))!;
        var errors = new FieldErrors();
        Assert.False(await App.With<CertificateService, bool>(s => s.RevokeAsync(c.Code, "  ", errors, Ct)));
        Assert.True(errors.ToDictionary().ContainsKey("reason"));
        Assert.Equal("valid", (string?)(await ApiAsync(c.Code))["status"]);
    }

    [Fact]
    public async Task One_attendance_certificate_per_person_and_event()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var first = await IssueAsync("Priya Sharma", "priya.cert@example.org", ev.Id);
        var second = await IssueAsync("Priya Sharma", "priya.cert@example.org", ev.Id);
        Assert.Equal(first!.Code, second!.Code);
        Assert.Equal(1, await App.Db(db => db.Certificates.CountAsync(c => c.EventId == ev.Id, Ct)));
    }

    [Theory]
    [InlineData("", "A title", "holderName")]
    [InlineData("A name", "", "title")]
    public async Task Issuing_refuses_missing_fields_and_stores_nothing(string name, string title, string field)
    {
        var before = await App.Db(db => db.Certificates.CountAsync(Ct));
        var errors = new FieldErrors();
        var c = await App.With<CertificateService, Certificate?>(s => s.IssueAsync(new CertificateInput(CertificateKind.CourseCompletion, name, null, null, title,
            new DateOnly(2010, 1, 1), new DateOnly(2010, 2, 1), 20m), "tests", errors, Ct));
        Assert.Null(c);
        Assert.True(errors.ToDictionary().ContainsKey(field));
        Assert.Equal(before, await App.Db(db => db.Certificates.CountAsync(Ct)));
    }
}

public sealed class CertificateTestsOnSqlite(SqliteApp fixture) : CertificateTests(fixture), IClassFixture<SqliteApp>;
public sealed class CertificateTestsOnPostgres(PostgresApp fixture) : CertificateTests(fixture), IClassFixture<PostgresApp>;
