using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Library.Import;

/// <summary>
/// The whole library as a manifest: every item's latest version, drafts included, one row each, in the columns
/// the import reads, so that an export imports again. Items are read a page at a time by id and written to a
/// temporary file, so a library of any size is exported without holding it in memory.
/// </summary>
public sealed class LibraryExport(AppDbContext db)
{
    private const int PageSize = 500;

    /// <summary>Writes the manifest to a temporary file, deleted when the returned stream is closed.</summary>
    public async Task<Stream> WriteAsync(string format, CancellationToken ct)
    {
        var temp = new FileStream(Path.Combine(Path.GetTempPath(), $"nexus-export-{Guid.NewGuid():N}.{format}"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            if (format == "csv") await Manifest.WriteCsvAsync(temp, Manifest.Columns, RowsAsync(ct), ct);
            else await Manifest.WriteXlsxAsync(temp, Manifest.Columns, RowsAsync(ct), ct);
            temp.Position = 0;
            return temp;
        }
        catch
        {
            await temp.DisposeAsync();
            throw;
        }
    }

    public async IAsyncEnumerable<Dictionary<string, object?>> RowsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var after = 0;
        while (true)
        {
            var page = await db.LibraryItems.AsNoTracking().Where(i => i.Id > after).OrderBy(i => i.Id).Take(PageSize)
                .Select(i => new { i.Id, i.Status, i.Draft }).ToListAsync(ct);
            if (page.Count == 0) yield break;
            var fileIds = page.SelectMany(p => p.Draft.FileIds).ToList();
            var files = await db.LibraryFiles.AsNoTracking().Where(f => fileIds.Contains(f.Id))
                .Select(f => new { f.Id, f.FileName, f.Language }).ToDictionaryAsync(f => f.Id, ct);
            foreach (var item in page)
                yield return Row(item.Status, item.Draft,
                    item.Draft.FileIds.Where(files.ContainsKey).Select(f => files[f].Language is { } l ? $"{files[f].FileName}|{l}" : files[f].FileName));
            after = page[^1].Id;
        }
    }

    /// <summary>One manifest row; list cells are joined with "; ", the first text fills the unsuffixed columns.</summary>
    public static Dictionary<string, object?> Row(ItemStatus status, ItemContent c, IEnumerable<string> files)
    {
        var row = new Dictionary<string, object?>
        {
            ["status"] = Codes.Of(status),
            ["kind"] = Codes.Of(c.Kind),
            ["authors"] = Join(c.Authors),
            ["agencies"] = Join(c.Agencies),
            ["themes"] = Join(c.Themes),
            ["places"] = Join(c.Places),
            ["published_on"] = c.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["licence"] = c.Licence,
            ["event_id"] = c.EventId,
            ["files"] = Join(files),
            ["publish"] = status == ItemStatus.Published ? "yes" : "no",
        };
        for (var i = 0; i < c.Texts.Count; i++)
        {
            var t = c.Texts[i];
            var suffix = i == 0 ? "" : "_" + t.Language;
            if (i == 0) row["language"] = t.Language;
            row[Manifest.TitleColumn + suffix] = t.Title;
            row[Manifest.AbstractColumn + suffix] = t.Abstract;
            row[Manifest.BodyColumn + suffix] = t.Body;
        }
        return row;
    }

    private static string Join(IEnumerable<string> values) => string.Join(Manifest.Separator + " ", values);
}
