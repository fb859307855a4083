using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Surveys;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Surveys;

/// <summary>Adds or edits one question of a draft survey.</summary>
public sealed class QuestionModel(AppDbContext db, CoordinationAccess access, IOptions<CoordinationOptions> options,
    IStringLocalizer<SharedResource> t) : SurveyPageModel(db, access, options, t)
{
    [BindProperty] public QuestionInput Input { get; set; } = new();
    public Survey Survey { get; private set; } = new();
    public SurveyQuestion? Question { get; private set; }
    /// <summary>Set when the survey is no longer a draft: the page explains instead of showing the form.</summary>
    public string? Fixed { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? questionId, CancellationToken ct)
    {
        if (!(await WhoAsync(ct)).RunsGroup) return Forbid();
        if (!await LoadAsync(id, questionId, ct)) return NotFound();
        if (Question is not null) Input = QuestionInput.From(Question);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int? questionId, CancellationToken ct)
    {
        if (!(await WhoAsync(ct)).RunsGroup) return Forbid();
        if (!await LoadAsync(id, questionId, ct)) return NotFound();
        if (Fixed is not null) return Refused();
        var errors = new FieldErrors();
        if (Question is null && Survey.Questions.Count >= SurveyRules.MaxQuestions)
            errors.Add("text", "A survey has at most {0} questions.", SurveyRules.MaxQuestions);
        var read = SurveyRules.ReadQuestion(Input, errors);
        if (read is null || errors.Any)
        {
            ShowErrors(errors);
            return Page();
        }

        var gone = false;
        var saved = await SurveyStore.WhileDraftAsync(Db, id, async () =>
        {
            var q = Question is null ? null : await Db.SurveyQuestions.FirstOrDefaultAsync(x => x.Id == Question.Id && x.SurveyId == id, ct);
            // Removed by someone else since the page was loaded: not brought back as a new question.
            if (Question is not null && q is null)
            {
                gone = true;
                return;
            }
            if (q is null)
            {
                var last = await Db.SurveyQuestions.Where(x => x.SurveyId == id).MaxAsync(x => (int?)x.Position, ct) ?? 0;
                q = new SurveyQuestion { SurveyId = id, Position = last + 1 };
                Db.SurveyQuestions.Add(q);
            }
            (q.Kind, q.Text, q.Required, q.Options) = (read.Kind, read.Text, read.Required, read.Options);
            (q.ScaleMin, q.ScaleMax, q.ScaleMinLabel, q.ScaleMaxLabel) = (read.ScaleMin, read.ScaleMax, read.ScaleMinLabel, read.ScaleMaxLabel);
        }, ct);
        if (gone) return NotFound();
        if (!saved)
        {
            Fixed = FixedText();
            return Refused();
        }
        TempData["Message"] = (Question is null ? Text["Question added."] : Text["Question saved."]).Value;
        return Redirect($"/coordination/space/surveys/edit/{id}#questions");
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private string FixedText() =>
        Text["The survey is no longer a draft, so its questions cannot change: every agency must answer the same questions, and answers already given would no longer match."].Value;

    private async Task<bool> LoadAsync(int id, int? questionId, CancellationToken ct)
    {
        if (await SurveyStore.FindAsync(Db, id, ct) is not { } survey) return false;
        Survey = survey;
        if (questionId is not null && (Question = survey.Questions.FirstOrDefault(q => q.Id == questionId)) is null) return false;
        if (survey.Status != SurveyStatus.Draft) Fixed = FixedText();
        return true;
    }
}
