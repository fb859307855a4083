using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Demo;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Caching;
using Nexus.Web.Infrastructure.Errors;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web;

public static class NexusHosting
{
    /// <summary>
    /// Runs from the folder that holds the app's settings and wwwroot even when started from elsewhere
    /// (e.g. "dotnet /srv/nexus/Nexus.Web.dll"): the working directory is used only when it has appsettings.json.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var cwd = Directory.GetCurrentDirectory();
        var useBase = !File.Exists(Path.Combine(cwd, "appsettings.json"))
                      && File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json"));
        return new WebApplicationOptions { Args = args, ContentRootPath = useBase ? AppContext.BaseDirectory : null };
    }
}

/// <summary>The cross-cutting parts of the web application, kept out of Program.cs.</summary>
public static class WebSetup
{
    public static WebApplicationBuilder AddNexusHosting(this WebApplicationBuilder builder, bool command)
    {
        // A command prints its own result; the SQL log would drown it.
        if (command) builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOptions<NexusOptions>().Bind(builder.Configuration.GetSection(NexusOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.PublicBaseUrl is null || Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _),
                "Nexus:PublicBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("Nexus:MaxUploadBytes") + 1024 * 1024
                                          ?? 21 * 1024 * 1024;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDataProtection().SetApplicationName("Nexus").PersistKeysToDbContext<AppDbContext>();
        return builder;
    }

    public static IServiceCollection AddNexusWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<Links>();
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.AuthorizeFolder("/Events/Manage", Policies.Staff);
                o.Conventions.AuthorizeFolder("/Series/Manage", Policies.Staff);
                o.Conventions.AuthorizeFolder("/Registrations/Manage", Policies.Staff);
                o.Conventions.AuthorizeFolder("/Library/Manage", Policies.Staff);
                o.Conventions.AuthorizeFolder("/Data/Manage", Policies.Staff);
                o.Conventions.AuthorizeFolder("/Coordination/Space", Features.Coordination.CoordinationSetup.GroupPolicy);
                o.Conventions.AuthorizeFolder("/Accounts/Manage");
                o.Conventions.AuthorizeFolder("/Courses/Manage", Policies.Staff);
                o.Conventions.AuthorizeFolder("/Projects/Manage", Policies.Staff);
                o.Conventions.AuthorizeFolder("/Reports", Policies.Staff);
                o.Conventions.AuthorizeFolder("/Courses/Quizzes/Manage", Policies.Staff);
                o.Conventions.AuthorizeFolder("/Courses/Progress/Manage", Policies.Staff);
                // Learners' own pages: any signed-in account; each page checks the enrolment itself.
                o.Conventions.AuthorizeFolder("/Courses/Quizzes/Take");
                o.Conventions.AuthorizeFolder("/Courses/Progress/Learner");
                o.Conventions.AuthorizeFolder("/Accounts/Admin", Policies.Administrator);
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = ".Nexus.Antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddPublicCache(configuration);
        services.AddProblemDetails();
        // A body or query value the API cannot bind (malformed JSON, "abc" for a number) throws, so that the
        // exception handler answers with a ProblemDetails that names the parameter.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower));
            o.SerializerOptions.Converters.Add(new Infrastructure.Json.StrictDateTimeOffsetConverter());
        });
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Behind a reverse proxy the deployment lists it in Nexus:KnownProxies; nothing is trusted by default.
        });
        return services;
    }

    public static WebApplication UseNexusPipeline(this WebApplication app)
    {
        var proxies = app.Configuration.GetSection("Nexus:KnownProxies").Get<string[]>() ?? [];
        if (proxies.Length > 0)
        {
            var fwd = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
            foreach (var p in proxies) fwd.KnownProxies.Add(System.Net.IPAddress.Parse(p));
            app.UseForwardedHeaders();
        }
        app.UseExceptionHandler();
        // Empty error answers become ProblemDetails on the API and the error page everywhere else.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseNexusSecurityHeaders();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapNexusPages(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapOpenApi();
        return app;
    }

    public static WebApplication MapNexusHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }

    /// <summary>Migrates (when configured), makes sure the roles exist and seeds the demo programme.</summary>
    public static async Task InitializeAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<NexusOptions>>().Value;
        var startLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Nexus");
        if (options.PublicBaseUrl is null && !app.Environment.IsDevelopment() && !options.DemoData)
            startLog.LogWarning("Nexus:PublicBaseUrl is not set: emails sent by background jobs (offers, reminders) will link to http://localhost:5000.");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (options.MigrateOnStart) await DatabaseSetup.MigrateAsync(db);
        if (app.Configuration.GetValue("Nexus:Data:ShippedExtracts", true)
            && await Features.Data.Extracts.ShippedExtracts.LoadIfEmptyAsync(scope.ServiceProvider) is var loaded and > 0)
            startLog.LogInformation("Data portal filled from {Count} shipped extracts of the official files.", loaded);
        if (options.DemoData && await DemoData.SeedAsync(scope.ServiceProvider))
        {
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Nexus");
            log.LogInformation("Demo programme seeded. Demo accounts (demo only):{Accounts}",
                string.Concat(DemoData.Accounts.Select(a => $"\n  {a.Role,-17} {a.Email,-28} {a.Password}")));
        }
    }
}
