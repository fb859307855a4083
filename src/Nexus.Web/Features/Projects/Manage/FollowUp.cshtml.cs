using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Projects.Manage;

/// <summary>Record what the programme did about a Global Forum recommendation, or change its status.</summary>
public class FollowUpModel(AppDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock) : ManagePage(t)
{
    public sealed class EntryInput
    {
        public string? On { get; set; }
        public string? Text { get; set; }
        public string? EvidenceUrl { get; set; }
        public string? Event { get; set; }
        public string? Document { get; set; }
    }

    [BindProperty] public EntryInput Entry { get; set; } = new();
    [BindProperty] public string? Status { get; set; }
    public ForumRecommendation Recommendation { get; private set; } = null!;
    public int Year { get; private set; }
    public List<(string Value, string Text)> EventOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Status = Codes.Of(Recommendation.Status);
        Entry.On = ProjectForms.Iso(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return Page();
    }

    public async Task<IActionResult> OnPostEntryAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Status = Codes.Of(Recommendation.Status);
        var errors = new FieldErrors();
        var on = ProjectForms.Date("on", Entry.On, required: true, errors);
        var text = errors.Text("text", Entry.Text, ProjectForms.MaxText, required: true, multiline: true);
        var url = ProjectForms.Url("evidence", Entry.EvidenceUrl, errors);
        var eventId = ProjectForms.Id("event", Entry.Event, errors);
        if (eventId is not null && !await db.Events.AnyAsync(e => e.Id == eventId, ct)) errors.Add("event", "Choose one of the listed values.");
        var slug = errors.Text("document", Entry.Document, 200, required: false);
        int? itemId = null;
        if (slug.Length > 0)
        {
            itemId = await db.LibraryItems.Where(i => i.Slug == slug).Select(i => (int?)i.Id).FirstOrDefaultAsync(ct);
            if (itemId is null) errors.Add("document", "There is no library item {0}.", slug.Length > 60 ? slug[..60] + "…" : slug);
        }
        if (errors.Any)
        {
            Show(errors);
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.FollowUps.Add(new FollowUpEntry
        {
            RecommendationId = id, On = on!.Value, Text = text, EvidenceUrl = url, EventId = eventId, LibraryItemId = itemId,
            ByUserId = User.FindFirstValue(ClaimTypes.NameIdentifier), At = now,
        });
        // Recording work on an open recommendation means work has started; a later status change says when it is done.
        if (Recommendation.Status == FollowUpStatus.Open) Recommendation.Status = FollowUpStatus.InProgress;
        Recommendation.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return Done($"/global-forum/{Year}#rec-{id}", Localizer["Follow-up recorded."]);
    }

    public async Task<IActionResult> OnPostStatusAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var errors = new FieldErrors();
        var status = ProjectForms.Enum<FollowUpStatus>("status", Status, errors);
        if (errors.Any)
        {
            Show(errors);
            return Page();
        }
        Recommendation.Status = status;
        Recommendation.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Done($"/global-forum/{Year}#rec-{id}", Localizer["Status saved."]);
    }

    /// <summary>
    /// Removes a recommendation entered by mistake. One with follow-up entries, or that project activities follow up,
    /// stays: the record of what was done about it is the point of the registry.
    /// </summary>
    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        // One statement: the checks and the removal cannot be separated by another save.
        var removed = await db.ForumRecommendations
            .Where(r => r.Id == id && !r.FollowUps.Any() && !db.ProjectActivities.Any(a => a.RecommendationId == r.Id))
            .ExecuteDeleteAsync(ct);
        if (removed == 1) return Done($"/global-forum/{Year}", Localizer["Recommendation removed."]);
        Status = Codes.Of(Recommendation.Status);
        Show("status", "This recommendation has follow-up entries or project activities that follow it up, so it stays.");
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var rec = await db.ForumRecommendations.Include(r => r.Meeting).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rec is null) return false;
        (Recommendation, Year) = (rec, rec.Meeting!.Year);
        EventOptions = (await db.Events.AsNoTracking().OrderByDescending(e => e.StartsAt).Take(1000)
                .Select(e => new { e.Id, e.Title, e.StartsAt }).ToListAsync(ct))
            .Select(e => (e.Id.ToString(), $"{e.StartsAt:yyyy-MM-dd} · {e.Title}")).ToList();
        return true;
    }
}
