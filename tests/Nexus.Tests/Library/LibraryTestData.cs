using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Web.Features.Library;

namespace Nexus.Tests.Library;

/// <summary>Library items with believable defaults; a test names only what matters to it.</summary>
public static class LibraryTestData
{
    /// <summary>A word no other test uses, so that a test's searches see only its own items in a shared database.</summary>
    public static string Marker() => "qz" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(8));

    public static ItemContent Content(string title = "Remittances in the economic crisis", string language = "en",
        string @abstract = "How remittance flows held up during the crisis.", string body = "", ItemKind kind = ItemKind.FactSheet,
        string[]? themes = null, string[]? agencies = null, string[]? places = null, DateOnly? publishedOn = null,
        string[]? authors = null, List<ItemText>? texts = null) => new()
    {
        Kind = kind,
        Texts = texts ?? [new ItemText { Language = language, Title = title, Abstract = @abstract, Body = body }],
        Themes = [.. themes ?? ["remittances"]],
        Agencies = [.. agencies ?? ["iom"]],
        Places = [.. places ?? ["608"]],
        Authors = [.. authors ?? []],
        PublishedOn = publishedOn ?? new DateOnly(2009, 11, 4),
    };

    /// <summary>The JSON body of POST /api/v1/library/items.</summary>
    public static JsonObject Body(string title = "Remittances in the economic crisis", string language = "en", string kind = "fact-sheet",
        string @abstract = "How remittance flows held up during the crisis.", string publishedOn = "2009-11-04", bool? publish = null,
        string[]? themes = null) => new()
    {
        ["kind"] = kind,
        ["texts"] = new JsonArray(new JsonObject { ["language"] = language, ["title"] = title, ["abstract"] = @abstract, ["body"] = "" }),
        ["authors"] = new JsonArray("Amina Wanjiru"),
        ["agencies"] = new JsonArray("iom", "unitar"),
        ["themes"] = new JsonArray((themes ?? ["remittances", "economic-crisis"]).Select(t => (JsonNode)t!).ToArray()),
        ["places"] = new JsonArray("608", "MEX"),
        ["publishedOn"] = publishedOn,
        ["licence"] = "CC-BY-4.0",
        ["publish"] = publish,
    };

    /// <summary>Creates and (by default) publishes an item through the library service.</summary>
    public static async Task<LibraryItem> AddItemAsync(this AppFactory app, ItemContent content, bool publish = true)
    {
        await using var scope = app.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<LibraryService>().CreateAsync(content, "Test Editor (editor@example.org)", publish, TestContext.Current.CancellationToken);
        return result.Item!;
    }
}
