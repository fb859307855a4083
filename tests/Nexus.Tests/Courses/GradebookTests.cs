using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Certificates;
using Nexus.Web.Features.Courses.Progress;

namespace Nexus.Tests.Courses;

/// <summary>The run's gradebook: the table, its CSV and XLSX files, and revoking and reissuing certificates from it.</summary>
public class GradebookTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(CourseTestData.Built Built, string Code, PageSession Staff)> CompletedRunAsync()
    {
        var built = await CourseTestData.CourseAsync(App);
        var done = await ProgressTestData.DueLearnerAsync(App, built, fullName: "Zara Ahmed", email: TestData.UniqueEmail("zara"));
        var result = await App.With<ProgressService, CompletionResult>(s => s.RecordCompletionIfDueAsync(done.Id, Ct));
        var hostile = await CourseTestData.EnrolAsync(App, built.Run, TestData.UniqueEmail(), fullName: "=cmd|' /C calc'!A0");
        await ProgressTestData.AttendAsync(App, built.Sessions[0].Id, hostile.Id);
        await ProgressTestData.AttemptAsync(App, built.Quiz.Id, hostile.Id, 25);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        return (built, result.Completion!.CertificateCode!, staff);
    }

    [Fact]
    public async Task The_gradebook_shows_each_enrolment_with_attendance_grades_and_certificate()
    {
        var (built, code, staff) = await CompletedRunAsync();
        var (response, html) = await staff.GetAsync($"/courses/manage/runs/{built.Run.Id}/gradebook");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        html = WebUtility.HtmlDecode(html);
        Assert.Contains("Zara Ahmed", html);
        Assert.Contains("2 / 2 (100", html);
        Assert.Contains("1 / 2 (50", html);
        Assert.Contains(CertificateCode.Display(code), html);
        Assert.Contains("Check your understanding", html);
    }

    [Fact]
    public async Task The_csv_has_one_row_per_enrolment_and_neutralises_formulas()
    {
        var (built, code, staff) = await CompletedRunAsync();
        var (response, csv) = await staff.GetAsync($"/courses/manage/runs/{built.Run.Id}/gradebook?handler=Export&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("Name,Email,Organisation,Status,Sessions attended,Sessions,Attendance (%),Check your understanding (%),Complete,Completed on,Certificate,Certificate revoked", lines[0]);
        var zara = Assert.Single(lines, l => l.StartsWith("Zara Ahmed,"));
        Assert.Contains($",Confirmed,2,2,100,75,yes,", zara);
        Assert.EndsWith($",{CertificateCode.Display(code)},", zara);
        var hostile = Assert.Single(lines, l => l.Contains("calc"));
        Assert.StartsWith("'=cmd|", hostile);
        Assert.Contains(",1,2,50,25,no,,,", hostile);
    }

    [Fact]
    public async Task The_xlsx_opens_with_the_same_content()
    {
        var (built, code, staff) = await CompletedRunAsync();
        var response = await staff.Client.GetAsync($"/courses/manage/runs/{built.Run.Id}/gradebook?handler=Export&format=xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ProgressExport.XlsxType, response.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        var rows = ReadSheet(stream);

        Assert.Equal(3, rows.Count);
        Assert.Equal(["Name", "Email", "Organisation", "Status", "Sessions attended", "Sessions", "Attendance (%)", "Check your understanding (%)"], rows[0].Take(8));
        var zara = Assert.Single(rows, r => r[0] == "Zara Ahmed");
        Assert.Equal("2", zara[4]);
        Assert.Equal("100", zara[6]);
        Assert.Equal("75", zara[7]);
        Assert.Equal(CertificateCode.Display(code), zara[10]);
        Assert.Single(rows, r => r[0] == "'=cmd|' /C calc'!A0");
    }

    [Fact]
    public async Task Staff_revoke_with_a_reason_and_reissue_under_the_same_code()
    {
        var (built, code, staff) = await CompletedRunAsync();
        var url = $"/courses/manage/runs/{built.Run.Id}/gradebook";

        var noReason = await staff.PostFormAsync($"{url}?handler=Revoke&code={code}", new() { ["reason"] = "" }, formUrl: url);
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains($"href=\"#revoke-{code}-reason\"", await noReason.Content.ReadAsStringAsync(Ct));

        var page = await ProgressTestData.PostAndFollowAsync(staff, $"{url}?handler=Revoke&code={code}",
            new() { ["reason"] = "Issued by mistake: attendance sheet misread." }, formUrl: url);
        Assert.Contains($"Certificate {CertificateCode.Display(code)} revoked.", page);
        Assert.Contains("Issued by mistake: attendance sheet misread.", page);
        var verified = await App.With<CertificateService, Verification>(s => s.VerifyAsync(code, Ct));
        Assert.Equal(VerificationStatus.Revoked, verified.Status);

        await App.Db(db => db.Registrations.Where(r => r.FullName == "Zara Ahmed" && r.EventId == built.Run.EventId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.FullName, "Zara Ahmed Khan"), Ct));
        page = await ProgressTestData.PostAndFollowAsync(staff, $"{url}?handler=Reissue&code={CertificateCode.Display(code)}", [], formUrl: url);
        Assert.Contains($"Certificate {CertificateCode.Display(code)} reissued.", page);
        verified = await App.With<CertificateService, Verification>(s => s.VerifyAsync(code, Ct));
        Assert.Equal((VerificationStatus.Valid, "Zara Ahmed Khan"), (verified.Status, verified.Holder));
        Assert.Equal(2, await App.Db(db => db.Certificates.Where(c => c.Code == code).Select(c => c.Issue).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_certificate_of_another_run_cannot_be_revoked_from_this_gradebook()
    {
        var (built, code, staff) = await CompletedRunAsync();
        var other = await CourseTestData.CourseAsync(App);
        var url = $"/courses/manage/runs/{other.Run.Id}/gradebook";
        var response = await staff.PostFormAsync($"{url}?handler=Revoke&code={code}", new() { ["reason"] = "wrong run" }, formUrl: url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var garbage = await staff.PostFormAsync($"{url}?handler=Revoke&code=%3Cscript%3E", new() { ["reason"] = "x" }, formUrl: url);
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);
        Assert.Equal(VerificationStatus.Valid, (await App.With<CertificateService, Verification>(s => s.VerifyAsync(code, Ct))).Status);
        Assert.NotEqual(built.Run.Id, other.Run.Id);
    }

    [Fact]
    public async Task Learners_cannot_see_the_gradebook_or_its_files()
    {
        var built = await CourseTestData.CourseAsync(App);
        var (learner, _, _) = await CourseTestData.LearnerAsync(App, built.Run);
        foreach (var url in new[] { "", "?handler=Export&format=csv", "?handler=Export&format=xlsx" })
        {
            var (response, body) = await learner.GetAsync($"/courses/manage/runs/{built.Run.Id}/gradebook{url}");
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden
                        || response.Headers.Location?.OriginalString.Contains("/account/denied") == true, $"{url}: {(int)response.StatusCode}");
            Assert.DoesNotContain("@example.org", body);
        }
        var (anonymous, _) = await PageSession.Anonymous(App).GetAsync($"/courses/manage/runs/{built.Run.Id}/gradebook");
        Assert.StartsWith("/account/sign-in", anonymous.Headers.Location!.PathAndQuery);
    }

    /// <summary>Every row of the first sheet as text, shared strings resolved, read with the OpenXML SDK.</summary>
    private static List<string[]> ReadSheet(Stream stream)
    {
        using var doc = SpreadsheetDocument.Open(stream, false);
        var wb = doc.WorkbookPart!;
        var shared = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var sheet = wb.WorksheetParts.First().Worksheet;
        return sheet.Descendants<Row>().Select(row => row.Elements<Cell>().Select(c =>
        {
            var text = c.CellValue?.Text ?? c.InlineString?.InnerText ?? "";
            return c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(text, System.Globalization.CultureInfo.InvariantCulture)] : text;
        }).ToArray()).ToList();
    }
}
