using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Projects.Manage;

/// <summary>Add a Global Forum meeting, or a recommendation or actionable outcome to one.</summary>
public class ForumModel(AppDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock) : ManagePage(t)
{
    public sealed class MeetingInput
    {
        public string? Year { get; set; }
        public string? City { get; set; }
        public string? Host { get; set; }
        public string? Theme { get; set; }
        public string? StartsOn { get; set; }
        public string? EndsOn { get; set; }
    }

    public sealed class RecommendationInput
    {
        public string? Year { get; set; }
        public string? Kind { get; set; } = Codes.Of(RecommendationKind.Recommendation);
        public string? Reference { get; set; }
        public string? Text { get; set; }
    }

    [BindProperty] public MeetingInput Meeting { get; set; } = new();
    [BindProperty] public RecommendationInput Recommendation { get; set; } = new();
    public List<(string Value, string Text)> Years { get; private set; } = [];

    public async Task OnGetAsync(int? year, CancellationToken ct)
    {
        Recommendation.Year = year?.ToString(CultureInfo.InvariantCulture);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostMeetingAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var errors = new FieldErrors();
        var yearText = (FieldErrors.Clean(Meeting.Year) ?? "").Trim();
        var year = int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100 ? y : 0;
        if (year == 0) errors.Add("meeting-year", "Give a year between 2000 and 2100.");
        var city = errors.Text("meeting-city", Meeting.City, 120, required: true);
        var host = (FieldErrors.Clean(Meeting.Host) ?? "").Trim();
        var country = Infrastructure.Countries.Countries.Find(host);
        if (country is null) errors.Add("meeting-host", "{0} is not an ISO 3166-1 alpha-3 country code.", host.Length > 12 ? host[..12] : host);
        var theme = errors.Text("meeting-theme", Meeting.Theme, 500, required: true);
        var starts = ProjectForms.Date("meeting-starts", Meeting.StartsOn, required: false, errors);
        var ends = ProjectForms.Date("meeting-ends", Meeting.EndsOn, required: false, errors);
        ProjectForms.Period("meeting-ends", starts, ends, errors);
        if (year > 0 && await db.ForumMeetings.AnyAsync(m => m.Year == year, ct)) errors.Add("meeting-year", "There is already a meeting for {0}.", year);
        if (errors.Any)
        {
            Show(errors);
            return Page();
        }
        db.ForumMeetings.Add(new ForumMeeting { Year = year, City = city, HostCountry = country!.Iso3, Theme = theme, StartsOn = starts, EndsOn = ends });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            Show("meeting-year", "There is already a meeting for {0}.", year);
            return Page();
        }
        return Done($"/global-forum/{year}", Localizer["Meeting added."]);
    }

    public async Task<IActionResult> OnPostRecommendationAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var errors = new FieldErrors();
        var yearText = (FieldErrors.Clean(Recommendation.Year) ?? "").Trim();
        var meeting = int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            ? await db.ForumMeetings.FirstOrDefaultAsync(m => m.Year == y, ct) : null;
        if (meeting is null) errors.Add("rec-year", "Choose one of the listed values.");
        var kind = ProjectForms.Enum<RecommendationKind>("rec-kind", Recommendation.Kind, errors);
        var reference = errors.Text("rec-reference", Recommendation.Reference, 40, required: false);
        var text = errors.Text("rec-text", Recommendation.Text, ProjectForms.MaxText, required: true, multiline: true);
        if (errors.Any)
        {
            Show(errors);
            return Page();
        }
        var rec = new ForumRecommendation
        {
            MeetingId = meeting!.Id, Kind = kind, Reference = reference.Length == 0 ? null : reference, Text = text,
            Status = FollowUpStatus.Open, UpdatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ForumRecommendations.Add(rec);
        await db.SaveChangesAsync(ct);
        return Done($"/global-forum/{meeting.Year}#rec-{rec.Id}", Localizer["Recommendation added."]);
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Years = (await db.ForumMeetings.AsNoTracking().OrderByDescending(m => m.Year).Select(m => new { m.Year, m.City }).ToListAsync(ct))
            .Select(m => (m.Year.ToString(CultureInfo.InvariantCulture), $"{m.Year} · {m.City}")).ToList();
}
