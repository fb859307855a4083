using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Nexus.Web.Features.Certificates;

/// <summary>The public check of a certificate code, as printed under its QR code. Answers 200 whatever the code.</summary>
public class VerifyModel(CertificateService certificates) : PageModel
{
    public string? Typed { get; private set; }
    public Verification? Result { get; private set; }

    public async Task OnGetAsync(string? code, CancellationToken ct)
    {
        Typed = code is { Length: > 40 } ? code[..40] : code;
        if (!string.IsNullOrWhiteSpace(code)) Result = await certificates.VerifyAsync(code, ct);
    }
}
