using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure.Email;

[assembly: AssemblyFixture(typeof(Nexus.BrowserTests.NexusServer))]

namespace Nexus.BrowserTests;

/// <summary>
/// Nexus on a real port (Kestrel) with the demo programme on a fresh SQLite file, and one headless Chromium
/// (Debian's /usr/bin/chromium; Playwright never downloads a browser here). Shared by all browser tests.
/// </summary>
public sealed class NexusServer : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "nexus-browser-" + Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public IServiceProvider Services => _factory!.Services;

    public async ValueTask InitializeAsync()
    {
        var port = FreePort();
        BaseUrl = $"http://localhost:{port}";
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("ConnectionStrings:Nexus", $"Data Source={Path.Combine(_dataDir, "nexus.db")}");
            b.UseSetting("Nexus:DataDirectory", _dataDir);
            b.UseSetting("Nexus:DemoData", "true");
            b.UseSetting("Nexus:PublicBaseUrl", BaseUrl);
            b.UseSetting("Nexus:Email:SenderDisabled", "true");
            b.UseSetting("Nexus:RateLimits:Disabled", "true");
            b.ConfigureServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000));
        });
        Directory.CreateDirectory(_dataDir);
        _factory.UseKestrel(k => k.ListenLocalhost(port));
        _factory.StartServer();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("NEXUS_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync(string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = locale ?? "en-GB" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        // Pages ask for confirmation with window.confirm before destructive posts; a person would say yes.
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        return page;
    }

    /// <summary>A new browser context signed in through the sign-in form.</summary>
    public async Task<IPage> SignInAsync(string email, string password)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in"));
        return page;
    }

    /// <summary>The newest queued email of a kind to an address (emails stay in the outbox in these tests).</summary>
    public async Task<OutboxMessage> EmailAsync(string to, string kind)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        for (var i = 0; i < 50; i++)
        {
            var m = await db.Outbox.AsNoTracking().Where(x => x.To == to && x.Kind == kind).OrderByDescending(x => x.Id).FirstOrDefaultAsync();
            if (m is not null) return m;
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"No '{kind}' email to {to} in the outbox.");
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
