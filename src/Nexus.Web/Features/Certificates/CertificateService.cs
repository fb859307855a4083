using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Certificates;

public enum VerificationStatus { Valid, Revoked, Unknown }

/// <summary>What the public may learn from a code: whose it is and what they completed, nothing else.</summary>
public sealed record Verification(VerificationStatus Status, string? Code, string? Holder, string? Title, CertificateKind? Kind,
    DateOnly? StartDate, DateOnly? EndDate, decimal? Hours, DateTime? IssuedAt, DateTime? RevokedAt, string? RevocationReason)
{
    public static readonly Verification Unknown = new(VerificationStatus.Unknown, null, null, null, null, null, null, null, null, null, null);
}

public sealed record CertificateInput(CertificateKind Kind, string? HolderName, string? HolderEmail, string? HolderUserId, string? Title,
    DateOnly? StartDate, DateOnly? EndDate, decimal? Hours, int? EventId = null, int? CourseRunId = null);

/// <summary>Issues, revokes, reissues and verifies certificates; the one place that writes them.</summary>
public sealed class CertificateService(AppDbContext db, TimeProvider clock)
{
    public async Task<Verification> VerifyAsync(string? typed, CancellationToken ct)
    {
        // A malformed code is answered like an unknown one: the page and the API never tell a guesser more.
        if (CertificateCode.Normalize(typed) is not { } code) return Verification.Unknown;
        var c = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(x => x.Code == code, ct);
        if (c is null) return Verification.Unknown;
        return new Verification(c.Revoked ? VerificationStatus.Revoked : VerificationStatus.Valid, c.Code, c.HolderName, c.Title, c.Kind,
            c.StartDate, c.EndDate, c.Hours, c.IssuedAt, c.RevokedAt, c.RevocationReason);
    }

    /// <summary>Issues a new certificate under a new code. An existing one for the same person and event or run is returned as it is.</summary>
    public async Task<Certificate?> IssueAsync(CertificateInput input, string issuedBy, FieldErrors errors, CancellationToken ct)
    {
        var holder = errors.Text("holderName", input.HolderName, 200, required: true);
        var title = errors.Text("title", input.Title, 300, required: true);
        var email = input.HolderEmail is null ? null : errors.Email("holderEmail", input.HolderEmail, required: false);
        if (input.StartDate is null) errors.Add("startDate", "Enter the first day.");
        if (input.EndDate is null) errors.Add("endDate", "Enter the last day.");
        if (input.StartDate is { } s && input.EndDate is { } e && e < s) errors.Add("endDate", "The last day is before the first.");
        if (input.Hours is { } h && (h <= 0 || h > 2000)) errors.Add("hours", "Hours must be more than 0 and at most 2000.");
        if (errors.Any) return null;
        var holderEmail = string.IsNullOrEmpty(email) ? null : email;
        if (await ExistingAsync(input, holderEmail, ct) is { } existing) return existing;
        for (var attempt = 0; ; attempt++)
        {
            var certificate = new Certificate
            {
                Code = CertificateCode.New(), Kind = input.Kind, HolderName = holder, HolderEmail = holderEmail,
                HolderUserId = input.HolderUserId, Title = title, StartDate = input.StartDate!.Value, EndDate = input.EndDate!.Value,
                Hours = input.Hours, EventId = input.EventId, CourseRunId = input.CourseRunId,
                IssuedAt = clock.GetUtcNow().UtcDateTime, IssuedBy = Cut(issuedBy, 200),
            };
            db.Certificates.Add(certificate);
            try
            {
                await db.SaveChangesAsync(ct);
                return certificate;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // A code collision (one in 2^45 per pair) or a simultaneous issue for the same person: look again.
                db.Entry(certificate).State = EntityState.Detached;
                if (await ExistingAsync(input, holderEmail, ct) is { } raced) return raced;
            }
        }
    }

    public async Task<bool> RevokeAsync(string code, string? reason, FieldErrors errors, CancellationToken ct)
    {
        var why = errors.Text("reason", reason, 500, required: true);
        if (errors.Any) return false;
        var c = await db.Certificates.FirstOrDefaultAsync(x => x.Code == code, ct);
        if (c is null) { errors.Add("reason", "This certificate does not exist."); return false; }
        c.RevokedAt = clock.GetUtcNow().UtcDateTime;
        c.RevocationReason = why;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Issues the certificate again under the same code, with corrections, and lifts a revocation.</summary>
    public async Task<Certificate?> ReissueAsync(string code, string? holderName, string? title, string issuedBy, FieldErrors errors, CancellationToken ct)
    {
        var holder = errors.Text("holderName", holderName, 200, required: true);
        var what = errors.Text("title", title, 300, required: true);
        if (errors.Any) return null;
        var c = await db.Certificates.FirstOrDefaultAsync(x => x.Code == code, ct);
        if (c is null) { errors.Add("holderName", "This certificate does not exist."); return null; }
        c.HolderName = holder;
        c.Title = what;
        c.Issue++;
        c.IssuedAt = clock.GetUtcNow().UtcDateTime;
        c.IssuedBy = Cut(issuedBy, 200);
        c.RevokedAt = null;
        c.RevocationReason = null;
        await db.SaveChangesAsync(ct);
        return c;
    }

    /// <summary>The certificate this person already holds for the same event or course run, if any.</summary>
    private async Task<Certificate?> ExistingAsync(CertificateInput input, string? email, CancellationToken ct) =>
        input.EventId is null && input.CourseRunId is null ? null
            : await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.HolderEmail == email
                && ((input.EventId != null && c.EventId == input.EventId) || (input.CourseRunId != null && c.CourseRunId == input.CourseRunId)), ct);

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
