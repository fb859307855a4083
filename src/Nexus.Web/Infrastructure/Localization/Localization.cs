using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Nexus.Web.Infrastructure.Localization;




public static class SupportedCultures
{
    /// <summary>
    /// English and French are complete. Arabic is offered for its right-to-left layout; its strings fall back
    /// to English until the translation lands with the other UN languages.
    /// </summary>
    public static readonly string[] Names = ["en", "fr", "ar"];

    public static readonly CultureInfo[] Cultures = Names.Select(CultureInfo.GetCultureInfo).ToArray();

    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "en";
        var two = name.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Names.Contains(two) ? two : "en";
    }

    /// <summary>Runs code under another UI culture, e.g. to write an email in the recipient's language.</summary>
    public static IDisposable Use(string name) => new Scope(CultureInfo.GetCultureInfo(Normalize(name)));

    private sealed class Scope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture, _ui = CultureInfo.CurrentUICulture;
        public Scope(CultureInfo c) { CultureInfo.CurrentCulture = c; CultureInfo.CurrentUICulture = c; }
        public void Dispose() { CultureInfo.CurrentCulture = _culture; CultureInfo.CurrentUICulture = _ui; }
    }
}

public static class LocalizationSetup
{
    public const string CookieName = ".Nexus.Culture";

    public static IServiceCollection AddNexusLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = SupportedCultures.Cultures;
            o.SupportedUICultures = SupportedCultures.Cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // Order: ?culture= (links in emails), the switcher's cookie, then the browser's Accept-Language.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider { CookieName = CookieName },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }
}

public static class CultureEndpoints
{
    /// <summary>The language switcher: plain links, so it works without JavaScript.</summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/culture/{name}", (string name, string? returnUrl, HttpContext http) =>
        {
            var culture = SupportedCultures.Normalize(name);
            http.Response.Cookies.Append(LocalizationSetup.CookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
            // Only local paths: an open redirect would let others abuse our domain in phishing links.
            var target = returnUrl is { Length: > 0 and < 2000 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
                ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
        return routes;
    }
}
