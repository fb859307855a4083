using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Nexus.Web.Features.Accounts;

/// <summary>
/// The link in the email only shows a button: mail scanners open links, and a GET that confirmed would let
/// them confirm addresses for people who never read the email.
/// </summary>
public class ConfirmEmailModel(UserManager<AppUser> users) : PageModel
{
    public sealed class InputModel
    {
        public string? UserId { get; set; }
        public string? Code { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public bool Done { get; private set; }
    public bool Invalid { get; private set; }

    public void OnGet(string? userId, string? code)
    {
        Input = new InputModel { UserId = userId, Code = code };
        Invalid = string.IsNullOrWhiteSpace(userId) || AccountForms.DecodeCode(code) is null;
    }

    public void OnGetDone() => Done = true;

    public async Task<IActionResult> OnPostAsync()
    {
        var token = AccountForms.DecodeCode(Input.Code);
        var user = token is null || string.IsNullOrWhiteSpace(Input.UserId) ? null : await users.FindByIdAsync(Input.UserId);
        if (user is not null && token is not null && (user.EmailConfirmed || (await users.ConfirmEmailAsync(user, token)).Succeeded))
            return RedirectToPage(null, "Done");
        Invalid = true;
        return Page();
    }
}
