using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Certificates;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Progress.Manage;

public sealed record GradebookRow(LearnerProgress Progress, string Organization)
{
    public Enrolment Enrolment => Progress.Enrolment;
}

/// <summary>
/// The run's gradebook: one row per enrolment with attendance, each quiz's counted grade and the certificate. Staff
/// export it, record a completion by hand, issue the certificates due, and revoke or reissue one.
/// </summary>
public class GradebookModel(AppDbContext db, ProgressService progress, CertificateService certificates, IStringLocalizer<SharedResource> t) : PageModel
{
    public RunFacts Facts { get; private set; } = null!;
    public List<GradebookRow> Rows { get; private set; } = [];
    public List<QuizInfo> Quizzes { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = new();

    public string? Err(string field) => Errors.TryGetValue(field, out var m) ? m : null;

    public async Task<IActionResult> OnGetAsync(int runId, CancellationToken ct) => await LoadAsync(runId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetExportAsync(int runId, string? format, CancellationToken ct)
    {
        if (!await LoadAsync(runId, ct)) return NotFound();
        var headers = ProgressExport.UniqueHeaders(new[]
            {
                t["Name"].Value, t["Email"].Value, t["Organisation"].Value, t["Status"].Value, t["Sessions attended"].Value, t["Sessions"].Value,
                t["Attendance (%)"].Value,
            }
            .Concat(Quizzes.Select(q => q.Title + " (%)"))
            .Concat([t["Complete"].Value, t["Completed on"].Value, t["Certificate"].Value, t["Certificate revoked"].Value]));
        var rows = Rows.Select(r =>
        {
            var p = r.Progress;
            var grades = Quizzes.Select(q => (object?)Grade(p, q.QuizId));
            var c = p.Completion;
            return (IReadOnlyList<object?>)new object?[]
                {
                    r.Enrolment.FullName, r.Enrolment.Email, r.Organization, t[EventText.RegistrationStatus(r.Enrolment.Status)].Value,
                    p.Result.SessionsAttended, p.Result.SessionsTotal, p.Result.AttendancePercent,
                }
                .Concat(grades)
                .Concat([c is not null || p.Result.Complete ? t["yes"].Value : t["no"].Value,
                    c?.CompletedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                    c?.CertificateCode is { } code ? CertificateCode.Display(code) : "",
                    c is { CertificateRevoked: true } ? t["yes"].Value : ""]).ToList();
        }).ToList();
        var name = $"gradebook-run-{runId}";
        return format == "xlsx"
            ? File(ProgressExport.Xlsx(t["Gradebook"].Value, headers, rows), ProgressExport.XlsxType, name + ".xlsx")
            : File(ProgressExport.Csv(headers, rows), ProgressExport.CsvType, name + ".csv");
    }

    public async Task<IActionResult> OnPostIssueCertificatesAsync(int runId, CancellationToken ct)
    {
        if (!await db.CourseRuns.AnyAsync(r => r.Id == runId, ct)) return NotFound();
        var issued = await progress.IssueCertificatesAsync(runId, Issuer, ct);
        TempData["Message"] = t["{0} certificates issued.", issued].Value;
        return Back(runId);
    }

    public async Task<IActionResult> OnPostCompleteAsync(int runId, int registrationId, string? reason, CancellationToken ct)
    {
        if (!await LearnerOfRunAsync(runId, registrationId, ct)) return NotFound();
        var errors = new FieldErrors();
        var result = await progress.RecordByHandAsync(registrationId, reason, UserId, Issuer, errors, ct);
        if (errors.Any) return await ShowErrorsAsync(runId, errors, $"complete-{registrationId}", ct);
        TempData["Message"] = result.CertificateError is null ? t["Completion recorded and certificate issued."].Value
            : t["Completion recorded, but the certificate could not be issued: {0}", result.CertificateError].Value;
        return Back(runId);
    }

    public async Task<IActionResult> OnPostRevokeAsync(int runId, string? code, string? reason, CancellationToken ct)
    {
        if (await CertificateOfRunAsync(runId, code, ct) is not { } c) return NotFound();
        var errors = new FieldErrors();
        await certificates.RevokeAsync(c.Code, reason, errors, ct);
        if (errors.Any) return await ShowErrorsAsync(runId, errors, $"revoke-{c.Code}", ct);
        TempData["Message"] = t["Certificate {0} revoked.", CertificateCode.Display(c.Code)].Value;
        return Back(runId);
    }

    /// <summary>Issues the certificate again under the same code, with the learner's name and the course title as they are now.</summary>
    public async Task<IActionResult> OnPostReissueAsync(int runId, string? code, CancellationToken ct)
    {
        if (await CertificateOfRunAsync(runId, code, ct) is not { } c) return NotFound();
        var current = await (from completion in db.CourseCompletions
                             where completion.CertificateCode == c.Code
                             select new { completion.Registration!.FullName, CourseTitle = completion.Run!.Course!.Title }).FirstOrDefaultAsync(ct);
        var errors = new FieldErrors();
        await certificates.ReissueAsync(c.Code, current?.FullName ?? c.HolderName, current?.CourseTitle ?? c.Title, Issuer, errors, ct);
        if (errors.Any) return await ShowErrorsAsync(runId, errors, $"revoke-{c.Code}", ct);
        TempData["Message"] = t["Certificate {0} reissued.", CertificateCode.Display(c.Code)].Value;
        return Back(runId);
    }

    /// <summary>Grade of a quiz for a learner, or null when not taken.</summary>
    public static decimal? Grade(LearnerProgress p, int quizId) =>
        p.Result.Modules.SelectMany(m => m.Quizzes).FirstOrDefault(q => q.QuizId == quizId)?.Percent;

    public static bool? Passed(LearnerProgress p, int quizId) =>
        p.Result.Modules.SelectMany(m => m.Quizzes).FirstOrDefault(q => q.QuizId == quizId) is { Percent: not null } q ? q.Passed : null;

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;
    private string Issuer => User.Identity?.Name ?? UserId;

    private RedirectResult Back(int runId) => Redirect($"/courses/manage/runs/{runId}/gradebook");

    private async Task<IActionResult> ShowErrorsAsync(int runId, FieldErrors errors, string prefix, CancellationToken ct)
    {
        // Each row has its own form, so the field ids carry the row: the summary links to the right box.
        Errors = errors.Localized(t).ToDictionary(e => $"{prefix}-{e.Key}", e => e.Value);
        await LoadAsync(runId, ct);
        return Page();
    }

    private Task<bool> LearnerOfRunAsync(int runId, int registrationId, CancellationToken ct) =>
        db.CourseRuns.AnyAsync(r => r.Id == runId && db.Registrations.Any(x => x.Id == registrationId && x.EventId == r.EventId), ct);

    private async Task<Certificate?> CertificateOfRunAsync(int runId, string? code, CancellationToken ct) =>
        CertificateCode.Normalize(code) is { } normalized
            ? await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Code == normalized && c.CourseRunId == runId, ct)
            : null;

    private async Task<bool> LoadAsync(int runId, CancellationToken ct)
    {
        if (await progress.RunFactsAsync(runId, ct) is not { } facts) return false;
        Facts = facts;
        Quizzes = facts.Quizzes.Where(q => q.Published).ToList();
        var inactive = RegistrationRules.Inactive;
        var learners = await db.Registrations.AsNoTracking().Where(r => r.EventId == facts.Run.EventId && !inactive.Contains(r.Status))
            .OrderBy(r => r.FullName).ThenBy(r => r.Id)
            .Select(r => new { Enrolment = new Enrolment(r.Id, runId, facts.Run.CourseId, r.FullName, r.Email, r.Status), r.Organization })
            .ToListAsync(ct);
        var all = await progress.ForRunAsync(facts, learners.Select(l => l.Enrolment).ToList(), ct);
        Rows = all.Select((p, i) => new GradebookRow(p, learners[i].Organization)).ToList();
        return true;
    }
}
