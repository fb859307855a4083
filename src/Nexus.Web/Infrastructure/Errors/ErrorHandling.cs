using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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
        if (IsApi(context) && exception is BadHttpRequestException { InnerException: JsonException json })
            return await WriteFieldErrorAsync(context, json);

        var (status, title) = exception switch
        {
            // The database is saturated (PostgreSQL pool exhausted, SQLite busy past its timeout): try again soon.
            NpgsqlException { IsTransient: true } or TimeoutException or SqliteException { SqliteErrorCode: 5 or 6 }
                => (503, "Busy, try again"),
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == 413 ? "Request too large" : "Bad request"),
            InvalidDataException => (400, "Bad request"),
            DbUpdateConcurrencyException => (409, "Conflict"),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "Client closed request"),
            _ => (500, "Something went wrong"),
        };
        if (status == 503) context.Response.Headers.RetryAfter = "2";
        if (status == 500) log.LogError(exception, "Unhandled exception for {Path}", context.Request.Path);
        else log.LogInformation("Request to {Path} failed with {Status}: {Message}", context.Request.Path, status, exception.Message);
        context.Response.StatusCode = status;
        if (IsApi(context))
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

    private static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/health");

    /// <summary>A JSON value of the wrong type or format: a validation problem naming the field by its JSON path.</summary>
    private async Task<bool> WriteFieldErrorAsync(HttpContext context, JsonException json)
    {
        var field = json.Path is { Length: > 2 } path && path.StartsWith("$.") ? path[2..] : "body";
        // The serializer's own messages name .NET types; ours (e.g. for dates) say what to send instead.
        var message = json.Message.Contains("could not be converted", StringComparison.Ordinal) || json.Message.Contains("System.", StringComparison.Ordinal)
            ? "Wrong type or format for this field."
            : json.Message.Split(" Path:", 2)[0];
        context.Response.StatusCode = 400;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = 400, Title = "One or more validation errors occurred.",
            },
        });
    }
}
