using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Data.Import;

namespace Nexus.Web.Features.Data.Extracts;

/// <summary>
/// Fills an empty portal from the extracts shipped inside Nexus (Features/Data/Extracts/*.csv.gz, made by
/// `data extract` from the official files), so a fresh install shows figures at once. Nothing happens once any
/// release exists: from then on `data import` and the upload page bring newer editions.
/// </summary>
public static class ShippedExtracts
{
    private const string Prefix = "Nexus.Extracts.";

    public static IReadOnlyList<string> Names =>
        [.. typeof(ShippedExtracts).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .OrderBy(n => n.EndsWith("areas.csv.gz", StringComparison.Ordinal) ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal)];

    /// <summary>Imports every shipped extract into a portal with no releases; returns how many were imported.</summary>
    public static async Task<int> LoadIfEmptyAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        if (await db.DataReleases.AnyAsync(ct)) return 0;
        var importer = services.GetRequiredService<DataImporter>();
        var n = 0;
        foreach (var name in Names)
        {
            await using var stream = typeof(ShippedExtracts).Assembly.GetManifestResourceStream(name)!;
            var file = await DataFile.OpenAsync(stream, name[Prefix.Length..], DataFile.DefaultMaxBytes, ct);
            await importer.ImportAsync(file, "Nexus (shipped extract)", null, ct);
            n++;
        }
        return n;
    }
}
