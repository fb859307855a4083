using System.ComponentModel.DataAnnotations;

namespace Nexus.Web.Infrastructure;

/// <summary>Settings under "Nexus" in configuration.</summary>
public sealed class NexusOptions
{
    public const string Section = "Nexus";

    /// <summary>Seed the demo programme into an empty database on start.</summary>
    public bool DemoData { get; set; }
    /// <summary>Apply pending migrations on start (the quick start does; production may run "db migrate" instead).</summary>
    public bool MigrateOnStart { get; set; } = true;
    /// <summary>Folder for the SQLite database, uploaded files and, without SMTP, outgoing .eml files.</summary>
    [Required] public string DataDirectory { get; set; } = "data";
    /// <summary>Absolute base URL used in emails and QR codes, e.g. https://nexus.example.org.</summary>
    public string? PublicBaseUrl { get; set; }
    [Required] public string OrganisationName { get; set; } = "United Nations Institute for Training and Research (UNITAR)";
    /// <summary>Largest accepted upload, in bytes.</summary>
    [Range(1024, 1024L * 1024 * 1024)] public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;
    /// <summary>Time zone used for dates that belong to no event.</summary>
    [Required] public string DefaultTimeZone { get; set; } = "America/New_York";
}

/// <summary>Settings under "Nexus:RateLimits". Limits are per client IP address and per minute.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Nexus:RateLimits";

    /// <summary>Turns every limit off, for load tests.</summary>
    public bool Disabled { get; set; }
    [Range(1, 100_000)] public int RegistrationsPerMinute { get; set; } = 20;
    [Range(1, 100_000)] public int SignInsPerMinute { get; set; } = 10;
    [Range(1, 1_000_000)] public int ApiPerMinute { get; set; } = 600;
}
