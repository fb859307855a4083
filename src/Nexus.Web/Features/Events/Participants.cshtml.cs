using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Registrations;

namespace Nexus.Web.Features.Events;

public sealed record PublicParticipant(string Name, string Organization);

/// <summary>The public list: only people who consented, only name and organisation, never an email.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicCache.Policy)]
public class ParticipantsModel(AppDbContext db) : PageModel
{
    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public List<PublicParticipant> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().Where(x => x.Id == id && x.Status != EventStatus.Draft)
            .Select(x => new { x.Id, x.Title, x.Slug }).FirstOrDefaultAsync(ct);
        if (e is null) return NotFound();
        (Id, Title, Slug) = (e.Id, e.Title, e.Slug);
        People = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == id && r.ListPublicly &&
                        (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Attended))
            .OrderBy(r => r.FullName)
            .Select(r => new PublicParticipant(r.FullName, r.Organization)).ToListAsync(ct);
        return Page();
    }
}
