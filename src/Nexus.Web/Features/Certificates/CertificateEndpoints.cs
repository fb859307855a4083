using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Certificates;

public static class CertificateEndpoints
{
    /// <summary>
    /// The PDF, for its holder (signed in) and for staff. Anyone else gets 404, as for a code that does not exist:
    /// the verification page is the public view.
    /// </summary>
    public static IEndpointRouteBuilder MapCertificateFiles(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/certificates/{code}.pdf", async (string code, ClaimsPrincipal user, AppDbContext db, Links links,
            IOptions<NexusOptions> options, CancellationToken ct) =>
        {
            if (CertificateCode.Normalize(code) is not { } codeValue) return Results.NotFound();
            var c = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(x => x.Code == codeValue, ct);
            var staff = user.IsInRole(Roles.ProgrammeStaff) || user.IsInRole(Roles.Administrator);
            if (c is null) return Results.NotFound();
            var me = user.FindFirstValue(ClaimTypes.NameIdentifier);
            var holder = c.HolderUserId is { } id && me == id;
            // A certificate issued to an address (staff enrolled the person before they had an account) belongs to
            // the account that has proven that address, as registrations do.
            if (!holder && c.HolderEmail is { } email && me is not null)
            {
                var normalized = email.ToUpperInvariant();
                holder = await db.Users.AnyAsync(u => u.Id == me && u.EmailConfirmed && u.NormalizedEmail == normalized, ct);
            }
            if (!(staff || holder)) return Results.NotFound();
            var pdf = CertificatePdf.Write(c, links.To($"/certificates/verify/{CertificateCode.Display(c.Code)}"), options.Value.OrganisationName);
            return Results.File(pdf, "application/pdf", $"certificate-{CertificateCode.Display(c.Code)}.pdf");
        }).RequireAuthorization();
        return routes;
    }
}
