namespace Nexus.Web.Infrastructure.Idempotency;

/// <summary>One use of an Idempotency-Key: the first request's fingerprint and, once done, its answer.</summary>
public class IdempotencyRecord
{
    public required string Scope { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public int? StatusCode { get; set; }
    public string? ResponseBody { get; set; }
    public string? Location { get; set; }
}
