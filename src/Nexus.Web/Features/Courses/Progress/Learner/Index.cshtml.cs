using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Certificates;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;

namespace Nexus.Web.Features.Courses.Progress.Learner;

public sealed record MyCourse(int RunId, string CourseTitle, string RunTitle, DateTimeOffset StartsAt, RegistrationStatus Status,
    int SessionsAttended, int SessionsTotal, decimal AttendancePercent, bool Completed, bool Active);

public sealed record MyEvent(int RegistrationId, int EventId, string Slug, string Title, DateTimeOffset StartsAt, string TimeZone,
    RegistrationStatus Status, bool CertificateAvailable, string? CertificateCode);

public sealed record MyCertificate(string Code, CertificateKind Kind, string Title, DateOnly StartDate, DateOnly EndDate, bool Revoked);

/// <summary>The learner's dashboard: my courses with progress, my event registrations, my certificates.</summary>
public class IndexModel(AppDbContext db, Enrolments enrolments, ProgressService progress, AttendanceCertificates attendanceCertificates,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public List<MyCourse> Courses { get; private set; } = [];
    public List<MyEvent> Events { get; private set; } = [];
    public List<MyCertificate> Certificates { get; private set; } = [];
    public bool EmailConfirmed { get; private set; }

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) =>
        Response.Headers.CacheControl = "no-store";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (userId, email) = await IdentityAsync(ct);
        if (userId is null) return Challenge();
        EmailConfirmed = email is not null;

        foreach (var e in await enrolments.AllForUserAsync(User, ct))
        {
            if (await progress.ForRegistrationAsync(e.RegistrationId, ct) is not { } p) continue;
            var run = p.Facts.Run;
            Courses.Add(new MyCourse(run.RunId, run.CourseTitle, run.RunTitle, EventQueries.Local(run.StartsAt, run.TimeZone), e.Status,
                p.Result.SessionsAttended, p.Result.SessionsTotal, p.Result.AttendancePercent, p.Completion is not null, e.Active));
        }

        // Course enrolments are registrations too; they are listed above, with their progress.
        var registrations = await db.Registrations.AsNoTracking()
            .Where(r => (r.UserId == userId || (email != null && r.NormalizedEmail == email)) && r.Event!.Kind != EventKind.Course)
            .OrderByDescending(r => r.Event!.StartsAt).Take(500)
            .Select(r => new
            {
                r.Id, r.EventId, r.Event!.Slug, r.Event.Title, r.Event.StartsAt, r.Event.TimeZone, r.Event.Kind, r.Event.IssuesCertificates, r.Status,
                Code = db.Certificates.Where(c => c.EventId == r.EventId && c.HolderEmail == r.Email).Select(c => c.Code).FirstOrDefault(),
            }).ToListAsync(ct);
        Events = registrations.Select(r => new MyEvent(r.Id, r.EventId, r.Slug, r.Title, EventQueries.Local(r.StartsAt, r.TimeZone), r.TimeZone, r.Status,
            AttendanceCertificateRules.Check(new Event { Title = r.Title, Kind = r.Kind, IssuesCertificates = r.IssuesCertificates }, r.Status)
                == AttendanceCertificateRefusal.None,
            r.Code)).ToList();

        Certificates = await db.Certificates.AsNoTracking()
            .Where(c => c.HolderUserId == userId || (email != null && c.HolderEmail != null && c.HolderEmail.ToUpper() == email))
            .OrderByDescending(c => c.EndDate).Take(500)
            .Select(c => new MyCertificate(c.Code, c.Kind, c.Title, c.StartDate, c.EndDate, c.RevokedAt != null))
            .ToListAsync(ct);
        return Page();
    }

    /// <summary>A certificate of attendance on request, for an event of mine that offers them and that I attended.</summary>
    public async Task<IActionResult> OnPostCertificateAsync(int registrationId, CancellationToken ct)
    {
        var (userId, email) = await IdentityAsync(ct);
        if (userId is null) return Challenge();
        var mine = await db.Registrations.AnyAsync(r => r.Id == registrationId && (r.UserId == userId || (email != null && r.NormalizedEmail == email)), ct);
        if (!mine) return NotFound();
        var result = await attendanceCertificates.IssueAsync(registrationId, User.Identity?.Name ?? userId, ct);
        TempData["Message"] = result.Certificate is { } c
            ? t["Your certificate {0} is ready.", CertificateCode.Display(c.Code)].Value
            : t[AttendanceCertificateRules.Message(result.Refusal)].Value;
        return Redirect("/learn");
    }

    /// <summary>The user id, and the normalised email only when the account has confirmed it (as <see cref="Enrolments"/> does).</summary>
    private async Task<(string? UserId, string? Email)> IdentityAsync(CancellationToken ct)
    {
        var id = User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return (null, null);
        var email = await db.Users.AsNoTracking().Where(u => u.Id == id && u.EmailConfirmed).Select(u => u.NormalizedEmail).FirstOrDefaultAsync(ct);
        return (id, email);
    }
}
