using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Nexus.Web.Infrastructure.Security;

public static class RateLimitPolicies
{
    public const string Registration = "registration";
    public const string SignIn = "sign-in";
    public const string Api = "api";
}

public static class SecuritySetup
{
    /// <summary>
    /// Rate limits per client address. Each rejection is a 429 with Retry-After and a ProblemDetails body.
    /// Nexus:RateLimits:Disabled turns them all off for load tests.
    /// </summary>
    public static IServiceCollection AddNexusRateLimits(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<RateLimitOptions>().Bind(config.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                // Pages get the friendly error page (the status code pages re-execute /error/429 on an empty body).
                if (!context.HttpContext.Request.Path.StartsWithSegments("/api")) return;
                await Results.Problem(statusCode: 429, title: "Too many requests",
                        detail: $"Too many requests from your address. Try again in {Math.Ceiling(retryAfter.TotalSeconds)} seconds.")
                    .ExecuteAsync(context.HttpContext);
            };
            o.AddPolicy(RateLimitPolicies.Registration, ctx => Window(ctx, RateLimitPolicies.Registration, l => l.RegistrationsPerMinute));
            o.AddPolicy(RateLimitPolicies.SignIn, ctx => Window(ctx, RateLimitPolicies.SignIn, l => l.SignInsPerMinute));
            o.AddPolicy(RateLimitPolicies.Api, ctx => Window(ctx, RateLimitPolicies.Api, l => l.ApiPerMinute));
        });
        return services;
    }

    private static RateLimitPartition<string> Window(HttpContext ctx, string policy, Func<RateLimitOptions, int> limit)
    {
        var options = ctx.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;
        // Only unsafe methods count for the registration and sign-in limits: reading the form is free.
        var counts = policy == RateLimitPolicies.Api || !HttpMethods.IsGet(ctx.Request.Method);
        if (options.Disabled || !counts) return RateLimitPartition.GetNoLimiter("off");
        var key = $"{policy}:{ctx.Connection.RemoteIpAddress}";
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit(options), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        });
    }

    /// <summary>
    /// Headers on every answer. The Content-Security-Policy allows no inline script or style; pages load
    /// their scripts from /js. no-referrer keeps the secrets in cancel and ticket links from leaking.
    /// </summary>
    public static IApplicationBuilder UseNexusSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var h = context.Response.Headers;
                h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
                                          "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
                                          "form-action 'self'; frame-ancestors 'none'";
                h.XContentTypeOptions = "nosniff";
                h.XFrameOptions = "DENY";
                h["Referrer-Policy"] = "no-referrer";
                h["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()";
                h["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next();
        });
}
