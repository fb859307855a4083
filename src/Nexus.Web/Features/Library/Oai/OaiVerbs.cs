using System.Text.RegularExpressions;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Library.Oai;

/// <summary>What a valid request answers: either errors, or a writer for the verb's element.</summary>
public sealed record OaiAnswer(IReadOnlyList<OaiError> Errors, Action<XmlWriter>? Body)
{
    public static OaiAnswer Error(string code, string message) => new([new OaiError(code, message)], null);
    public static OaiAnswer Of(Action<XmlWriter> body) => new([], body);
}

/// <summary>The six verbs over <see cref="LibraryDocument"/>: one row per item ever published; invisible rows are deleted records.</summary>
public sealed partial class OaiVerbs(AppDbContext db, Links links, OaiOptions options, OaiResumptionTokens tokens)
{
    private const string Ns = OaiXml.Namespace;
    /// <summary>Before anything Nexus could hold; the earliest datestamp of an empty repository.</summary>
    private static readonly DateTime Beginning = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public string BaseUrl => links.To("/oai");

    /// <summary>The namespace part of identifiers: configured, or the host of the public base URL.</summary>
    public string RepositoryIdentifier =>
        (string.IsNullOrWhiteSpace(options.OaiNamespace) ? new Uri(links.BaseUrl).Host : options.OaiNamespace.Trim()).ToLowerInvariant();

    public string Identifier(string slug) => $"oai:{RepositoryIdentifier}:library/{slug}";

