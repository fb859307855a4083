using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Agencies;
using Nexus.Web.Features.Coordination.Chairs;

namespace Nexus.Web.Features.Coordination;

/// <summary>The group's public page: its members, who chairs (with the troika), its workplan's progress and joint outputs.</summary>
public class IndexModel(AppDbContext db, ChairService chairs, CoordinationAccess access) : PageModel
{
    public DateOnly Today { get; private set; }
    public Troika<ChairTerm> Troika { get; private set; } = new(null, null, null);
    public Dictionary<string, Agency> Agencies { get; private set; } = [];
    public List<IGrouping<AgencyKind, Agency>> Members { get; private set; } = [];
    public List<PublishedOutput> Outputs { get; private set; } = [];
    public Workplans.WorkplanProgress? Workplan { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = access.Today();
        Troika = await chairs.TroikaAsync(Today, ct);
        Workplan = await Workplans.WorkplanQueries.ProgressForDayAsync(db, Today, ct);
        Agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, ct);
        Members = Agencies.Values.Where(a => a.IsMemberOn(Today)).OrderBy(a => a.Kind).ThenBy(a => a.Acronym)
            .GroupBy(a => a.Kind).ToList();
        Outputs = await (from o in db.JointOutputs.AsNoTracking()
                         where o.Status == JointOutputStatus.Published
                         join i in db.LibraryItems on o.LibraryItemId equals i.Id into items
                         from i in items.DefaultIfEmpty()
                         orderby o.PublishedAt descending
                         select new PublishedOutput(o.Title, o.PublishedAt, i == null ? null : i.Slug)).Take(20).ToListAsync(ct);
    }

    public sealed record PublishedOutput(string Title, DateTime? PublishedAt, string? Slug);

    public string Acronym(string code) => Agencies.TryGetValue(code, out var a) ? a.Acronym : code;
}
