using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Outputs;

namespace Nexus.Web.Features.Coordination.Space.Outputs;

public sealed record CommentRow(string Acronym, string AuthorName, DateTime At, string Text);

public sealed record SignOffRow(string AgencyCode, string Acronym, SignOffDecision Decision, SignOffDecision Effective, DateTime? At,
    string? PersonName, string? Note);

/// <summary>
/// One joint output: its text, the comments by agency, the sign-off table, and the actions the reader may take:
/// a focal point comments and answers for their own agency; the chair (or staff) circulates, records the
/// no-objection of silent agencies once the deadline has passed, and publishes.
/// </summary>
public class DetailsModel(AppDbContext db, CoordinationAccess access, JointOutputService outputs, IOptions<CoordinationOptions> options,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public GroupUser Me { get; private set; } = GroupUser.Public;
    public JointOutput Output { get; private set; } = null!;
    public string LeadAcronym { get; private set; } = "";
    public string? LibrarySlug { get; private set; }
    public List<CommentRow> Comments { get; private set; } = [];
    public List<SignOffRow> SignOffs { get; private set; } = [];
    public PublicationCheck Check { get; private set; } = new(PublishProblem.None, []);
    public DateOnly Today { get; private set; }
    public TimeZoneInfo Zone => options.Value.Zone();

    /// <summary>Messages by field id, for the form that was refused.</summary>
    public Dictionary<string, string> Errors { get; } = new();
    /// <summary>Why the last action was refused, when it was not a field's fault.</summary>
    public string? Problem { get; private set; }
    /// <summary>Set when a publication was refused: what blocked it, to name in the alert.</summary>
    public PublicationCheck? Refused { get; private set; }

    // Posted back when a form is refused, so the person need not type again.
    public string? CommentText { get; private set; }
    public string? Note { get; private set; }
    public string? CommentsDue { get; private set; }
    public string? Deadline { get; private set; }

    /// <summary>The sign-off row of the reader's agency, when they are a focal point of an agency that was asked.</summary>
    public SignOffRow? MyRow => Me.IsFocalPoint ? SignOffs.FirstOrDefault(s => s.AgencyCode == Me.AgencyCode) : null;
    public bool CanComment => MyRow is not null && Output.Status == JointOutputStatus.Circulated;
    public bool CanAnswer => MyRow is not null && JointOutputRules.AcceptsAnswers(Output.Status);
    public bool CanEdit => Me.CanEditActivity(Output.LeadAgencyCode) && JointOutputRules.CanEdit(Output.Status);
    public bool DeadlinePassed => JointOutputRules.DeadlinePassed(Output.NoObjectionDeadline, Today);
    public string? Round => JointOutputService.Round(Output.CirculatedAt);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!Me.CanEnterSpace) return Forbid();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCommentAsync(int id, string? comment, CancellationToken ct)
    {
        CommentText = comment;
        return await AfterAsync(id, await outputs.CommentAsync(User, id, comment, ct), t["Your comment was added."], "#comments", ct);
    }

    public async Task<IActionResult> OnPostSignOffAsync(int id, string? decision, string? note, string? round, CancellationToken ct)
    {
        Note = note;
        var result = await outputs.SignOffAsync(User, id, decision, note, round, ct);
        var done = decision == "objected" ? t["Your agency's objection was recorded."] : t["Your agency's endorsement was recorded."];
        return await AfterAsync(id, result, done, "#sign-offs", ct);
    }

    public async Task<IActionResult> OnPostCirculateAsync(int id, string? commentsDue, string? deadline, int? version, CancellationToken ct)
    {
        (CommentsDue, Deadline) = (commentsDue, deadline);
        var result = await outputs.CirculateAsync(User, id, commentsDue, deadline, version ?? -1, ct);
        return await AfterAsync(id, result, t["Circulated to the member agencies. Their focal points were told by email."], "", ct);
    }

    public async Task<IActionResult> OnPostNoObjectionAsync(int id, CancellationToken ct) =>
        await AfterAsync(id, await outputs.RecordNoObjectionAsync(User, id, ct),
            t["The no-objection of the agencies that did not answer was recorded."], "#sign-offs", ct);

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct) =>
        await AfterAsync(id, await outputs.PublishAsync(User, id, ct), t["Published in the library."], "", ct);

    private async Task<IActionResult> AfterAsync(int id, OutputResult result, string done, string fragment, CancellationToken ct)
    {
        switch (result.Outcome)
        {
            case OutputOutcome.Done:
                TempData["Message"] = done;
                return Redirect($"/coordination/space/outputs/{id}{fragment}");
            case OutputOutcome.NotFound:
                return NotFound();
            case OutputOutcome.Forbidden:
                return Forbid();
        }
        Me = await access.GetAsync(User, ct);
        if (!await LoadAsync(id, ct)) return NotFound();
        if (result.Errors is { } errors)
            foreach (var (field, message) in errors.Localized(t)) Errors[field] = message;
        Problem = result.Message;
        Refused = result.Outcome == OutputOutcome.Blocked ? result.Check : null;
        Response.StatusCode = result.Outcome == OutputOutcome.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var output = await db.JointOutputs.AsNoTracking().Include(o => o.SignOffs).FirstOrDefaultAsync(o => o.Id == id, ct);
        if (output is null) return false;
        Output = output;
        Today = access.Today();
        var acronyms = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Acronym, ct);
        string Acronym(string code) => acronyms.GetValueOrDefault(code, code);
        LeadAcronym = Acronym(output.LeadAgencyCode);
        LibrarySlug = output.LibraryItemId is { } item
            ? await db.LibraryItems.AsNoTracking().Where(i => i.Id == item).Select(i => i.Slug).FirstOrDefaultAsync(ct)
            : null;
        Comments = (await db.JointOutputComments.AsNoTracking().Where(c => c.OutputId == id).OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(ct))
            .Select(c => new CommentRow(Acronym(c.AgencyCode), c.AuthorName, c.At, c.Text)).ToList();
        SignOffs = output.SignOffs.OrderBy(s => Acronym(s.AgencyCode), StringComparer.OrdinalIgnoreCase)
            .Select(s => new SignOffRow(s.AgencyCode, Acronym(s.AgencyCode), s.Decision,
                JointOutputRules.Effective(s.Decision, output.NoObjectionDeadline, Today), s.At, s.PersonName, s.Note))
            .ToList();
        Check = JointOutputRules.CheckPublication(output.Status, output.SignOffs.OrderBy(s => Acronym(s.AgencyCode), StringComparer.OrdinalIgnoreCase).ToList(),
            output.NoObjectionDeadline, Today, acronyms);
        return true;
    }

    /// <summary>Plain text with its line breaks kept, every line encoded (the CSP allows no inline style for pre-line).</summary>
    public static IHtmlContent Lines(string? text) => new HtmlString(string.Join("<br>",
        (text ?? "").ReplaceLineEndings("\n").Split('\n').Select(l => HtmlEncoder.Default.Encode(l))));

    /// <summary>A moment as a day in the group's time zone.</summary>
    public DateOnly DayOf(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone));

    public string MomentOf(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).ToString("g");
}
