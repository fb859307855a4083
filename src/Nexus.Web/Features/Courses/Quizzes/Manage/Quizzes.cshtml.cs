using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Quizzes.Manage;

/// <summary>The quizzes of a course, module by module, and a new quiz (unpublished until staff publish it).</summary>
public class QuizzesModel(AppDbContext db, IStringLocalizer<SharedResource> t) : QuizManagePage(db, t)
{
    public sealed record QuizRow(int Id, int ModuleId, string Title, bool Published, int Draws, int Attempts);
    public sealed record ModuleRow(int Id, int Order, string Title, bool Required);

    public List<ModuleRow> Modules { get; private set; } = [];
    public List<QuizRow> Quizzes { get; private set; } = [];
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Module { get; set; }

    public async Task<IActionResult> OnGetAsync(int courseId, CancellationToken ct)
    {
        if (!await CourseAsync(courseId, ct)) return NotFound();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int courseId, CancellationToken ct)
    {
        if (!await CourseAsync(courseId, ct)) return NotFound();
        await LoadAsync(ct);
        var errors = new FieldErrors();
        var title = errors.Text("title", Title, QuizSettings.MaxTitle, required: true);
        var module = int.TryParse(Module, out var moduleId) ? Modules.FirstOrDefault(m => m.Id == moduleId) : null;
        if (module is null) errors.Add("module", "Choose a module of this course.");
        if (errors.Any)
        {
            Show(errors);
            return Page();
        }
        var quiz = new Quiz { ModuleId = module!.Id, Title = title, Published = false };
        Db.Quizzes.Add(quiz);
        await Db.SaveChangesAsync(ct);
        return Done(QuizUrl(quiz.Id), Localizer["Quiz created. Add questions from a bank, then publish it."]);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Modules = await Db.CourseModules.AsNoTracking().Where(m => m.CourseId == CourseId).OrderBy(m => m.Order)
            .Select(m => new ModuleRow(m.Id, m.Order, m.Title, m.Required)).ToListAsync(ct);
        var moduleIds = Modules.Select(m => m.Id).ToList();
        Quizzes = await Db.Quizzes.AsNoTracking().Where(q => moduleIds.Contains(q.ModuleId)).OrderBy(q => q.Id)
            .Select(q => new QuizRow(q.Id, q.ModuleId, q.Title, q.Published, q.Draws.Count, Db.QuizAttempts.Count(a => a.QuizId == q.Id)))
            .ToListAsync(ct);
    }
}
