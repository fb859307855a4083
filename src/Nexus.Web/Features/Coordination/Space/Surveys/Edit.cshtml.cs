using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Surveys;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Surveys;

/// <summary>
/// The survey builder, for staff and the chair's focal points: the survey's settings, its questions (added,
/// reordered and removed while it is a draft), and opening and closing it. Once open, the questions are fixed so
/// that every agency answers the same survey; only the closing date can still move.
/// </summary>
public sealed class EditModel(AppDbContext db, CoordinationAccess access, IOptions<CoordinationOptions> options,
    IStringLocalizer<SharedResource> t, TimeProvider clock) : SurveyPageModel(db, access, options, t)
{
    [BindProperty] public SurveyInput Input { get; set; } = new();
    public Survey? Survey { get; private set; }
    public int Responses { get; private set; }
    /// <summary>Why an action was refused (the survey moved on meanwhile, or is not in a state that allows it).</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (!(await WhoAsync(ct)).RunsGroup) return Forbid();
        if (id is not null)
        {
            if (!await LoadAsync(id.Value, ct)) return NotFound();
            Fill();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var me = await WhoAsync(ct);
        if (!me.RunsGroup) return Forbid();
        if (id is not null && !await LoadAsync(id.Value, ct)) return NotFound();
        var errors = new FieldErrors();
        if (Survey is null)
        {
            if (SurveyRules.ReadSurvey(Input, errors) is not { } fresh) return Invalid(errors);
            var survey = new Survey
            {
                Title = fresh.Title, Introduction = fresh.Introduction, Anonymous = Input.Anonymous, ClosesOn = fresh.ClosesOn,
                Status = SurveyStatus.Draft, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = Shorten(me.Name, 200),
            };
            Db.Surveys.Add(survey);
            await Db.SaveChangesAsync(ct);
            return Done(survey.Id, Text["Survey created as a draft. Now add its questions."]);
        }

        switch (Survey.Status)
        {
            case SurveyStatus.Draft:
            {
                if (SurveyRules.ReadSurvey(Input, errors) is not { } s) return Invalid(errors);
                var saved = await SurveyStore.WhileDraftAsync(Db, Survey.Id, async () =>
                {
                    var row = await Db.Surveys.FirstAsync(x => x.Id == Survey.Id, ct);
                    (row.Title, row.Introduction, row.Anonymous, row.ClosesOn) = (s.Title, s.Introduction, Input.Anonymous, s.ClosesOn);
                }, ct);
                return saved ? Done(Survey.Id, Text["Survey saved."]) : await RefuseAsync(Survey.Id, Text["The survey was opened meanwhile: only its closing date can change now."], ct);
            }
            case SurveyStatus.Open when !SurveyRules.IsClosed(Survey.Status, Survey.ClosesOn, Today):
            {
                // Title, introduction and anonymity stay as the agencies saw them when they answered.
                var closes = SurveyRules.ReadClosingDate(Input.ClosesOn, errors);
                if (closes is { } c && c < Today) errors.Add("closesOn", "The date has passed. To stop answers now, close the survey.");
                if (errors.Any) return Invalid(errors);
                var moved = await Db.Surveys.Where(x => x.Id == Survey.Id && x.Status == SurveyStatus.Open)
                    .ExecuteUpdateAsync(x => x.SetProperty(y => y.ClosesOn, closes), ct);
                return moved == 1 ? Done(Survey.Id, Text["Closing date saved."]) : await RefuseAsync(Survey.Id, Text["The survey was closed meanwhile."], ct);
            }
            default:
                return await RefuseAsync(Survey.Id, Text["This survey is closed: it can no longer change."], ct);
        }
    }

    public async Task<IActionResult> OnPostOpenAsync(int id, CancellationToken ct)
    {
        if (!(await WhoAsync(ct)).RunsGroup) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Survey!.Status != SurveyStatus.Draft) return await RefuseAsync(id, Text["Only a draft can be opened."], ct);
        if (Survey.Questions.Count == 0) return await RefuseAsync(id, Text["Add at least one question before opening the survey."], ct);
        if (Survey.ClosesOn is { } c && c < Today) return await RefuseAsync(id, Text["The closing date has passed: move it before opening the survey."], ct);
        // One statement, so that a question removed or a second opening at the same moment cannot leave an open
        // survey without questions or open it twice.
        var opened = await Db.Surveys
            .Where(s => s.Id == id && s.Status == SurveyStatus.Draft && Db.SurveyQuestions.Any(q => q.SurveyId == id))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SurveyStatus.Open), ct);
        return opened == 1 ? Done(id, Text["The survey is open: the focal points of member agencies can answer it."])
            : await RefuseAsync(id, Text["The survey changed meanwhile and was not opened."], ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(int id, CancellationToken ct)
    {
        if (!(await WhoAsync(ct)).RunsGroup) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        var closed = await Db.Surveys.Where(s => s.Id == id && s.Status == SurveyStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SurveyStatus.Closed), ct);
        return closed == 1 ? Done(id, Text["The survey is closed. Its results are now shown to every focal point."])
            : await RefuseAsync(id, Text["Only an open survey can be closed."], ct);
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, int questionId, string? direction, CancellationToken ct)
    {
        if (!(await WhoAsync(ct)).RunsGroup) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        var step = direction == "up" ? -1 : direction == "down" ? 1 : 0;
        if (step == 0 || Survey!.Questions.All(q => q.Id != questionId)) return NotFound();
        var moved = await SurveyStore.WhileDraftAsync(Db, id, async () =>
        {
            var questions = await Db.SurveyQuestions.Where(q => q.SurveyId == id).OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync(ct);
            var at = questions.FindIndex(q => q.Id == questionId);
            var to = at + step;
            if (at < 0 || to < 0 || to >= questions.Count) return;
            (questions[at], questions[to]) = (questions[to], questions[at]);
            for (var i = 0; i < questions.Count; i++) questions[i].Position = i + 1;
        }, ct);
        return moved ? Done(id, Text["Question moved."], "#questions") : await RefuseAsync(id, FixedMessage(), ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int questionId, CancellationToken ct)
    {
        if (!(await WhoAsync(ct)).RunsGroup) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Survey!.Questions.All(q => q.Id != questionId)) return NotFound();
        var removed = await SurveyStore.WhileDraftAsync(Db, id, async () =>
        {
            var questions = await Db.SurveyQuestions.Where(q => q.SurveyId == id).OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync(ct);
            Db.SurveyQuestions.RemoveRange(questions.Where(q => q.Id == questionId));
            var position = 1;
            foreach (var q in questions.Where(q => q.Id != questionId)) q.Position = position++;
        }, ct);
        return removed ? Done(id, Text["Question removed."], "#questions") : await RefuseAsync(id, FixedMessage(), ct);
    }

    /// <summary>Why questions cannot change once the survey is open; also shown on the page.</summary>
    public LocalizedString FixedMessage() =>
        Text["The survey is no longer a draft, so its questions cannot change: every agency must answer the same questions, and answers already given would no longer match."];

    private PageResult Invalid(FieldErrors errors)
    {
        ShowErrors(errors);
        return Page();
    }

    private async Task<IActionResult> RefuseAsync(int id, LocalizedString why, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Fill();
        Refusal = why.Value;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private RedirectResult Done(int id, LocalizedString message, string fragment = "")
    {
        TempData["Message"] = message.Value;
        return Redirect($"/coordination/space/surveys/edit/{id}{fragment}");
    }

    private void Fill()
    {
        if (Survey is null) return;
        Input = new SurveyInput
        {
            Title = Survey.Title, Introduction = Survey.Introduction, Anonymous = Survey.Anonymous,
            ClosesOn = Survey.ClosesOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Survey = await SurveyStore.FindAsync(Db, id, ct);
        if (Survey is null) return false;
        Responses = await Db.SurveyResponses.CountAsync(r => r.SurveyId == id, ct);
        return true;
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..max];
}
