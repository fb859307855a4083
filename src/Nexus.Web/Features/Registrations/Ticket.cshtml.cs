using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Features.Events;
using Nexus.Web.Infrastructure;
using QRCoder;

namespace Nexus.Web.Features.Registrations;

/// <summary>
/// The participant's ticket. Its QR code is a link to the staff check-in page carrying the ticket secret, so
/// staff can scan it with any phone camera app, or with the scanner built into the check-in page.
/// </summary>
public class TicketModel(AppDbContext db, Links links) : PageModel
{
    public Registration? Registration { get; private set; }
    public string? QrPng { get; private set; }
    public string? OnlineUrl { get; private set; }

    public async Task OnGetAsync(string secret, CancellationToken ct)
    {
        if (secret.Length > 100) { Response.StatusCode = 404; return; }
        var hash = TokenSecrets.Hash(secret);
        Registration = await db.Registrations.AsNoTracking().Include(r => r.Event)
            .FirstOrDefaultAsync(r => r.TicketSecretHash == hash, ct);
        if (Registration is null)
        {
            Response.StatusCode = 404;
            return;
        }
        var seated = Registration.Status is RegistrationStatus.Confirmed or RegistrationStatus.Attended;
        if (seated) QrPng = Convert.ToBase64String(CheckInQr(links.To($"/registrations/manage/checkin?code={Uri.EscapeDataString(secret)}")));
        // The online link is for confirmed participants only.
        if (seated && Registration.Event!.Format != EventFormat.InPerson) OnlineUrl = Registration.Event.OnlineUrl;
    }

    public static byte[] CheckInQr(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }
}
