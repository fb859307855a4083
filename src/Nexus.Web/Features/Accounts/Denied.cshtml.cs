using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Nexus.Web.Features.Accounts;

public class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
