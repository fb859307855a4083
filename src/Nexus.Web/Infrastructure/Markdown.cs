using Ganss.Xss;
using Markdig;

namespace Nexus.Web.Infrastructure;

/// <summary>Markdown written by staff, rendered to HTML that is sanitised before it reaches a page.</summary>
public static class Markdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions().DisableHtml().Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToSafeHtml(string markdown) => Sanitizer.Sanitize(Markdig.Markdown.ToHtml(markdown, Pipeline));

    /// <summary>The text of a Markdown document without its markup, for snippets and search.</summary>
    public static string ToPlainText(string? markdown) =>
        string.IsNullOrEmpty(markdown) ? "" : Markdig.Markdown.ToPlainText(markdown, Pipeline);

    public static string Excerpt(string markdown, int length)
    {
        var text = Markdig.Markdown.ToPlainText(markdown, Pipeline).ReplaceLineEndings(" ").Trim();
        if (text.Length <= length) return text;
        var cut = text.LastIndexOf(' ', length);
        return text[..(cut < length / 2 ? length : cut)] + "…";
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedSchemes.Clear();
        s.AllowedSchemes.Add("https");
        s.AllowedSchemes.Add("http");
        s.AllowedSchemes.Add("mailto");
        s.AllowedAttributes.Remove("style");
        s.AllowedTags.Remove("img"); // no third-party requests from published findings
        return s;
    }
}
