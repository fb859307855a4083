using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Quizzes.Manage;

/// <summary>One question bank: its name, its questions (retired ones are drawn no more), adding a question.</summary>
public class BankModel(AppDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock) : QuizManagePage(db, t)
{
    public sealed record Row(int Id, QuestionKind Kind, string Text, decimal Points, bool Retired, int Answered);

    public QuestionBank Bank { get; private set; } = null!;
    public List<Row> Questions { get; private set; } = [];
    [BindProperty] public string? Name { get; set; }

    public async Task<IActionResult> OnGetAsync(int courseId, int bankId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, bankId, ct)) return NotFound();
        Name = Bank.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync(int courseId, int bankId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, bankId, ct)) return NotFound();
        var errors = new FieldErrors();
        var name = errors.Text("name", Name, BanksModel.MaxName, required: true);
        if (!errors.Any && await Db.QuestionBanks.AnyAsync(b => b.CourseId == courseId && b.Name == name && b.Id != bankId, ct))
            errors.Add("name", "This course already has a bank of that name.");
        if (!errors.Any)
        {
            try
            {
                await Db.QuestionBanks.Where(b => b.Id == bankId).ExecuteUpdateAsync(s => s.SetProperty(b => b.Name, name), ct);
                return Done(BankUrl(bankId), Localizer["Question bank renamed."]);
            }
            catch (DbUpdateException e) when (QuizService.IsUniqueViolation(e))
            {
                errors.Add("name", "This course already has a bank of that name.");
            }
        }
        Show(errors);
        return Page();
    }

    public Task<IActionResult> OnPostRetireAsync(int courseId, int bankId, int questionId, CancellationToken ct) =>
        SetRetiredAsync(courseId, bankId, questionId, true, ct);

    public Task<IActionResult> OnPostRestoreAsync(int courseId, int bankId, int questionId, CancellationToken ct) =>
        SetRetiredAsync(courseId, bankId, questionId, false, ct);

    private async Task<IActionResult> SetRetiredAsync(int courseId, int bankId, int questionId, bool retired, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, bankId, ct)) return NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await Db.Questions.Where(q => q.Id == questionId && q.BankId == bankId)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Retired, retired).SetProperty(q => q.UpdatedAt, now), ct);
        if (changed == 0) return NotFound();
        return Done(BankUrl(bankId), retired ? Localizer["Question retired: it is drawn no more."] : Localizer["Question restored."]);
    }

    private async Task<bool> LoadAsync(int courseId, int bankId, CancellationToken ct)
    {
        if (!await CourseAsync(courseId, ct)) return false;
        var bank = await Db.QuestionBanks.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bankId && b.CourseId == courseId, ct);
        if (bank is null) return false;
        Bank = bank;
        Questions = await Db.Questions.AsNoTracking().Where(q => q.BankId == bankId).OrderBy(q => q.Retired).ThenBy(q => q.Id)
            .Select(q => new Row(q.Id, q.Kind, q.Text, q.Points, q.Retired, Db.AttemptAnswers.Count(a => a.QuestionId == q.Id)))
            .ToListAsync(ct);
        return true;
    }

    public string QuestionUrl(int? questionId) => $"{BankUrl(Bank.Id)}/questions" + (questionId is null ? "" : "/" + questionId);
}
