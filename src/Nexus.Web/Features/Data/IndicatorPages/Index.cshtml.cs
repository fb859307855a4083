using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Nexus.Web.Infrastructure.Caching;

namespace Nexus.Web.Features.Data.IndicatorPages;

[OutputCache(PolicyName = PublicCache.Policy)]
public class IndexModel(DataStore store) : PageModel
{
    public DataSnapshot Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Data = await store.CurrentAsync(ct);
}
