using Microsoft.AspNetCore.Http.HttpResults;
using Nexus.Web.Infrastructure.Security;

namespace Nexus.Web.Features.Certificates;

public sealed record CertificateStatusDto(string Status, string? Code, string? Holder, string? Title, CertificateKind? Kind,
    DateOnly? StartDate, DateOnly? EndDate, decimal? Hours, DateTime? IssuedAt, string? RevocationReason);

public static class CertificatesApi
{
    public static IEndpointRouteBuilder MapCertificatesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/certificates").WithTags("Certificates").RequireRateLimiting(RateLimitPolicies.Api)
            .MapGet("/{code}", Verify)
            .WithSummary("Verifies a certificate code: valid, revoked (with the reason) or unknown; an unknown code is an answer, not an error.");
        return routes;
    }

    public static async Task<Ok<CertificateStatusDto>> Verify(string code, CertificateService certificates, CancellationToken ct)
    {
        var v = await certificates.VerifyAsync(code, ct);
        return TypedResults.Ok(new CertificateStatusDto(v.Status.ToString().ToLowerInvariant(), v.Code is null ? null : CertificateCode.Display(v.Code),
            v.Holder, v.Title, v.Kind, v.StartDate, v.EndDate, v.Hours, v.IssuedAt, v.RevocationReason));
    }

    public static IServiceCollection AddCertificates(this IServiceCollection services) => services.AddScoped<CertificateService>();
}
