using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Agencies;
using Nexus.Web.Features.Coordination.Chairs;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Chairs;

/// <summary>
/// The chairmanship: terms with their problems flagged, the rotation order and generation of next terms (staff,
/// since the group as a whole agrees them), and each term's handover checklist (staff and the focal points of the
/// incoming and outgoing chairs).
/// </summary>
public class IndexModel(AppDbContext db, ChairService chairs, CoordinationAccess access, IOptions<CoordinationOptions> options,
    TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public GroupUser Me { get; private set; } = GroupUser.Public;
    public DateOnly Today { get; private set; }
    public List<ChairTerm> Terms { get; private set; } = [];
    public List<TermProblem> Problems { get; private set; } = [];
    public Troika<ChairTerm> Troika { get; private set; } = new(null, null, null);
    public Dictionary<string, Agency> Agencies { get; private set; } = [];
    public List<string> Order { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = new();
    public int TermMonths => options.Value.TermMonths;

    // The add/edit form, shown again with its values after an error.
    [BindProperty] public int? TermId { get; set; }
    [BindProperty] public string? Agency { get; set; }
    [BindProperty] public DateOnly? Start { get; set; }
    [BindProperty] public DateOnly? End { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? OrderText { get; set; }

    public async Task<IActionResult> OnGetAsync(int? edit, CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!Me.CanEnterSpace) return Forbid();
        await LoadAsync(ct);
        if (edit is { } id && Terms.FirstOrDefault(x => x.Id == id) is { } term)
            (TermId, Agency, Start, End, Note) = (term.Id, term.AgencyCode, term.Start, term.End, term.Note);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!await StaffAsync(ct)) return Forbid();
        var errors = new FieldErrors();
        await chairs.SaveAsync(TermId, Agency, Start, End, Note, errors, ct);
        return await DoneAsync(errors, ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!await StaffAsync(ct)) return Forbid();
        await chairs.DeleteAsync(id, ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostOrderAsync(CancellationToken ct)
    {
        if (!await StaffAsync(ct)) return Forbid();
        var errors = new FieldErrors();
        var text = errors.Text("order", OrderText, 2000, required: true, multiline: true);
        if (!errors.Any)
        {
            // Acronyms or codes, one per line or comma-separated, as people paste them from an email.
            var byName = await db.Agencies.AsNoTracking().ToListAsync(ct);
            var codes = text.Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(x => byName.FirstOrDefault(a => string.Equals(a.Acronym, x, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(a.Code, x, StringComparison.OrdinalIgnoreCase))?.Code ?? x).ToList();
            await chairs.SetOrderAsync(codes, errors, ct);
        }
        return await DoneAsync(errors, ct);
    }

    public async Task<IActionResult> OnPostGenerateAsync(int count, int? months, DateOnly? firstStart, CancellationToken ct)
    {
        if (!await StaffAsync(ct)) return Forbid();
        var errors = new FieldErrors();
        await chairs.GenerateAsync(count, months, firstStart ?? access.Today(), errors, ct);
        return await DoneAsync(errors, ct);
    }

    public async Task<IActionResult> OnPostHandoverAsync(int taskId, bool done, CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        var termId = await db.HandoverTasks.Where(x => x.Id == taskId).Select(x => (int?)x.TermId).FirstOrDefaultAsync(ct);
        if (termId is null) return NotFound();
        if (!await MayHandOverAsync(termId.Value, ct)) return Forbid();
        await chairs.SetHandoverDoneAsync(taskId, done, Me.Name, clock.GetUtcNow().UtcDateTime, ct);
        return Redirect($"/coordination/space/chairs#term-{termId}");
    }

    public async Task<IActionResult> OnPostAddTaskAsync(int termId, string? title, CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        if (!await MayHandOverAsync(termId, ct)) return Forbid();
        var errors = new FieldErrors();
        await chairs.AddHandoverTaskAsync(termId, title, errors, ct);
        if (errors.Any)
        {
            Errors = errors.Localized(t).ToDictionary(e => $"task-{termId}", e => e.Value);
            await LoadAsync(ct);
            return Page();
        }
        return Redirect($"/coordination/space/chairs#term-{termId}");
    }

    /// <summary>Staff, or a focal point of the agency taking the chair or of the one handing it over.</summary>
    private async Task<bool> MayHandOverAsync(int termId, CancellationToken ct)
    {
        if (Me.IsStaff) return true;
        if (!Me.IsFocalPoint) return false;
        var terms = await chairs.TermsAsync(ct);
        var index = terms.FindIndex(x => x.Id == termId);
        if (index < 0) return false;
        return Me.SpeaksFor(terms[index].AgencyCode) || (index > 0 && Me.SpeaksFor(terms[index - 1].AgencyCode));
    }

    private async Task<bool> StaffAsync(CancellationToken ct) => (Me = await access.GetAsync(User, ct)).IsStaff;

    private async Task<IActionResult> DoneAsync(FieldErrors errors, CancellationToken ct)
    {
        if (!errors.Any) return RedirectToPage();
        Errors = errors.Localized(t);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Me.UserId is null) Me = await access.GetAsync(User, ct);
        Today = access.Today();
        Terms = await db.ChairTerms.AsNoTracking().Include(x => x.Handover.OrderBy(h => h.Position)).OrderBy(x => x.Start).ToListAsync(ct);
        Problems = Rotation.Validate(Terms.Select(ChairService.ToTerm).ToList());
        Troika = Rotation.For(Terms, ChairService.ToTerm, Today);
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Acronym).ToDictionaryAsync(a => a.Code, ct);
        Order = await db.RotationSlots.AsNoTracking().OrderBy(s => s.Position).Select(s => s.AgencyCode).ToListAsync(ct);
        OrderText ??= string.Join("\n", Order.Select(Acronym));
    }

    public string Acronym(string code) => Agencies.TryGetValue(code, out var a) ? a.Acronym : code;

    public string? Err(string field) => Errors.TryGetValue(field, out var m) ? m : null;
}
