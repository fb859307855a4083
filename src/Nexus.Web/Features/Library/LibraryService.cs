using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Library.Files;
using Nexus.Web.Features.Library.Search;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Countries;
using Nexus.Web.Infrastructure.Files;

namespace Nexus.Web.Features.Library;

public enum LibraryOutcome { Done, NotFound, Conflict, Invalid }

/// <summary>An item to create with <see cref="LibraryService.CreateManyAsync(IReadOnlyList{NewItem}, string, CancellationToken)"/>.</summary>
public sealed record NewItem(ItemContent Content, bool Publish, IReadOnlyList<NewFile> Files);

/// <summary>A file already checked, read and stored (<see cref="LibraryService.StoreFileAsync"/>), not yet attached to an item.</summary>
public sealed record NewFile(string FileName, string Format, string? Language, StoredFile Stored, ExtractedText Text);

public sealed record LibraryResult(LibraryOutcome Outcome, LibraryItem? Item = null, string? Message = null, LibraryFile? File = null)
{
    public bool Ok => Outcome == LibraryOutcome.Done;
}

/// <summary>
/// Every change to the library goes through here: it keeps a version per edit, writes the public document and
/// its index entry when a version is published, and does each change in one transaction under the library's
/// sequence lock (see <see cref="LibraryCatalog"/>), so the documents, the index and the catalogs agree.
/// </summary>
public sealed class LibraryService(AppDbContext db, ILibraryIndex index, FileStore store, TimeProvider clock)
{
    public const long MaxFileBytes = 50 * 1024 * 1024;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Creates an item, published at once or as a draft. A caller that has opened a transaction (a joint output
    /// published into the library) gets the item inside it, and commits or rolls back both together.
    /// </summary>
    public async Task<LibraryResult> CreateAsync(ItemContent content, string editor, bool publish, CancellationToken ct)
    {
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var sequence = await NextSequenceAsync(ct);
        var item = await AddItemAsync(content, editor, ct);
        await db.SaveChangesAsync(ct);
        if (publish) await PublishVersionAsync(item, 1, content, sequence, ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return new LibraryResult(LibraryOutcome.Done, item);
    }

    /// <summary>Creates many items in one transaction: all are saved or none (the spreadsheet import).</summary>
    public Task<List<LibraryItem>> CreateManyAsync(IReadOnlyList<(ItemContent Content, bool Publish)> items, string editor, CancellationToken ct) =>
        CreateManyAsync(items.Select(i => new NewItem(i.Content, i.Publish, [])).ToList(), editor, ct);

    /// <summary>
    /// Creates many items with their files (see <see cref="StoreFileAsync"/>) in one transaction: all are saved
    /// or none. Works in chunks, clearing the change tracker after each: every SaveChanges compares all tracked
    /// JSON contents, so one tracker holding thousands of items would make a large import quadratic.
    /// </summary>
    public async Task<List<LibraryItem>> CreateManyAsync(IReadOnlyList<NewItem> items, string editor, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var sequence = await NextSequenceAsync(ct);
        var created = new List<LibraryItem>(items.Count);
        foreach (var chunk in items.Chunk(200))
        {
            var added = new List<LibraryItem>(chunk.Length);
            foreach (var i in chunk) added.Add(await AddItemAsync(i.Content, editor, ct));
            await db.SaveChangesAsync(ct);
            if (chunk.Any(i => i.Files.Count > 0))
            {
                var files = chunk.Select((i, n) => i.Files.Select(f => new LibraryFile
                {
                    ItemId = added[n].Id, FileName = f.FileName, ContentType = f.Stored.ContentType, Format = f.Format, Language = f.Language,
                    SizeBytes = f.Stored.Size, StorageKey = f.Stored.Key, Sha256 = f.Stored.Sha256, Text = f.Text.Text, TextError = f.Text.Error,
                    UploadedAt = Now, UploadedBy = editor,
                }).ToList()).ToList();
                db.LibraryFiles.AddRange(files.SelectMany(f => f));
                await db.SaveChangesAsync(ct);
                // Version 1 holds the files: the item is created with them, not edited afterwards.
                for (var n = 0; n < chunk.Length; n++)
                    if (files[n].Count > 0)
                    {
                        var content = added[n].Draft with { FileIds = [.. added[n].Draft.FileIds, .. files[n].Select(f => f.Id)] };
                        added[n].Draft = content;
                        added[n].Versions[0].Content = content;
                    }
                await db.SaveChangesAsync(ct);
            }
            for (var n = 0; n < chunk.Length; n++)
                if (chunk[n].Publish) await PublishVersionAsync(added[n], 1, added[n].Draft, sequence, ct);
            db.ChangeTracker.Clear();
            created.AddRange(added);
        }
        await tx.CommitAsync(ct);
        return created;
    }

    /// <summary>
    /// Reads the text of a file whose format was already checked and stores it, for <see cref="CreateManyAsync(IReadOnlyList{NewItem}, string, CancellationToken)"/>.
    /// Like <see cref="AttachFileAsync"/> it stores before the transaction; a caller whose transaction fails deletes the file.
    /// </summary>
    public async Task<NewFile> StoreFileAsync(Stream content, string format, string? fileName, string? language, CancellationToken ct)
    {
        content.Position = 0;
        var text = TextExtractor.Extract(content, format);
        var kind = format switch { "pdf" => FileKind.Pdf, "docx" => FileKind.Docx, "xlsx" => FileKind.Xlsx, _ => FileKind.Csv };
        var stored = await store.SaveAsync(content, kind, ct);
        return new NewFile(SafeFileName(fileName, format), format, language, stored, text);
    }

    /// <summary>Saves an edit as a new version. <paramref name="expectedVersion"/> guards against overwriting someone else's edit.</summary>
    public async Task<LibraryResult> UpdateAsync(int id, ItemContent content, string editor, bool publish, int? expectedVersion, CancellationToken ct, string note = "Edited")
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var sequence = await NextSequenceAsync(ct);
        var item = await db.LibraryItems.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return new LibraryResult(LibraryOutcome.NotFound);
        if (expectedVersion is { } v && v != item.CurrentVersion)
            return new LibraryResult(LibraryOutcome.Conflict, item, $"The item is at version {item.CurrentVersion}, not {v}: someone else saved it meanwhile.");
        await AddVersionAsync(item, content, editor, note, ct);
        if (publish) await PublishVersionAsync(item, item.CurrentVersion, content, sequence, ct);
        await tx.CommitAsync(ct);
        return new LibraryResult(LibraryOutcome.Done, item);
    }

    /// <summary>Makes a version (the latest by default) the one the public sees.</summary>
    public async Task<LibraryResult> PublishAsync(int id, int? version, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var sequence = await NextSequenceAsync(ct);
        var item = await db.LibraryItems.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return new LibraryResult(LibraryOutcome.NotFound);
        var number = version ?? item.CurrentVersion;
        var content = await db.LibraryVersions.Where(v => v.ItemId == id && v.Number == number).Select(v => v.Content).FirstOrDefaultAsync(ct);
        if (content is null) return new LibraryResult(LibraryOutcome.NotFound, item, $"Version {number} does not exist.");
        await PublishVersionAsync(item, number, content, sequence, ct);
        await tx.CommitAsync(ct);
        return new LibraryResult(LibraryOutcome.Done, item);
    }

    public async Task<LibraryResult> UnpublishAsync(int id, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var sequence = await NextSequenceAsync(ct);
        var item = await db.LibraryItems.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return new LibraryResult(LibraryOutcome.NotFound);
        var doc = await db.LibraryDocuments.FirstOrDefaultAsync(d => d.ItemId == id, ct);
        if (doc is not null)
        {
            doc.Visible = false;
            doc.Sequence = sequence;
            doc.UpdatedAt = Now;
        }
        item.Status = ItemStatus.Unpublished;
        item.PublishedVersion = null;
        item.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
        await index.RemoveAsync(db, id, ct);
        await tx.CommitAsync(ct);
        return new LibraryResult(LibraryOutcome.Done, item);
    }

    /// <summary>Brings back an earlier version's content as a new version; history is never rewritten.</summary>
    public async Task<LibraryResult> RestoreAsync(int id, int version, string editor, bool publish, CancellationToken ct)
    {
        var content = await db.LibraryVersions.AsNoTracking().Where(v => v.ItemId == id && v.Number == version).Select(v => v.Content).FirstOrDefaultAsync(ct);
        if (content is null) return new LibraryResult(LibraryOutcome.NotFound, Message: $"Version {version} does not exist.");
        return await UpdateAsync(id, content, editor, publish, null, ct, $"Restored version {version}");
    }

    /// <summary>
    /// Stores an uploaded file, extracts its text for search and adds it to a new version of the item. The type
    /// is read from the content; a file whose text cannot be read is still kept, with the reason.
    /// </summary>
    public async Task<LibraryResult> AttachFileAsync(int id, Stream upload, string? fileName, string? language, string editor, bool publish, CancellationToken ct)
    {
        if (!await db.LibraryItems.AnyAsync(i => i.Id == id, ct)) return new LibraryResult(LibraryOutcome.NotFound);
        if (language is not null && !LibraryLanguages.All.Contains(language))
            return new LibraryResult(LibraryOutcome.Invalid, Message: $"language: choose one of {string.Join(", ", LibraryLanguages.All)}.");
        await using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        if (buffer.Length == 0) return new LibraryResult(LibraryOutcome.Invalid, Message: "file: the file is empty.");
        if (buffer.Length > MaxFileBytes) return new LibraryResult(LibraryOutcome.Invalid, Message: $"file: at most {MaxFileBytes / 1024 / 1024} MB.");
        buffer.Position = 0;
        var format = LibraryFileFormat.Detect(buffer, fileName);
        if (format is null) return new LibraryResult(LibraryOutcome.Invalid, Message: "file: give a PDF, Word (.docx), Excel (.xlsx) or CSV file.");
        buffer.Position = 0;
        var text = TextExtractor.Extract(buffer, format);
        var kind = format switch { "pdf" => FileKind.Pdf, "docx" => FileKind.Docx, "xlsx" => FileKind.Xlsx, _ => FileKind.Csv };
        var stored = await store.SaveAsync(buffer, kind, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var sequence = await NextSequenceAsync(ct);
        var item = await db.LibraryItems.FirstAsync(i => i.Id == id, ct);
        var file = new LibraryFile
        {
            ItemId = id, FileName = SafeFileName(fileName, format), ContentType = stored.ContentType, Format = format, Language = language,
            SizeBytes = stored.Size, StorageKey = stored.Key, Sha256 = stored.Sha256, Text = text.Text, TextError = text.Error,
            UploadedAt = Now, UploadedBy = editor,
        };
        db.LibraryFiles.Add(file);
        await db.SaveChangesAsync(ct);
        var content = item.Draft with { FileIds = [.. item.Draft.FileIds, file.Id] };
        await AddVersionAsync(item, content, editor, $"Added {file.FileName}", ct);
        if (publish) await PublishVersionAsync(item, item.CurrentVersion, content, sequence, ct);
        await tx.CommitAsync(ct);
        return new LibraryResult(LibraryOutcome.Done, item, File: file);
    }

    /// <summary>Takes a file out of the item in a new version; earlier versions keep it.</summary>
    public async Task<LibraryResult> RemoveFileAsync(int id, int fileId, string editor, bool publish, CancellationToken ct)
    {
        var item = await db.LibraryItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null || !item.Draft.FileIds.Contains(fileId)) return new LibraryResult(LibraryOutcome.NotFound);
        var name = await db.LibraryFiles.Where(f => f.Id == fileId).Select(f => f.FileName).FirstAsync(ct);
        var content = item.Draft with { FileIds = item.Draft.FileIds.Where(f => f != fileId).ToList() };
        return await UpdateAsync(id, content, editor, publish, null, ct, $"Removed {name}");
    }

    /// <summary>
    /// Writes every visible document's index entry again (after a change of analyser, or after a bulk load).
    /// Analysis runs on all cores; writes go in chunks, each in its own transaction.
    /// </summary>
    public async Task<int> ReindexAsync(CancellationToken ct, string? theme = null)
    {
        var visible = db.LibraryDocuments.Where(d => d.Visible);
        if (theme is not null) visible = visible.Where(d => d.Themes.Contains(theme));
        var ids = await visible.OrderBy(d => d.ItemId).Select(d => d.ItemId).ToListAsync(ct);
        _labels = null; // names may just have changed
        var labels = await LabelsAsync(ct);
        foreach (var chunk in ids.Chunk(1000))
        {
            var docs = await db.LibraryDocuments.AsNoTracking().Where(d => chunk.Contains(d.ItemId)).ToListAsync(ct);
            var fileIds = docs.SelectMany(d => d.FileIds).ToList();
            var files = fileIds.Count == 0 ? [] : await db.LibraryFiles.AsNoTracking().Where(f => fileIds.Contains(f.Id))
                .Select(f => new { f.Id, f.Text, f.Language }).ToDictionaryAsync(f => f.Id, ct);
            var texts = new IndexedText[docs.Count];
            Parallel.For(0, docs.Count, new ParallelOptions { CancellationToken = ct }, i => texts[i] = IndexedText.From(docs[i],
                docs[i].FileIds.Where(files.ContainsKey).Select(f => (files[f].Text, files[f].Language)), labels.For(docs[i])));
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var sequence = await NextSequenceAsync(ct);
            for (var i = 0; i < docs.Count; i++) await index.WriteAsync(db, docs[i].ItemId, texts[i], ct);
            await db.LibraryDocuments.Where(d => chunk.Contains(d.ItemId)).ExecuteUpdateAsync(s => s.SetProperty(d => d.Sequence, sequence), ct);
            await tx.CommitAsync(ct);
        }
        if (theme is null) await index.OptimizeAsync(db, ct);
        return ids.Count;
    }

    /// <summary>
    /// Loads many published items fast, for benchmarks and migrations from other catalogues: plain inserts in
    /// large batches and no index writes. Run <see cref="ReindexAsync"/> afterwards to make them searchable.
    /// </summary>
    public async Task<int> BulkLoadAsync(IEnumerable<ItemContent> contents, string editor, string slugPrefix, CancellationToken ct)
    {
        var count = 0;
        var now = Now;
        foreach (var chunk in contents.Chunk(2000))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var sequence = await NextSequenceAsync(ct);
            var items = new List<LibraryItem>(chunk.Length);
            foreach (var content in chunk)
            {
                var item = new LibraryItem
                {
                    Slug = $"{slugPrefix}-{++count}", Draft = content, CurrentVersion = 1, PublishedVersion = 1, Status = ItemStatus.Published,
                    CreatedAt = now, UpdatedAt = now, FirstPublishedAt = now,
                };
                item.Versions.Add(new LibraryItemVersion { Number = 1, Content = content, CreatedAt = now, CreatedBy = editor, Note = "Loaded" });
                items.Add(item);
            }
            db.LibraryItems.AddRange(items);
            await db.SaveChangesAsync(ct);
            db.LibraryDocuments.AddRange(items.Select(item => new LibraryDocument
            {
                ItemId = item.Id, Visible = true, Sequence = sequence, Slug = item.Slug, Version = 1, Kind = item.Draft.Kind,
                PublishedOn = item.Draft.PublishedOn, Texts = item.Draft.Texts, Authors = item.Draft.Authors, Agencies = item.Draft.Agencies,
                Themes = item.Draft.Themes, Places = item.Draft.Places, Languages = item.Draft.Languages.Distinct().ToList(),
                Licence = item.Draft.Licence, FileIds = [], EventId = item.Draft.EventId, FirstPublishedAt = now, UpdatedAt = now,
            }));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return count;
    }

    /// <summary>"Full Name (email)" of the signed-in editor, kept as text in the history.</summary>
    public async Task<string> EditorAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var found = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.FullName, u.Email }).FirstOrDefaultAsync(ct);
        return found is null ? user.Identity?.Name ?? "unknown" : $"{found.FullName} ({found.Email})";
    }

    /// <summary>Known theme and agency codes, for <see cref="ItemInput.ToContent"/>.</summary>
    public async Task<(HashSet<string> Themes, HashSet<string> Agencies)> VocabularyAsync(CancellationToken ct) =>
        (await db.LibraryThemes.Select(t => t.Code).ToHashSetAsync(ct), await db.Agencies.Select(a => a.Code).ToHashSetAsync(ct));

    public DateOnly Today => DateOnly.FromDateTime(Now);

    // ---- steps, always inside a transaction opened above ------------------------------------------------------

    /// <summary>
    /// Takes the library's write lock and the sequence number stamped on the documents this change writes. The
    /// UPDATE holds the row lock (PostgreSQL) or the database write lock (SQLite) until commit, so sequences
    /// become visible in order, which is what lets <see cref="LibraryCatalog"/> catch up by reading past one.
    /// </summary>
    private async Task<long> NextSequenceAsync(CancellationToken ct) =>
        (await db.Database.SqlQuery<long>($"UPDATE \"LibraryState\" SET \"Sequence\" = \"Sequence\" + 1 WHERE \"Id\" = 1 RETURNING \"Sequence\"")
            .ToListAsync(ct)).Single();

    private async Task<LibraryItem> AddItemAsync(ItemContent content, string editor, CancellationToken ct)
    {
        var now = Now;
        var item = new LibraryItem
        {
            Slug = await UniqueSlugAsync(content, ct), Draft = content, CurrentVersion = 1, Status = ItemStatus.Draft,
            CreatedAt = now, UpdatedAt = now,
        };
        item.Versions.Add(new LibraryItemVersion { Number = 1, Content = content, CreatedAt = now, CreatedBy = editor, Note = "Created" });
        db.LibraryItems.Add(item);
        return item;
    }

    private async Task AddVersionAsync(LibraryItem item, ItemContent content, string editor, string note, CancellationToken ct)
    {
        item.CurrentVersion++;
        item.Draft = content;
        item.UpdatedAt = Now;
        db.LibraryVersions.Add(new LibraryItemVersion
        {
            ItemId = item.Id, Number = item.CurrentVersion, Content = content, CreatedAt = Now, CreatedBy = editor, Note = note,
        });
        await db.SaveChangesAsync(ct);
    }

    private async Task PublishVersionAsync(LibraryItem item, int number, ItemContent content, long sequence, CancellationToken ct)
    {
        var now = Now;
        var doc = await db.LibraryDocuments.FirstOrDefaultAsync(d => d.ItemId == item.Id, ct);
        if (doc is null) db.LibraryDocuments.Add(doc = new LibraryDocument { ItemId = item.Id, FirstPublishedAt = now });
        var files = await db.LibraryFiles.AsNoTracking().Where(f => content.FileIds.Contains(f.Id))
            .Select(f => new { f.Id, f.Text, f.Language }).ToListAsync(ct);
        doc.Visible = true;
        doc.Sequence = sequence;
        doc.Slug = item.Slug;
        doc.Version = number;
        doc.Kind = content.Kind;
        doc.PublishedOn = content.PublishedOn;
        doc.Texts = content.Texts;
        doc.Authors = content.Authors;
        doc.Agencies = content.Agencies;
        doc.Themes = content.Themes;
        doc.Places = content.Places;
        doc.Languages = content.Languages.Concat(files.Select(f => f.Language).OfType<string>()).Distinct().ToList();
        doc.Licence = content.Licence;
        doc.FileIds = content.FileIds;
        doc.EventId = content.EventId;
        doc.UpdatedAt = now;
        item.Status = ItemStatus.Published;
        item.PublishedVersion = number;
        item.FirstPublishedAt ??= now;
        item.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        var labels = await LabelsAsync(ct);
        await index.WriteAsync(db, item.Id, IndexedText.From(doc, files.Select(f => (f.Text, f.Language)), labels.For(doc)), ct);
    }

    private Labels? _labels;

    private async Task<Labels> LabelsAsync(CancellationToken ct)
    {
        if (_labels is not null) return _labels;
        var themes = await db.LibraryThemes.AsNoTracking().ToDictionaryAsync(t => t.Code, ct);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, ct);
        return _labels = new Labels(themes, agencies);
    }

    /// <summary>Names of an item's themes, agencies and places, indexed so that "Philippines" or "IOM" finds it.</summary>
    private sealed record Labels(Dictionary<string, LibraryTheme> Themes, Dictionary<string, Agencies.Agency> Agencies)
    {
        public IEnumerable<(string, string)> For(LibraryDocument d)
        {
            foreach (var code in d.Themes)
                if (Themes.TryGetValue(code, out var t))
                    foreach (var (lang, name) in t.Names) yield return (name, lang);
            foreach (var code in d.Agencies)
                if (Agencies.TryGetValue(code, out var a)) { yield return (a.Acronym, "en"); yield return (a.Name, "en"); }
            foreach (var code in d.Places)
                if (Regions.PlaceName(code) is { } name) yield return (name, "en");
        }
    }

    private async Task<string> UniqueSlugAsync(ItemContent content, CancellationToken ct)
    {
        var title = LibraryLanguages.Pick(content.Texts, "en").Title;
        var slug = Slugs.From(title);
        if (slug.Length == 0) slug = "item";
        if (slug.Length > 80) slug = slug[..80].TrimEnd('-');
        var taken = await db.LibraryItems.Where(i => i.Slug == slug || i.Slug.StartsWith(slug + "-")).Select(i => i.Slug).ToListAsync(ct);
        taken.AddRange(db.LibraryItems.Local.Select(i => i.Slug).Where(s => s == slug || s.StartsWith(slug + "-", StringComparison.Ordinal)));
        if (!taken.Contains(slug)) return slug;
        for (var n = 2; ; n++)
            if (!taken.Contains($"{slug}-{n}")) return $"{slug}-{n}";
    }

    private static string SafeFileName(string? name, string format)
    {
        var baseName = Path.GetFileNameWithoutExtension(Path.GetFileName((name ?? "").Replace('\\', '/')));
        var clean = new string(baseName.Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ' or '.').ToArray()).Trim(' ', '.');
        if (clean.Length == 0) clean = "file";
        if (clean.Length > 120) clean = clean[..120];
        return $"{clean}.{format}";
    }
}
