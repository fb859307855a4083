using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;

namespace Nexus.Web.Infrastructure.Errors;

/// <summary>
/// One mapping from failures to answers. Bad requests that the framework reports by exception (a body too
/// large, a malformed form) become 400/413 rather than 500; the API gets RFC 9457 ProblemDetails, pages get
/// the error page.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == 413 ? "Request too large" : "Bad request"),
            InvalidDataException => (400, "Bad request"),
            DbUpdateConcurrencyException => (409, "Conflict"),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "Client closed request"),
            _ => (500, "Something went wrong"),
        };
        if (status == 500) log.LogError(exception, "Unhandled exception for {Path}", context.Request.Path);
        else log.LogInformation("Request to {Path} failed with {Status}: {Message}", context.Request.Path, status, exception.Message);
        context.Response.StatusCode = status;
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/health"))
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = status, Title = title, Detail = status == 500 ? null : exception.Message },
            });
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>" +
            $"<body><main><h1>{title}</h1><p>Status {status}. <a href=\"/\">Home</a></p></main></body></html>", ct);
        return true;
    }
}
