using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Quizzes.Manage;

/// <summary>
/// Writing or editing a question of a bank. Its kind is chosen when it is created and stays: past attempts stored
/// responses of that kind. To change what a question asks, retire it and write a new one.
/// </summary>
public class QuestionModel(AppDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock, QuizService quizzes) : QuizManagePage(db, t)
{
    public QuestionBank Bank { get; private set; } = null!;
    public int? QuestionId { get; private set; }
    public QuestionKind Kind { get; private set; }
    public bool Retired { get; private set; }
    public int Answered { get; private set; }
    [BindProperty] public QuestionInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int courseId, int bankId, int? questionId, string? kind, CancellationToken ct)
    {
        var question = await LoadAsync(courseId, bankId, questionId, kind, ct);
        if (question is null) return questionId is null && Bank is not null ? Redirect(BankUrl(bankId)) : NotFound();
        if (questionId is not null) Input = QuestionInput.From(question);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int courseId, int bankId, int? questionId, string? kind, CancellationToken ct)
    {
        var question = await LoadAsync(courseId, bankId, questionId, kind, ct);
        if (question is null) return questionId is null && Bank is not null ? Redirect(BankUrl(bankId)) : NotFound();
        var errors = new FieldErrors();
        Input.ApplyTo(question, errors, clock.GetUtcNow().UtcDateTime);
        if (errors.Any)
        {
            Show(errors);
            return Page();
        }
        if (questionId is null) Db.Questions.Add(question);
        await Db.SaveChangesAsync(ct);
        return Done(BankUrl(bankId), questionId is null ? Localizer["Question added."] : Localizer["Question saved."]);
    }

    /// <summary>Grades the graded answers to this question again, on the question as it is saved now.</summary>
    public async Task<IActionResult> OnPostRegradeAsync(int courseId, int bankId, int questionId, CancellationToken ct)
    {
        if (await LoadAsync(courseId, bankId, questionId, null, ct) is null) return NotFound();
        var (attempts, changed) = await quizzes.RegradeAsync(questionId, ct);
        return Done(QuestionUrl(bankId, questionId), Localizer["{0} graded attempts regraded; {1} grades changed.", attempts, changed]);
    }

    /// <summary>The question (tracked, with its options) or a new one of the kind asked for; null when neither.</summary>
    private async Task<Question?> LoadAsync(int courseId, int bankId, int? questionId, string? kind, CancellationToken ct)
    {
        if (!await CourseAsync(courseId, ct)) return null;
        var bank = await Db.QuestionBanks.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bankId && b.CourseId == courseId, ct);
        if (bank is null) return null;
        Bank = bank;
        QuestionId = questionId;
        if (questionId is null)
        {
            if (!Codes.TryParse<QuestionKind>(kind, out var k)) return null;
            Kind = k;
            return new Question { BankId = bankId, Kind = k, Text = "" };
        }
        var question = await Db.Questions.Include(q => q.Options).FirstOrDefaultAsync(q => q.Id == questionId && q.BankId == bankId, ct);
        if (question is null) return null;
        (Kind, Retired) = (question.Kind, question.Retired);
        Answered = await Db.AttemptAnswers.CountAsync(a => a.QuestionId == question.Id, ct);
        return question;
    }

    /// <summary>The option rows shown: those posted or stored, then blank ones to add more (two at least, four in all).</summary>
    public List<OptionInput> Rows()
    {
        var rows = Input.Options.ToList();
        var target = Math.Min(QuestionInput.MaxOptions, Math.Max(4, rows.Count + 2));
        while (rows.Count < target) rows.Add(new OptionInput());
        return rows;
    }
}
