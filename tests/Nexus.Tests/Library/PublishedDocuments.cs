using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Agencies;
using Nexus.Web.Features.Library;

namespace Nexus.Tests.Library;

/// <summary>
/// Published library items written straight into the tables (an item and its public document), for tests of what
/// the public reads. Each gets a fresh slug unless one is given.
/// </summary>
public static class PublishedDocuments
{
    public static async Task<LibraryDocument> AddAsync(AppFactory app, string title = "Remittances and development",
        string? slug = null, bool visible = true, ItemKind kind = ItemKind.Report, string[]? authors = null,
        string[]? agencies = null, string[]? themes = null, ItemText[]? texts = null, DateTime? updatedAt = null,
        string abstractText = "How money sent home pays for schools and clinics.")
    {
        var now = DateTime.UtcNow;
        var updated = AppFixture.WholeSeconds(new DateTimeOffset(DateTime.SpecifyKind(updatedAt ?? now, DateTimeKind.Utc))).UtcDateTime;
        slug ??= "item-" + Guid.NewGuid().ToString("N")[..12];
        var allTexts = (texts ?? [new ItemText { Language = "en", Title = title, Abstract = abstractText, Body = "Body." }]).ToList();
        var content = new ItemContent
        {
            Kind = kind, Texts = allTexts, Authors = [.. authors ?? ["Amina Wanjiru"]], Agencies = [.. agencies ?? []],
            Themes = [.. themes ?? ["remittances"]], Places = ["608"], PublishedOn = new DateOnly(2009, 6, 15),
        };
        return await app.Db(async db =>
        {
            var item = new LibraryItem
            {
                Slug = slug, Status = visible ? ItemStatus.Published : ItemStatus.Unpublished, Draft = content,
                CurrentVersion = 1, PublishedVersion = visible ? 1 : null, FirstPublishedAt = updated,
                CreatedAt = updated, UpdatedAt = updated,
            };
            db.LibraryItems.Add(item);
            await db.SaveChangesAsync();
            var doc = new LibraryDocument
            {
                ItemId = item.Id, Visible = visible, Slug = slug, Version = 1, Kind = kind, PublishedOn = content.PublishedOn,
                Texts = allTexts, Authors = content.Authors, Agencies = content.Agencies, Themes = content.Themes,
                Places = content.Places, Languages = [.. content.Languages], Licence = content.Licence,
                FirstPublishedAt = updated, UpdatedAt = updated,
            };
            db.LibraryDocuments.Add(doc);
            await db.SaveChangesAsync();
            return doc;
        });
    }

    public static Task AddAgencyAsync(AppFactory app, string code, string acronym, string name) => app.Db(async db =>
    {
        if (await db.Agencies.AnyAsync(a => a.Code == code)) return 0;
        db.Agencies.Add(new Agency { Code = code, Acronym = acronym, Name = name });
        return await db.SaveChangesAsync();
    });
}
