using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Quizzes.Manage;

/// <summary>
/// A quiz's settings and the banks its questions are drawn from. Every save bumps the quiz's version, so two
/// people editing it at once do not silently overwrite each other.
/// </summary>
public class QuizModel(AppDbContext db, IStringLocalizer<SharedResource> t) : QuizManagePage(db, t)
{
    public const string FormId = "quiz-settings";

    public sealed record DrawRow(int Id, int BankId, string Bank, int? Count, int Available);
    public sealed record BankOption(int Id, string Name);

    public Quiz Quiz { get; private set; } = null!;
    public string ModuleTitle { get; private set; } = "";
    public List<DrawRow> Draws { get; private set; } = [];
    public List<BankOption> Banks { get; private set; } = [];
    public int Attempts { get; private set; }
    [BindProperty] public QuizSettings Input { get; set; } = new();
    [BindProperty] public string? DrawBank { get; set; }
    [BindProperty] public string? DrawCount { get; set; }

    public async Task<IActionResult> OnGetAsync(int courseId, int quizId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, quizId, ct)) return NotFound();
        Input = QuizSettings.From(Quiz);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int courseId, int quizId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, quizId, ct)) return NotFound();
        var quiz = await Db.Quizzes.FirstAsync(q => q.Id == quizId, ct);
        var errors = new FieldErrors();
        Input.ApplyTo(quiz, errors);
        if (Input.Published && !errors.Any && Draws.Sum(d => Math.Min(d.Count ?? int.MaxValue, d.Available)) == 0)
            errors.Add("published", "Add questions (a bank with questions that are not retired) before publishing the quiz.");
        if (errors.Any)
        {
            Show(errors);
            return Page();
        }
        // The version the form was shown with is the one the update expects to replace.
        var version = PostedVersion(Input.Version);
        Db.Entry(quiz).Property(q => q.Version).OriginalValue = version;
        quiz.Version = version + 1;
        if (await TrySaveAsync(ct)) return Done(QuizUrl(quizId), Localizer["Quiz saved."]);
        return Page();
    }

    public async Task<IActionResult> OnPostAddDrawAsync(int courseId, int quizId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, quizId, ct)) return NotFound();
        Input = QuizSettings.From(Quiz);
        var errors = new FieldErrors();
        var bank = int.TryParse(DrawBank, out var bankId) ? Banks.FirstOrDefault(b => b.Id == bankId) : null;
        if (bank is null) errors.Add("draw-bank", "Choose a question bank of this course.");
        var count = QuizSettings.Whole("draw-count", DrawCount, 1, QuizSettings.MaxDrawCount, errors);
        if (errors.Any)
        {
            Show(errors);
            return Page();
        }
        var quiz = await Db.Quizzes.FirstAsync(q => q.Id == quizId, ct);
        quiz.Version++;
        Db.QuizDraws.Add(new QuizDraw { QuizId = quizId, BankId = bank!.Id, Count = count, Order = Draws.Count == 0 ? 1 : Draws.Count + 1 });
        if (await TrySaveAsync(ct)) return Done(QuizUrl(quizId), Localizer["Questions added to the quiz."]);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveDrawAsync(int courseId, int quizId, int drawId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, quizId, ct)) return NotFound();
        Input = QuizSettings.From(Quiz);
        var draw = await Db.QuizDraws.FirstOrDefaultAsync(d => d.Id == drawId && d.QuizId == quizId, ct);
        if (draw is null) return NotFound();
        if (Quiz.Published && Draws.Count == 1)
        {
            Errors["draws"] = Localizer["Unpublish the quiz before removing its last questions."];
            return Page();
        }
        var quiz = await Db.Quizzes.FirstAsync(q => q.Id == quizId, ct);
        quiz.Version++;
        Db.QuizDraws.Remove(draw);
        if (await TrySaveAsync(ct)) return Done(QuizUrl(quizId), Localizer["Questions removed from the quiz."]);
        return Page();
    }

    private async Task<bool> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            await Db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            Errors[FormId] = Localizer["Someone else saved this quiz while you were editing it, so your changes were not saved. Reload the page to see theirs."];
            return false;
        }
    }

    private async Task<bool> LoadAsync(int courseId, int quizId, CancellationToken ct)
    {
        if (!await CourseAsync(courseId, ct)) return false;
        var row = await Db.Quizzes.AsNoTracking().Where(q => q.Id == quizId && q.Module!.CourseId == courseId)
            .Select(q => new { Quiz = q, Module = q.Module!.Title }).FirstOrDefaultAsync(ct);
        if (row is null) return false;
        (Quiz, ModuleTitle) = (row.Quiz, row.Module);
        Draws = await (from d in Db.QuizDraws.AsNoTracking()
                       join b in Db.QuestionBanks on d.BankId equals b.Id
                       where d.QuizId == quizId
                       orderby d.Order, d.Id
                       select new DrawRow(d.Id, b.Id, b.Name, d.Count, b.Questions.Count(q => !q.Retired))).ToListAsync(ct);
        Banks = await Db.QuestionBanks.AsNoTracking().Where(b => b.CourseId == courseId).OrderBy(b => b.Name)
            .Select(b => new BankOption(b.Id, b.Name)).ToListAsync(ct);
        Attempts = await Db.QuizAttempts.CountAsync(a => a.QuizId == quizId, ct);
        return true;
    }

    public string LearnersUrl => $"{QuizUrl(Quiz.Id)}/learners";
}
