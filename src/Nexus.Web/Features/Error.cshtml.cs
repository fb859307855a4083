using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Nexus.Web.Features;

[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";
    public string Detail { get; private set; } = "Please try again later.";

    public void OnGet(int? status) => Describe(status);
    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        // When re-executed for an error answer, the original status is the truth (a re-executed POST may not
        // carry the route value).
        var reExecute = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>();
        if (reExecute is not null) status = Response.StatusCode;
        (Title, Detail) = status switch
        {
            404 => ("Page not found", "There is no page at this address."),
            403 => ("Not allowed", "You do not have access to this page."),
            400 => ("Bad request", "The request could not be understood."),
            413 => ("Too large", "What you sent is larger than allowed."),
            429 => ("Too many requests", "Please wait a minute and try again."),
            _ => (Title, Detail),
        };
        // Visiting /error/404 directly answers with that status too.
        if (reExecute is null && status is >= 400 and < 600) Response.StatusCode = status.Value;
    }
}
