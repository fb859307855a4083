using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Certificates;

public enum AttendanceCertificateRefusal { None, NotFound, EventDoesNotIssue, CourseEvent, NotAttended }

/// <summary>When a participant may have a certificate of attendance, free of any database.</summary>
public static class AttendanceCertificateRules
{
    public static AttendanceCertificateRefusal Check(Event e, RegistrationStatus status) =>
        // A course run and its sessions lead to a completion certificate, never to one per session.
        e.Kind is EventKind.Course or EventKind.CourseSession ? AttendanceCertificateRefusal.CourseEvent
        : !e.IssuesCertificates ? AttendanceCertificateRefusal.EventDoesNotIssue
        : status != RegistrationStatus.Attended ? AttendanceCertificateRefusal.NotAttended
        : AttendanceCertificateRefusal.None;

    /// <summary>The English message for a refusal, a resource key.</summary>
    public static string Message(AttendanceCertificateRefusal refusal) => refusal switch
    {
        AttendanceCertificateRefusal.NotFound => "No such registration.",
        AttendanceCertificateRefusal.EventDoesNotIssue => "This event does not issue certificates of attendance.",
        AttendanceCertificateRefusal.CourseEvent => "Course participants receive a certificate of completion instead.",
        AttendanceCertificateRefusal.NotAttended => "Only participants recorded as present can receive a certificate of attendance.",
        _ => "",
    };
}

public sealed record AttendanceCertificateResult(AttendanceCertificateRefusal Refusal, Certificate? Certificate = null);

/// <summary>
/// Certificates of attendance for seminars that offer them: one per person and event (the unique index on event and
/// holder email, and <see cref="CertificateService.IssueAsync"/> returning an existing one, keep it so).
/// </summary>
public sealed class AttendanceCertificates(AppDbContext db, CertificateService certificates)
{
    public async Task<AttendanceCertificateResult> IssueAsync(int registrationId, string issuedBy, CancellationToken ct)
    {
        var r = await db.Registrations.AsNoTracking().Include(x => x.Event).FirstOrDefaultAsync(x => x.Id == registrationId, ct);
        if (r?.Event is not { } e) return new(AttendanceCertificateRefusal.NotFound);
        var refusal = AttendanceCertificateRules.Check(e, r.Status);
        if (refusal != AttendanceCertificateRefusal.None) return new(refusal);
        var start = DateOnly.FromDateTime(EventQueries.Local(e.StartsAt, e.TimeZone).DateTime);
        var end = DateOnly.FromDateTime(EventQueries.Local(e.EndsAt, e.TimeZone).DateTime);
        var input = new CertificateInput(CertificateKind.EventAttendance, r.FullName, r.Email, await CertificateHolders.UserIdAsync(db, r, ct),
            e.Title, start, end < start ? start : end, e.CertificateHours is > 0 ? e.CertificateHours : null, EventId: e.Id);
        var errors = new FieldErrors();
        var certificate = await certificates.IssueAsync(input, issuedBy, errors, ct);
        // Registration and event fields are validated where they are written, so this fails only on data written around them.
        return certificate is null ? throw new InvalidOperationException(string.Join("; ", errors.ToDictionary().Select(x => $"{x.Key}: {string.Join(" ", x.Value)}")))
            : new(AttendanceCertificateRefusal.None, certificate);
    }

    /// <summary>Issues a certificate to every participant of the event recorded as present. Returns how many are new.</summary>
    public async Task<(int Issued, AttendanceCertificateRefusal Refusal)> IssueAllAsync(int eventId, string issuedBy, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == eventId, ct);
        if (e is null) return (0, AttendanceCertificateRefusal.NotFound);
        var refusal = AttendanceCertificateRules.Check(e, RegistrationStatus.Attended);
        if (refusal != AttendanceCertificateRefusal.None) return (0, refusal);
        var present = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Attended).Select(r => r.Id).ToListAsync(ct);
        var before = await db.Certificates.CountAsync(c => c.EventId == eventId, ct);
        foreach (var id in present) await IssueAsync(id, issuedBy, ct);
        return (await db.Certificates.CountAsync(c => c.EventId == eventId, ct) - before, AttendanceCertificateRefusal.None);
    }
}

public static class CertificateHolders
{
    /// <summary>
    /// The account a certificate belongs to, so its holder can download it: the one that registered, or else the
    /// account that has confirmed the registration's email (staff may register someone before they sign up).
    /// </summary>
    public static async Task<string?> UserIdAsync(AppDbContext db, Registration r, CancellationToken ct) =>
        r.UserId ?? await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == r.NormalizedEmail && u.EmailConfirmed)
            .Select(u => u.Id).FirstOrDefaultAsync(ct);
}
