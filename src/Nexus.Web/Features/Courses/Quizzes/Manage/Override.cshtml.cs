using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Quizzes.Manage;

/// <summary>
/// Extra time or extra attempts for one learner at one quiz (e.g. an accessibility need, a lost connection).
/// Extra minutes apply to attempts started afterwards; extra attempts apply at once.
/// </summary>
public class OverrideModel(AppDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock) : LearnerPage(db, t)
{
    public const int MaxExtraMinutes = 1440;
    public const int MaxExtraAttempts = 100;
    public const int MaxNote = 500;

    public sealed class InputModel
    {
        public string? ExtraMinutes { get; set; }
        public string? ExtraAttempts { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public bool Exists { get; private set; }

    public async Task<IActionResult> OnGetAsync(int courseId, int quizId, int registrationId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, quizId, registrationId, ct)) return NotFound();
        var o = await FindAsync(ct);
        Exists = o is not null;
        Input = new InputModel
        {
            ExtraMinutes = (o?.ExtraMinutes ?? 0).ToString(CultureInfo.InvariantCulture),
            ExtraAttempts = (o?.ExtraAttempts ?? 0).ToString(CultureInfo.InvariantCulture), Note = o?.Note,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int courseId, int quizId, int registrationId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, quizId, registrationId, ct)) return NotFound();
        var errors = new FieldErrors();
        var minutes = QuizSettings.Whole("minutes", Blank(Input.ExtraMinutes), 0, MaxExtraMinutes, errors) ?? 0;
        var attempts = QuizSettings.Whole("extra-attempts", Blank(Input.ExtraAttempts), 0, MaxExtraAttempts, errors) ?? 0;
        var note = errors.Text("note", Input.Note, MaxNote, required: false);
        var existing = await FindAsync(ct);
        Exists = existing is not null;
        if (errors.Any)
        {
            Show(errors);
            return Page();
        }
        var o = existing ?? new QuizOverride { QuizId = quizId, RegistrationId = registrationId };
        (o.ExtraMinutes, o.ExtraAttempts, o.Note) = (minutes, attempts, note);
        (o.At, o.ByUserId) = (clock.GetUtcNow().UtcDateTime, User.FindFirstValue(ClaimTypes.NameIdentifier));
        if (existing is null) Db.QuizOverrides.Add(o);
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (QuizService.IsUniqueViolation(e))
        {
            // Another member of staff added one at the same moment: theirs stands, and this form says so.
            Errors["minutes"] = Localizer["Someone else set an override for this learner at the same moment. Reload the page to see it."];
            return Page();
        }
        return Done(LearnersUrl, Localizer["Override saved for {0}.", Learner.Name]);
    }

    public async Task<IActionResult> OnPostRemoveAsync(int courseId, int quizId, int registrationId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, quizId, registrationId, ct)) return NotFound();
        await Db.QuizOverrides.Where(o => o.QuizId == quizId && o.RegistrationId == registrationId).ExecuteDeleteAsync(ct);
        return Done(LearnersUrl, Localizer["Override removed for {0}.", Learner.Name]);
    }

    private Task<QuizOverride?> FindAsync(CancellationToken ct) =>
        Db.QuizOverrides.FirstOrDefaultAsync(o => o.QuizId == Quiz.Id && o.RegistrationId == Learner.RegistrationId, ct);

    /// <summary>Blank means none: zero, not "no limit".</summary>
    private static string Blank(string? value) => string.IsNullOrWhiteSpace(value) ? "0" : value;
}