    /// <summary>The slug in an identifier of this repository, or null for anything else.</summary>
    public string? SlugOf(string identifier)
    {
        var prefix = $"oai:{RepositoryIdentifier}:library/";
        if (!identifier.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var slug = identifier[prefix.Length..];
        return slug.Length is > 0 and <= 200 && !slug.Contains('/') ? slug : null;
    }

    public Task<OaiAnswer> AnswerAsync(OaiRequest request, CancellationToken ct) => request.Verb switch
    {
        OaiRequest.Identify => IdentifyAsync(ct),
        OaiRequest.ListMetadataFormats => ListMetadataFormatsAsync(request["identifier"], ct),
        OaiRequest.ListSets => ListSetsAsync(request["resumptionToken"], ct),
        OaiRequest.GetRecord => GetRecordAsync(request["identifier"]!, request["metadataPrefix"]!, ct),
        OaiRequest.ListIdentifiers or OaiRequest.ListRecords => ListAsync(request, ct),
        _ => throw new InvalidOperationException($"Unchecked verb {request.Verb}."),
    };

    private async Task<OaiAnswer> IdentifyAsync(CancellationToken ct)
    {
        var earliest = await db.LibraryDocuments.MinAsync(d => (DateTime?)d.UpdatedAt, ct) ?? Beginning;
        var repository = RepositoryIdentifier;
        return OaiAnswer.Of(w =>
        {
            w.WriteElementString("repositoryName", Ns, "Nexus library");
            w.WriteElementString("baseURL", Ns, BaseUrl);
            w.WriteElementString("protocolVersion", Ns, "2.0");
            w.WriteElementString("adminEmail", Ns, options.AdminEmail);
            w.WriteElementString("earliestDatestamp", Ns, OaiXml.Datestamp(earliest));
            w.WriteElementString("deletedRecord", Ns, "persistent");
            w.WriteElementString("granularity", Ns, "YYYY-MM-DDThh:mm:ssZ");
            // The oai-identifier schema wants a domain name with a dot; "localhost" or an address gets no description.
            if (!DomainName().IsMatch(repository)) return;
            w.WriteStartElement("description", Ns);
            w.WriteStartElement("oai-identifier", OaiXml.IdentifierNamespace);
            w.WriteAttributeString("schemaLocation", "http://www.w3.org/2001/XMLSchema-instance",
                $"{OaiXml.IdentifierNamespace} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd");
            w.WriteElementString("scheme", OaiXml.IdentifierNamespace, "oai");
            w.WriteElementString("repositoryIdentifier", OaiXml.IdentifierNamespace, repository);
            w.WriteElementString("delimiter", OaiXml.IdentifierNamespace, ":");
            w.WriteElementString("sampleIdentifier", OaiXml.IdentifierNamespace, Identifier("remittances-fact-sheet-2009"));
            w.WriteEndElement();
            w.WriteEndElement();
        });
    }

    private async Task<OaiAnswer> ListMetadataFormatsAsync(string? identifier, CancellationToken ct)
    {
        if (identifier is not null && await FindAsync(identifier, ct) is null)
            return OaiAnswer.Error("idDoesNotExist", "No item has this identifier.");
        return OaiAnswer.Of(w =>
        {
            w.WriteStartElement("metadataFormat", Ns);
            w.WriteElementString("metadataPrefix", Ns, OaiXml.DcPrefix);
            w.WriteElementString("schema", Ns, OaiXml.OaiDcSchema);
            w.WriteElementString("metadataNamespace", Ns, OaiXml.OaiDcNamespace);
            w.WriteEndElement();
        });
    }

    private async Task<OaiAnswer> ListSetsAsync(string? resumptionToken, CancellationToken ct)
    {
        // The list of sets always fits in one response, so no token was ever issued for it.
        if (resumptionToken is not null) return OaiAnswer.Error("badResumptionToken", "The resumption token is invalid or has expired.");
        var sets = await OaiSets.AllAsync(db, ct);
        if (sets.Count == 0) return OaiAnswer.Error("noSetHierarchy", "The library has no sets yet.");
        return OaiAnswer.Of(w =>
        {
            foreach (var (spec, name) in sets)
            {
                w.WriteStartElement("set", Ns);
                w.WriteElementString("setSpec", Ns, OaiXml.Clean(spec));
                w.WriteElementString("setName", Ns, OaiXml.Clean(name));
                w.WriteEndElement();
            }
        });
    }

    private async Task<OaiAnswer> GetRecordAsync(string identifier, string metadataPrefix, CancellationToken ct)
    {
        var itemId = await FindAsync(identifier, ct);
        if (itemId is null) return OaiAnswer.Error("idDoesNotExist", "No item has this identifier.");
        if (metadataPrefix != OaiXml.DcPrefix) return CannotDisseminate();
        var records = await RecordsAsync(db.LibraryDocuments.Where(d => d.ItemId == itemId), ct);
        var labels = await LibraryLabels.LoadAsync(db, ct);
        return OaiAnswer.Of(w => OaiXml.Record(w, records[0], Identifier(records[0].Header.Slug), Url(records[0].Header.Slug), labels));
    }

    private async Task<OaiAnswer> ListAsync(OaiRequest request, CancellationToken ct)
    {
        OaiResumptionToken state;
        if (request["resumptionToken"] is { } text)
        {
            if (tokens.Read(text, request.Verb!) is not { } token)
                return OaiAnswer.Error("badResumptionToken", "The resumption token is invalid or has expired.");
            state = token;
        }
        else
        {
            if (request["metadataPrefix"] != OaiXml.DcPrefix) return CannotDisseminate();
            var set = request["set"];
            if (set is not null && !await OaiSets.AnyAsync(db, ct)) return OaiAnswer.Error("noSetHierarchy", "The library has no sets yet.");
            var (window, _) = request.Window();
            var count = await Matching(set, window).CountAsync(ct);
            if (count == 0) return OaiAnswer.Error("noRecordsMatch", "No records match these arguments.");
            state = new(request.Verb!, set, window.From?.Ticks, window.UntilExclusive?.Ticks, -1, 0, 0, count);
        }

        var query = Matching(state.Set, state.Window);
        if (state.AfterTicks >= 0)
        {
            var after = state.After;
            var afterId = state.AfterId;
            // The keyset (UpdatedAt, ItemId) > (after, afterId), written with a plain range on UpdatedAt that an index can seek.
            query = query.Where(d => d.UpdatedAt >= after && (d.UpdatedAt > after || d.ItemId > afterId));
        }
        // One more than a page tells whether another page follows.
        query = query.OrderBy(d => d.UpdatedAt).ThenBy(d => d.ItemId).Take(options.OaiPageSize + 1);

        var records = request.Verb == OaiRequest.ListRecords ? await RecordsAsync(query, ct) : null;
        var headers = records?.Select(r => r.Header).ToList() ?? await Headers(query).ToListAsync(ct);
        // Records may have gone out of the window (edited since) between pages: the harvest is then simply complete.
        if (headers.Count == 0 && state.Cursor == 0) return OaiAnswer.Error("noRecordsMatch", "No records match these arguments.");
        var more = headers.Count > options.OaiPageSize;
        if (more) headers.RemoveAt(headers.Count - 1);
        var last = headers.LastOrDefault();
        var next = more && last is not null
            ? tokens.Write(state with { AfterTicks = last.UpdatedAt.Ticks, AfterId = last.ItemId, Cursor = state.Cursor + headers.Count })
            : null;
        var split = more || state.Cursor > 0;
        var labels = records is null ? null : await LibraryLabels.LoadAsync(db, ct);

        return OaiAnswer.Of(w =>
        {
            if (records is null)
                foreach (var h in headers) OaiXml.Header(w, h, Identifier(h.Slug));
            else
                foreach (var r in records.Take(headers.Count)) OaiXml.Record(w, r, Identifier(r.Header.Slug), Url(r.Header.Slug), labels!);
            if (!split) return;
            // The last page of a split list carries an empty token (section 3.5).
            w.WriteStartElement("resumptionToken", Ns);
            w.WriteAttributeString("completeListSize", Math.Max(state.CompleteListSize, state.Cursor + headers.Count).ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteAttributeString("cursor", state.Cursor.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (next is not null) w.WriteString(next);
            w.WriteEndElement();
        });
    }

    private IQueryable<LibraryDocument> Matching(string? set, OaiWindow window)
    {
        var documents = db.LibraryDocuments.AsNoTracking();
        if (window.From is { } from) documents = documents.Where(d => d.UpdatedAt >= from);
        if (window.UntilExclusive is { } until) documents = documents.Where(d => d.UpdatedAt < until);
        return set is null ? documents : OaiSets.Filter(documents, set);
    }

    private static IQueryable<OaiHeader> Headers(IQueryable<LibraryDocument> documents) =>
        documents.Select(d => new OaiHeader(d.ItemId, d.Slug, d.Visible, d.UpdatedAt, d.Kind, d.Themes));

    private static Task<List<OaiRecord>> RecordsAsync(IQueryable<LibraryDocument> documents, CancellationToken ct) =>
        documents.Select(d => new OaiRecord(new OaiHeader(d.ItemId, d.Slug, d.Visible, d.UpdatedAt, d.Kind, d.Themes),
                d.PublishedOn, d.Texts, d.Authors, d.Agencies, d.Places, d.Languages, d.Licence))
            .ToListAsync(ct);

    /// <summary>The item id of a published (or once published) item by its OAI identifier; drafts do not exist here.</summary>
    private async Task<int?> FindAsync(string identifier, CancellationToken ct)
    {
        if (SlugOf(identifier) is not { } slug) return null;
        // Through the item's unique slug index, then the document by key.
        return await (from i in db.LibraryItems
                      where i.Slug == slug
                      join d in db.LibraryDocuments on i.Id equals d.ItemId
                      select (int?)d.ItemId).FirstOrDefaultAsync(ct);
    }

    private string Url(string slug) => links.To($"/library/{Uri.EscapeDataString(slug)}");

    private static OaiAnswer CannotDisseminate() =>
        OaiAnswer.Error("cannotDisseminateFormat", "Only oai_dc is disseminated; see ListMetadataFormats.");

    /// <summary>repositoryIdentifier as the oai-identifier schema defines it.</summary>
    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+\z")]
    private static partial Regex DomainName();
}
