using System.Text.Json.Serialization;

namespace Nexus.Web.Features.Library;

public enum ItemKind { FactSheet, SeminarFindings, Report, PolicyBrief, JointStatement, CourseMaterial, Presentation, DataNote }

public enum ItemStatus { Draft, Published, Unpublished }

/// <summary>
/// One entry of the public inventory. The row holds the latest content (<see cref="Draft"/>), which staff edit;
/// every save also keeps a <see cref="LibraryItemVersion"/>, and the public only ever sees the version named by
/// <see cref="PublishedVersion"/>. So a draft edit of a published item changes nothing in public until published.
/// </summary>
public class LibraryItem
{
    public int Id { get; set; }
    /// <summary>Stable public identifier, used in URLs, OAI identifiers and citations.</summary>
    public required string Slug { get; set; }
    public ItemStatus Status { get; set; }
    public required ItemContent Draft { get; set; }
    /// <summary>Number of the latest version (the one equal to <see cref="Draft"/>).</summary>
    public int CurrentVersion { get; set; }
    /// <summary>Number of the version the public sees; null while never published or after unpublishing.</summary>
    public int? PublishedVersion { get; set; }
    public DateTime? FirstPublishedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<LibraryItemVersion> Versions { get; set; } = [];
    public List<LibraryFile> Files { get; set; } = [];
}

/// <summary>The part of an item that is versioned: everything an editor can change.</summary>
public sealed record ItemContent
{
    public ItemKind Kind { get; init; }
    /// <summary>Title, abstract and body in each language the item is written in; the first is the original.</summary>
    public List<ItemText> Texts { get; init; } = [];
    public List<string> Authors { get; init; } = [];
    /// <summary>Codes of the contributing agencies (<see cref="Agencies.Agency.Code"/>).</summary>
    public List<string> Agencies { get; init; } = [];
    /// <summary>Codes from the managed vocabulary (<see cref="LibraryTheme"/>).</summary>
    public List<string> Themes { get; init; } = [];
    /// <summary>UN M49 codes of the countries and regions the item is about ("608" the Philippines, "002" Africa).</summary>
    public List<string> Places { get; init; } = [];
    public DateOnly PublishedOn { get; init; }
    /// <summary>SPDX identifier where there is one (CC-BY-4.0), else free text.</summary>
    public string Licence { get; init; } = "CC-BY-4.0";
    /// <summary>Files attached in this version; file rows are immutable, so old versions keep theirs.</summary>
    public List<int> FileIds { get; init; } = [];
    /// <summary>The seminar or meeting the item came from, if any.</summary>
    public int? EventId { get; init; }

    /// <summary>Languages of the texts, in order (the original first).</summary>
    [JsonIgnore] public IEnumerable<string> Languages => Texts.Select(t => t.Language);
}

/// <summary>Title, abstract and body in one language. Body is Markdown, sanitised when rendered.</summary>
public sealed record ItemText
{
    /// <summary>One of the six UN languages: ar, zh, en, fr, ru, es.</summary>
    public required string Language { get; init; }
    public required string Title { get; init; }
    public string Abstract { get; init; } = "";
    public string Body { get; init; } = "";
}

/// <summary>A saved state of an item's content, with who saved it and when.</summary>
public class LibraryItemVersion
{
    public int Id { get; set; }
    public int ItemId { get; set; }
    public int Number { get; set; }
    public required ItemContent Content { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Display name and email of the editor, kept as text so that history survives account deletion.</summary>
    public required string CreatedBy { get; set; }
    public string Note { get; set; } = "";
}

/// <summary>An uploaded file. Rows are never changed: a new upload is a new row, so every version keeps its files.</summary>
public class LibraryFile
{
    public int Id { get; set; }
    public int ItemId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    /// <summary>pdf, docx, xlsx or csv, decided from the content.</summary>
    public required string Format { get; set; }
    /// <summary>Language of the file's text, if known.</summary>
    public string? Language { get; set; }
    public long SizeBytes { get; set; }
    public required string StorageKey { get; set; }
    public required string Sha256 { get; set; }
    /// <summary>Text extracted for search; capped in length.</summary>
    public string Text { get; set; } = "";
    /// <summary>Why no text could be extracted (encrypted, damaged), if so.</summary>
    public string? TextError { get; set; }
    public DateTime UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
}

/// <summary>A term of the managed theme vocabulary, named in several languages.</summary>
public class LibraryTheme
{
    /// <summary>Stable code used in URLs and data, e.g. "remittances".</summary>
    public required string Code { get; set; }
    /// <summary>Names by language code; English is always present.</summary>
    public Dictionary<string, string> Names { get; set; } = [];
    public int Order { get; set; }

    public string NameIn(string language) =>
        Names.TryGetValue(language, out var n) ? n : Names.TryGetValue("en", out var en) ? en : Code;
}

/// <summary>
/// What the public search sees: one row per item, written from the published version when an item is published,
/// and marked invisible (never deleted) when it is unpublished. <see cref="Sequence"/> orders these writes, so a
/// node can bring its in-memory facet table up to date by reading the rows past the last sequence it saw.
/// </summary>
public class LibraryDocument
{
    /// <summary>Same as the item's id; also the row id of the SQLite full-text table.</summary>
    public int ItemId { get; set; }
    public bool Visible { get; set; }
    public long Sequence { get; set; }
    public string Slug { get; set; } = "";
    public int Version { get; set; }
    public ItemKind Kind { get; set; }
    public DateOnly PublishedOn { get; set; }
    public List<ItemText> Texts { get; set; } = [];
    public List<string> Authors { get; set; } = [];
    public List<string> Agencies { get; set; } = [];
    public List<string> Themes { get; set; } = [];
    public List<string> Places { get; set; } = [];
    /// <summary>Languages of the texts and of the files' text.</summary>
    public List<string> Languages { get; set; } = [];
    public string Licence { get; set; } = "";
    public List<int> FileIds { get; set; } = [];
    public int? EventId { get; set; }
    /// <summary>When the item was first published; feeds and OAI use <see cref="UpdatedAt"/> for changes.</summary>
    public DateTime FirstPublishedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// One row. Every write to the library increments <see cref="Sequence"/> inside its transaction; the update takes
/// the row's lock, so library writes are serialised and their sequence numbers commit in order.
/// </summary>
public class LibraryState
{
    public int Id { get; set; }
    public long Sequence { get; set; }
}
