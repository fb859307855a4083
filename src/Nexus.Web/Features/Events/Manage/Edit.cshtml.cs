using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Events.Manage;

/// <summary>Create or edit an event. Times are entered in the event's own time zone and stored in UTC.</summary>
public class EditModel(AppDbContext db, RegistrationService registrations, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Offered in the form; Geneva is Europe/Zurich in the IANA database (a unit test checks every name).</summary>
    public static readonly string[] CommonZones =
    [
        "America/New_York", "Europe/Zurich", "Europe/Brussels", "Africa/Addis_Ababa", "America/Santiago", "Asia/Bangkok",
        "Asia/Beirut", "Africa/Nairobi", "Europe/Vienna", "Asia/Manila", "Europe/Athens", "America/Mexico_City", "UTC",
    ];

    public sealed class InputModel
    {
        public string? Title { get; set; }
        public string? Kind { get; set; } = "seminar";
        public string? Summary { get; set; }
        public string? Themes { get; set; }
        public string? Partners { get; set; }
        public int? SeriesId { get; set; }
        public string? StartsAt { get; set; }
        public string? EndsAt { get; set; }
        public string? TimeZone { get; set; } = "America/New_York";
        public string? Venue { get; set; }
        public string? City { get; set; }
        public string? Country { get; set; }
        public string? Format { get; set; } = "in-person";
        public string? OnlineUrl { get; set; }
        public int? Capacity { get; set; }
        public string? RegistrationOpensAt { get; set; }
        public string? RegistrationClosesAt { get; set; }
        public bool RequiresApproval { get; set; }
        public bool PendingHoldsSeat { get; set; }
        public int? OfferHours { get; set; } = 48;
        public bool AcceptsNoteVerbale { get; set; }
        public string? Status { get; set; } = "draft";
        public bool IssuesCertificates { get; set; }
        /// <summary>Text, so that "1,5" or a typing mistake gets our message rather than the model binder's.</summary>
        public string? CertificateHours { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public int? Id { get; private set; }
    public Dictionary<string, string> Errors { get; } = new();
    public List<SeriesOption> SeriesOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        await LoadOptionsAsync(ct);
        if (id is null) return Page();
        var e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return NotFound();
        Id = e.Id;
        string Local(DateTime? utc) => utc is { } u ? EventQueries.Local(u, e.TimeZone).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) : "";
        Input = new InputModel
        {
            Title = e.Title, Kind = Codes.Of(e.Kind), Summary = e.Summary, Themes = string.Join(", ", e.Themes), Partners = string.Join("\n", e.Partners), SeriesId = e.SeriesId,
            StartsAt = Local(e.StartsAt), EndsAt = Local(e.EndsAt), TimeZone = e.TimeZone, Venue = e.Venue, City = e.City,
            Country = e.Country, Format = Codes.Of(e.Format), OnlineUrl = e.OnlineUrl, Capacity = e.Capacity,
            RegistrationOpensAt = Local(e.RegistrationOpensAt), RegistrationClosesAt = Local(e.RegistrationClosesAt),
            RequiresApproval = e.RequiresApproval, PendingHoldsSeat = e.PendingHoldsSeat, OfferHours = e.OfferHours,
            AcceptsNoteVerbale = e.AcceptsNoteVerbale, Status = Codes.Of(e.Status),
            IssuesCertificates = e.IssuesCertificates, CertificateHours = e.CertificateHours?.ToString("0.#", CultureInfo.InvariantCulture),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        await LoadOptionsAsync(ct);
        Id = id;
        Event? e = null;
        if (id is not null)
        {
            e = await db.Events.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (e is null) return NotFound();
        }
        var zoneId = Input.TimeZone?.Trim() ?? "";
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var z) ? z : null;
        DateTimeOffset? Parse(string field, string? value, bool required)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required) Errors[field] = t["Required."];
                return null;
            }
            if (!DateTime.TryParseExact(value.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"],
                    CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) || local.Year is < 1990 or > 2200)
            {
                Errors[field] = t["Give a date and time, e.g. 2026-12-01T10:00."];
                return null;
            }
            if (zone is null) return null;
            if (zone.IsInvalidTime(local))
            {
                Errors[field] = t["This time does not exist in the event's time zone (clock change)."];
                return null;
            }
            var utc = TimeZoneInfo.ConvertTimeToUtc(local, zone);
            return new DateTimeOffset(utc);
        }

        var input = new EventInput
        {
            Title = Input.Title, Kind = Input.Kind, Summary = Input.Summary,
            Themes = (Input.Themes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            // One per line: partners' names may contain commas ("Government of Spain, Ministry of Labour").
            Partners = (Input.Partners ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            StartsAt = Parse("startsAt", Input.StartsAt, true), EndsAt = Parse("endsAt", Input.EndsAt, true), TimeZone = zoneId,
            Venue = Input.Venue, City = Input.City, Country = Input.Country, Format = Input.Format, OnlineUrl = Input.OnlineUrl,
            Capacity = Input.Capacity, RegistrationOpensAt = Parse("registrationOpensAt", Input.RegistrationOpensAt, false),
            RegistrationClosesAt = Parse("registrationClosesAt", Input.RegistrationClosesAt, false),
            RequiresApproval = Input.RequiresApproval, PendingHoldsSeat = Input.PendingHoldsSeat, OfferHours = Input.OfferHours,
            AcceptsNoteVerbale = Input.AcceptsNoteVerbale, Status = Input.Status, SeriesId = Input.SeriesId,
        };
        var target = e ?? new Event { Title = "" };
        var errors = input.ApplyTo(target);
        if (Input.SeriesId is { } sid && !SeriesOptions.Any(s => s.Id == sid)) errors.Add("seriesId", "No such series.");
        var hours = CertificateHours(Input.CertificateHours, errors);
        if (!errors.Any)
        {
            target.IssuesCertificates = Input.IssuesCertificates;
            target.CertificateHours = hours;
        }
        foreach (var (field, message) in errors.Localized(t)) Errors.TryAdd(field, message);
        if (Errors.Count > 0)
        {
            // Nothing is saved: reload the stored event so that a half-applied form never reaches the database.
            if (e is not null) db.Entry(e).State = EntityState.Detached;
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        target.UpdatedAt = now;
        if (e is null)
        {
            target.CreatedAt = now;
            db.Events.Add(target);
        }
        await db.SaveChangesAsync(ct);
        // A larger capacity (or a switch from held-pending to not) can free seats for the waiting list.
        await registrations.OfferFreeSeatsAsync(target.Id, ct);
        TempData["Message"] = t["Event saved."].Value;
        return Redirect($"/events/manage/edit/{target.Id}");
    }

    /// <summary>Optional hours printed on attendance certificates: more than 0, at most 2000 (as the certificate accepts), one decimal.</summary>
    private static decimal? CertificateHours(string? text, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!decimal.TryParse(text.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours)
            || hours <= 0 || hours > 2000 || decimal.Round(hours, 1) != hours)
        {
            errors.Add("certificateHours", "Give a number of hours from 0.5 to 2000, e.g. 3 or 1.5.");
            return null;
        }
        return hours;
    }

    private async Task LoadOptionsAsync(CancellationToken ct) =>
        SeriesOptions = await db.Series.AsNoTracking().OrderByDescending(s => s.StartYear)
            .Select(s => new SeriesOption(s.Id, s.Name)).ToListAsync(ct);
}
