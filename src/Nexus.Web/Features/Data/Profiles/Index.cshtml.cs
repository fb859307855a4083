using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Nexus.Web.Infrastructure.Caching;

namespace Nexus.Web.Features.Data.Profiles;

/// <summary>Every area with a profile: regions by the M49 hierarchy with their countries, then UN DESA's groups.</summary>
[OutputCache(PolicyName = PublicCache.Policy)]
public class IndexModel(DataStore store) : PageModel
{
    public DataSnapshot Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Data = await store.CurrentAsync(ct);

    public IEnumerable<Area> Children(int code) =>
        Data.Areas.All.Where(a => a.ParentCode == code).OrderBy(a => a.Name, StringComparer.CurrentCulture);
}
