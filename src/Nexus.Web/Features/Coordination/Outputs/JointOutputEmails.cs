using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Email;
using Nexus.Web.Infrastructure.Localization;

namespace Nexus.Web.Features.Coordination.Outputs;

/// <summary>
/// Tells the focal points of the agencies asked to sign off that an output is out for comments. Queued in the
/// outbox in the caller's transaction: no email for a circulation that was rolled back.
/// </summary>
public sealed class JointOutputEmails(AppDbContext db, IStringLocalizer<SharedResource> t, Links links, TimeProvider clock)
{
    public const string CirculatedKind = "joint-output-circulated";

    public async Task CirculatedAsync(JointOutput output, IReadOnlyCollection<string> agencies, IReadOnlyDictionary<string, string> acronyms,
        CancellationToken ct)
    {
        var focalRole = await db.Roles.Where(r => r.Name == Roles.AgencyFocalPoint).Select(r => r.Id).FirstOrDefaultAsync(ct);
        if (focalRole is null) return;
        var recipients = await db.Users
            .Where(u => u.AgencyCode != null && agencies.Contains(u.AgencyCode) && u.Email != null
                        && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == focalRole))
            .OrderBy(u => u.Email).Select(u => new { Email = u.Email!, u.FullName, u.Language, AgencyCode = u.AgencyCode! })
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var url = links.To($"/coordination/space/outputs/{output.Id}");
        foreach (var r in recipients)
        {
            using var _ = SupportedCultures.Use(r.Language);
            string Line(string text, params object[] args) => string.Format(CultureInfo.CurrentCulture, t[text], args);
            var agency = acronyms.GetValueOrDefault(r.AgencyCode, r.AgencyCode);
            var body = new StringBuilder();
            body.AppendLine(string.IsNullOrWhiteSpace(r.FullName) ? t["Hello,"] : Line("Dear {0},", r.FullName)).AppendLine();
            body.AppendLine(Line("The chair has circulated \"{0}\" ({1}, led by {2}) to the member agencies for comments and sign-off.",
                output.Title, JointOutputText.Kind(output.Kind, t), acronyms.GetValueOrDefault(output.LeadAgencyCode, output.LeadAgencyCode))).AppendLine();
            body.AppendLine(Line("Comments are due by {0}. Please endorse it or object for {1} by {2}: after that day, an agency that has not answered is taken as not objecting.",
                output.CommentsDue!.Value.ToString("D", CultureInfo.CurrentCulture), agency,
                output.NoObjectionDeadline!.Value.ToString("D", CultureInfo.CurrentCulture))).AppendLine();
            body.AppendLine(Line("Read the text, comment and answer here: {0}", url)).AppendLine();
            body.AppendLine(t["Nexus: the migration and development programme."]);
            db.Outbox.Add(new OutboxMessage
            {
                To = r.Email, Kind = CirculatedKind, Subject = Line("For sign-off: {0}", output.Title), TextBody = body.ToString(),
                CreatedAt = now, NextAttemptAt = now,
            });
        }
    }
}
