using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Surveys;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Surveys;

/// <summary>
/// A focal point answers a survey for their agency, once. After that, every focal point of the agency sees who
/// answered and when, and what was answered; a second submission is refused, also when two arrive at once.
/// </summary>
public sealed class AnswerModel(AppDbContext db, CoordinationAccess access, IOptions<CoordinationOptions> options,
    IStringLocalizer<SharedResource> t, TimeProvider clock) : SurveyPageModel(db, access, options, t)
{
    public Survey Survey { get; private set; } = new();
    public string AgencyName { get; private set; } = "";
    public AnsweredBy? Answered { get; private set; }
    /// <summary>The agency's own answers, as shown once it has answered.</summary>
    public List<(SurveyQuestion Question, string Shown)> AgencyAnswers { get; } = [];
    public bool Accepts { get; private set; }
    /// <summary>Why the submission was refused (already answered, survey not open).</summary>
    public string? Refusal { get; private set; }
    public Dictionary<string, string[]> Values { get; } = new(StringComparer.Ordinal);
    public SurveyFormView Form => new(Survey.Questions, Values, Errors, Disabled: false);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (!Accepts) return Refuse(NotOpenText());
        if (Answered is not null) return Refuse(AlreadyText(Answered));

        var errors = new FieldErrors();
        var form = Request.HasFormContentType ? Request.Form : null;
        var answers = SurveyRules.ReadAnswers(Survey.Questions, field => form?[field] ?? default, errors);
        if (errors.Any)
        {
            foreach (var q in Survey.Questions)
            {
                var field = SurveyRules.FieldId(q.Id);
                Values[field] = (form?[field] ?? default).Where(v => v is not null).Select(v => v!).Take(SurveyRules.MaxOptions).ToArray();
            }
            ShowErrors(errors);
            return Page();
        }

        var response = new SurveyResponse
        {
            SurveyId = id, AgencyCode = Me.AgencyCode!, SubmittedBy = Me.UserId ?? "",
            SubmittedAt = clock.GetUtcNow().UtcDateTime, Answers = answers,
        };
        if (!await SurveyStore.TryAddResponseAsync(Db, response, ct))
        {
            // Another focal point of the agency got there first, possibly a moment ago.
            Answered = await SurveyStore.AnsweredByAsync(Db, id, Me.AgencyCode!, ct);
            return Refuse(Answered is null ? Text["Your agency has already answered this survey. An agency answers once."] : AlreadyText(Answered));
        }
        TempData["Message"] = Text["Thank you. The answer of {0} is recorded.", AgencyName].Value;
        return Redirect($"/coordination/space/surveys/{id}/answer");
    }

    /// <summary>Null when the page can be shown; otherwise the refusal (not found, or not allowed).</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var me = await WhoAsync(ct);
        // Answers are given by an agency through its focal points: staff without an agency have none to give.
        if (!me.IsFocalPoint) return Forbid();
        if (await SurveyStore.FindAsync(Db, id, ct) is not { } survey) return NotFound();
        if (survey.Status == SurveyStatus.Draft && !me.RunsGroup) return NotFound();
        var (names, members) = await SurveyStore.AgenciesAsync(Db, Today, ct);
        if (!members.Contains(me.AgencyCode!)) return Forbid();
        Survey = survey;
        AgencyName = names.GetValueOrDefault(me.AgencyCode!, me.AgencyCode!);
        Accepts = SurveyRules.AcceptsAnswers(survey.Status, survey.ClosesOn, Today);
        Answered = await SurveyStore.AnsweredByAsync(Db, id, me.AgencyCode!, ct);
        if (Answered is not null)
        {
            var mine = (await SurveyStore.ResponsesAsync(Db, id, ct)).FirstOrDefault(r => r.AgencyCode == me.AgencyCode);
            foreach (var q in survey.Questions)
            {
                var a = mine?.Answers.FirstOrDefault(x => x.QuestionId == q.Id);
                AgencyAnswers.Add((q, a is null ? "" : q.Kind switch
                {
                    QuestionKind.SingleChoice or QuestionKind.MultipleChoice =>
                        string.Join("; ", a.Choices.Where(i => i >= 0 && i < q.Options.Count).Select(i => q.Options[i])),
                    QuestionKind.Scale => a.Scale is { } v ? SurveyTally.ScaleLabel(q, v) : "",
                    _ => a.Text ?? "",
                }));
            }
        }
        return null;
    }

    public string AnsweredText(AnsweredBy a) => a.PersonName is { } who
        ? Text["{0} answered for {1} on {2}.", who, AgencyName, Moment(a.At)].Value
        : Text["{0} answered on {1}.", AgencyName, Moment(a.At)].Value;

    private string AlreadyText(AnsweredBy a) =>
        AnsweredText(a) + " " + Text["An agency answers a survey once, so this answer was not recorded."].Value;

    public string NotOpenText() => Survey.Status == SurveyStatus.Draft
        ? Text["This survey is still a draft: it takes no answers yet."].Value
        : Text["This survey is closed: it takes no more answers."].Value;

    private PageResult Refuse(string why)
    {
        Refusal = why;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
