using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Nexus.Web.Features.Accounts;

/// <summary>Signing out is a POST: a GET only shows the button, so a link or an image cannot sign anyone out.</summary>
public class SignOutModel(SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> t) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        TempData["Message"] = t["You are signed out."].Value;
        return LocalRedirect("/");
    }
}
