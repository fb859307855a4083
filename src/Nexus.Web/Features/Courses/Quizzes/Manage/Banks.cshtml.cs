using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Quizzes.Manage;

/// <summary>The question banks of a course, and a new one.</summary>
public class BanksModel(AppDbContext db, IStringLocalizer<SharedResource> t) : QuizManagePage(db, t)
{
    public const int MaxName = 200;

    public sealed record Row(int Id, string Name, int Active, int Retired, int Quizzes);

    public List<Row> Banks { get; private set; } = [];
    [BindProperty] public string? Name { get; set; }

    public async Task<IActionResult> OnGetAsync(int courseId, CancellationToken ct)
    {
        if (!await CourseAsync(courseId, ct)) return NotFound();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int courseId, CancellationToken ct)
    {
        if (!await CourseAsync(courseId, ct)) return NotFound();
        var errors = new FieldErrors();
        var name = errors.Text("name", Name, MaxName, required: true);
        if (!errors.Any && await Db.QuestionBanks.AnyAsync(b => b.CourseId == courseId && b.Name == name, ct))
            errors.Add("name", "This course already has a bank of that name.");
        if (!errors.Any)
        {
            var bank = new QuestionBank { CourseId = courseId, Name = name };
            Db.QuestionBanks.Add(bank);
            try
            {
                await Db.SaveChangesAsync(ct);
                return Done(BankUrl(bank.Id), Localizer["Question bank created."]);
            }
            catch (DbUpdateException e) when (QuizService.IsUniqueViolation(e))
            {
                Db.ChangeTracker.Clear();
                errors.Add("name", "This course already has a bank of that name.");
            }
        }
        Show(errors);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Banks = await Db.QuestionBanks.AsNoTracking().Where(b => b.CourseId == CourseId).OrderBy(b => b.Name)
            .Select(b => new Row(b.Id, b.Name, b.Questions.Count(q => !q.Retired), b.Questions.Count(q => q.Retired),
                Db.QuizDraws.Where(d => d.BankId == b.Id).Select(d => d.QuizId).Distinct().Count()))
            .ToListAsync(ct);
}
