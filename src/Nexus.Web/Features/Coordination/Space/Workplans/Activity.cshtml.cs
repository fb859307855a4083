using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Workplans;
using Nexus.Web.Features.Library.Search;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Workplans;

public sealed record EvidenceView(int Id, EvidenceKind Kind, string Title, string? Href, string? Detail);

/// <summary>
/// One activity with its progress notes and evidence. The lead agency's focal points and those who run the group
/// change its status (with a note, dated and signed with the author's agency) and link evidence: a library item,
/// an event, or a web page. Everyone in the space reads it.
/// </summary>
public class ActivityModel(AppDbContext db, CoordinationAccess access, IStringLocalizer<SharedResource> t, TimeProvider clock,
    LibrarySearch search, IOptions<CoordinationOptions> options) : WorkplanPage(db, access, t)
{
    public sealed class UpdateForm
    {
        public string? Status { get; set; }
        public string? Note { get; set; }
        public string? Version { get; set; }
    }

    public sealed class EvidenceForm
    {
        public string? Kind { get; set; } = Codes.Of(EvidenceKind.LibraryItem);
        public string? Target { get; set; }
        public string? Url { get; set; }
        public string? Title { get; set; }
    }

    [BindProperty] public UpdateForm Update { get; set; } = new();
    [BindProperty] public EvidenceForm Evidence { get; set; } = new();

    public Workplan Plan { get; private set; } = null!;
    public WorkplanActivity Activity { get; private set; } = null!;
    public string ObjectiveText { get; private set; } = "";
    public string PillarTitle { get; private set; } = "";
    public Dictionary<string, AgencyRef> AgencyNames { get; private set; } = [];
    public List<ProgressNote> Notes { get; private set; } = [];
    public List<EvidenceView> EvidenceLinks { get; private set; } = [];
    public IReadOnlyList<EvidenceCandidate> Candidates { get; private set; } = [];
    public string? Conflict { get; private set; }
    public bool CanEdit => Group.CanEditActivity(Activity.LeadAgencyCode);
    public bool Overdue => WorkplanRules.IsOverdue(Activity.Status, Activity.Due, Today);

    public AgencyRef Agency(string code) => WorkplanQueries.Agency(AgencyNames, code);

    /// <summary>A note's moment in the group's time zone.</summary>
    public string When(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), options.Value.Zone()).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(int id, int activityId, CancellationToken ct)
    {
        if (await LoadAsync(id, activityId, ct) is { } refused) return refused;
        Update.Status = Codes.Of(Activity.Status);
        Update.Version = Activity.Version.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(int id, int activityId, CancellationToken ct)
    {
        if (await LoadAsync(id, activityId, ct) is { } refused) return refused;
        if (!CanEdit) return Forbid();
        var errors = new FieldErrors();
        if (WorkplanForms.Update(Update.Note, Update.Status, Activity.Status, errors) is not { } u)
        {
            Show(errors);
            return Page();
        }
        var activity = await Db.WorkplanActivities.FirstAsync(a => a.Id == activityId, ct);
        if (u.Status is { } status) activity.Status = status;
        Db.ProgressNotes.Add(new ProgressNote
        {
            ActivityId = activityId, At = clock.GetUtcNow().UtcDateTime, AuthorId = Group.UserId ?? "", AuthorName = Clip(Group.Name, 200),
            AgencyCode = Group.AgencyCode, Status = u.Status,
            // A status change alone still leaves a line in the history, in the language of whoever reads it later.
            Text = u.Note ?? "",
        });
        // A missing or mangled version cannot prove the form is current, so it is treated as stale.
        var expected = int.TryParse(Update.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
        if (await ActivitySaves.SaveAsync(Db, activity, expected, ct) == SaveOutcome.Conflict)
        {
            await LoadAsync(id, activityId, ct);
            Conflict = Localizer["Someone updated this activity while you were writing, so your update was not saved. The activity as it is now is shown below; your note is still in the form."];
            Update.Version = Activity.Version.ToString(CultureInfo.InvariantCulture);
            return Page();
        }
        return Done(Here(id, activityId), u.Status is { } s ? Localizer["Status changed to {0}.", Localizer[WorkplanText.Status(s)]] : Localizer["Note added."]);
    }

    public async Task<IActionResult> OnPostEvidenceAsync(int id, int activityId, CancellationToken ct)
    {
        if (await LoadAsync(id, activityId, ct) is { } refused) return refused;
        if (!CanEdit) return Forbid();
        Update.Status = Codes.Of(Activity.Status);
        Update.Version = Activity.Version.ToString(CultureInfo.InvariantCulture);
        var errors = new FieldErrors();
        var lookup = await EvidenceFinder.FindAsync(Db, search, Evidence.Kind, Evidence.Target, Evidence.Url, Evidence.Title,
            CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, errors, ct);
        if (lookup.Found is { } found && await Db.EvidenceLinks.AnyAsync(e => e.ActivityId == activityId && e.Kind == found.Kind
                && (found.Kind == EvidenceKind.Link ? e.Url == found.Url : e.TargetId == found.TargetId), ct))
            errors.Add(found.Kind == EvidenceKind.Link ? "evidenceUrl" : "evidenceTarget", "This evidence is already linked.");
        if (errors.Any || lookup.Found is null)
        {
            Show(errors);
            Candidates = lookup.Candidates;
            return Page();
        }
        var f = lookup.Found;
        Db.EvidenceLinks.Add(new EvidenceLink { ActivityId = activityId, Kind = f.Kind, TargetId = f.TargetId, Url = f.Url, Title = f.Title });
        await Db.SaveChangesAsync(ct);
        return Done(Here(id, activityId) + "#evidence", Localizer["Evidence linked."]);
    }

    public async Task<IActionResult> OnPostRemoveEvidenceAsync(int id, int activityId, int evidenceId, CancellationToken ct)
    {
        if (await LoadAsync(id, activityId, ct) is { } refused) return refused;
        if (!CanEdit) return Forbid();
        var removed = await Db.EvidenceLinks.Where(e => e.Id == evidenceId && e.ActivityId == activityId).ExecuteDeleteAsync(ct);
        return Done(Here(id, activityId) + "#evidence", removed > 0 ? Localizer["Evidence removed."] : Localizer["That evidence was already removed."]);
    }

    private static string Here(int id, int activityId) => $"{PlanUrl(id)}/activities/{activityId}";

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];

    private async Task<IActionResult?> LoadAsync(int id, int activityId, CancellationToken ct)
    {
        if (!await EnterAsync(ct)) return Forbid();
        var row = await (from a in Db.WorkplanActivities.AsNoTracking()
                         join o in Db.WorkplanObjectives on a.ObjectiveId equals o.Id
                         join p in Db.WorkplanPillars on o.PillarId equals p.Id
                         where a.Id == activityId && p.WorkplanId == id
                         select new { Activity = a, Objective = o.Text, Pillar = p.Title }).FirstOrDefaultAsync(ct);
        if (row is null || await PlanAsync(id, ct) is not { } plan) return NotFound();
        (Plan, Activity, ObjectiveText, PillarTitle) = (plan, row.Activity, row.Objective, row.Pillar);
        AgencyNames = await WorkplanQueries.AgenciesAsync(Db, ct);
        Notes = await Db.ProgressNotes.AsNoTracking().Where(n => n.ActivityId == activityId).OrderByDescending(n => n.At).ThenByDescending(n => n.Id).ToListAsync(ct);
        var links = await Db.EvidenceLinks.AsNoTracking().Where(e => e.ActivityId == activityId).OrderBy(e => e.Id).ToListAsync(ct);
        var itemIds = links.Where(e => e.Kind == EvidenceKind.LibraryItem && e.TargetId != null).Select(e => e.TargetId!.Value).ToList();
        var slugs = await Db.LibraryItems.AsNoTracking().Where(i => itemIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Slug, i.PublishedVersion }).ToDictionaryAsync(i => i.Id, ct);
        EvidenceLinks = links.Select(e => e.Kind switch
        {
            // An item that is not public (any more) is still listed, without a link the focal points could not open.
            EvidenceKind.LibraryItem => new EvidenceView(e.Id, e.Kind, e.Title,
                slugs.TryGetValue(e.TargetId ?? 0, out var s) && s.PublishedVersion != null ? $"/library/{s.Slug}" : null,
                slugs.ContainsKey(e.TargetId ?? 0) ? null : Localizer["no longer in the library"].Value),
            EvidenceKind.Event => new EvidenceView(e.Id, e.Kind, e.Title, $"/events/{e.TargetId}", null),
            _ => new EvidenceView(e.Id, e.Kind, e.Title, e.Url, e.Url),
        }).ToList();
        return null;
    }
}
