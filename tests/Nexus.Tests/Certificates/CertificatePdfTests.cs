using Microsoft.EntityFrameworkCore;
using System.Net;
using Nexus.Tests.Pages;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Certificates;
using Nexus.Web.Infrastructure;

namespace Nexus.Tests.Certificates;

/// <summary>
/// The certificate PDF read back by real tools: poppler's pdftotext finds the holder and the code, pdftoppm renders
/// the page, and zbar decodes the QR code on the rendered image to the verification address.
/// </summary>
public class CertificatePdfTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Certificate Certificate, PageSession Holder)> IssueToASignedInHolderAsync(string name)
    {
        var (session, user) = await PageSession.SignedInAsync(App, Roles.Participant);
        var c = await App.With<CertificateService, Certificate?>(s => s.IssueAsync(new CertificateInput(CertificateKind.CourseCompletion, name,
            user.Email, user.Id, "International migration law", new DateOnly(2010, 2, 1), new DateOnly(2010, 3, 26), 24m), "tests", new FieldErrors(), Ct));
        return (c!, session);
    }

    [Fact]
    public async Task The_pdf_holds_the_holder_and_code_and_its_qr_code_decodes_to_the_verification_address()
    {
        var (c, holder) = await IssueToASignedInHolderAsync("Aïssatou Ndiaye-Ölçer");
        var response = await holder.Client.GetAsync($"/certificates/{c.Code}.pdf", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var dir = Directory.CreateTempSubdirectory("nexus-cert-");
        try
        {
            var pdf = Path.Combine(dir.FullName, "certificate.pdf");
            await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync(Ct), Ct);

            var text = ExternalTools.Run("pdftotext", "-layout", pdf, "-");
            Assert.Contains("Aïssatou Ndiaye-Ölçer", text);
            Assert.Contains(CertificateCode.Display(c.Code), text);
            Assert.Contains("International migration law", text);
            Assert.Contains("Certificate of completion", text);

            ExternalTools.Run("pdftoppm", "-png", "-r", "150", "-singlefile", pdf, Path.Combine(dir.FullName, "page"));
            var png = Path.Combine(dir.FullName, "page.png");
            Assert.True(File.Exists(png), "pdftoppm rendered no page");
            var decoded = ExternalTools.Run("zbarimg", "--quiet", "--raw", png).Trim();
            Assert.EndsWith($"/certificates/verify/{CertificateCode.Display(c.Code)}", decoded);

            // The decoded address is the public verification page, and it says valid.
            var (page, html) = await PageSession.Anonymous(App).GetAsync(new Uri(decoded).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("data-status=\"valid\"", html);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public async Task Only_the_holder_and_staff_download_the_pdf()
    {
        var (c, _) = await IssueToASignedInHolderAsync("Tigist Bekele");
        var (other, _) = await PageSession.SignedInAsync(App, Roles.Participant);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/certificates/{c.Code}.pdf", Ct)).StatusCode);
        var anonymous = await App.CreateClient().GetAsync($"/certificates/{c.Code}.pdf", Ct);
        Assert.True(anonymous.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, $"{(int)anonymous.StatusCode}");
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync($"/certificates/{CertificateCode.Display(c.Code).ToLowerInvariant()}.pdf", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.Client.GetAsync("/certificates/ZZZZZ-ZZZZZ.pdf", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_certificate_issued_to_an_address_downloads_for_the_account_that_confirmed_it()
    {
        var (session, user) = await PageSession.SignedInAsync(App, Roles.Participant);
        var c = await App.With<CertificateService, Certificate?>(s => s.IssueAsync(new CertificateInput(CertificateKind.CourseCompletion, "Rania Haddad",
            user.Email!.ToUpperInvariant(), null, "International migration law", new DateOnly(2010, 2, 1), new DateOnly(2010, 3, 26), 24m), "tests", new FieldErrors(), Ct));
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync($"/certificates/{c!.Code}.pdf", Ct)).StatusCode);

        // The same address on an account that has not confirmed it is not enough.
        await App.Db(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, false), Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/certificates/{c.Code}.pdf", Ct)).StatusCode);
    }
}
