using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Nexus.Web.Features.Accounts;

/// <summary>
/// Marks a field with errors for assistive technology: class is-invalid, aria-invalid and aria-describedby
/// pointing at the message written by <see cref="FieldErrorTagHelper"/>. Runs after the built-in asp-for helpers.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class InvalidFieldTagHelper(IHtmlGenerator generator) : TagHelper
{
    [HtmlAttributeName("asp-for")] public required ModelExpression For { get; set; }
    [ViewContext, HtmlAttributeNotBound] public required ViewContext ViewContext { get; set; }

    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!FieldErrorTagHelper.HasErrors(ViewContext, For.Name)) return;
        var id = output.Attributes.TryGetAttribute("id", out var a) ? a.Value?.ToString() : null;
        id ??= TagBuilder.CreateSanitizedId(For.Name, generator.IdAttributeDotReplacement);
        output.AddClass("is-invalid", System.Text.Encodings.Web.HtmlEncoder.Default);
        output.Attributes.SetAttribute("aria-invalid", "true");
        var describedBy = output.Attributes.TryGetAttribute("aria-describedby", out var d) ? d.Value?.ToString() : null;
        output.Attributes.SetAttribute("aria-describedby", string.Join(' ', new[] { id + "-error", describedBy }.Where(s => !string.IsNullOrEmpty(s))));
    }
}

/// <summary>
/// <c>&lt;field-error for="Input.Email" /&gt;</c>: the field's error messages with the id the field points to,
/// or nothing when it has none.
/// </summary>
[HtmlTargetElement("field-error", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper(IHtmlGenerator generator) : TagHelper
{
    [HtmlAttributeName("for")] public required string For { get; set; }
    [ViewContext, HtmlAttributeNotBound] public required ViewContext ViewContext { get; set; }

    public static bool HasErrors(ViewContext view, string key) =>
        view.ViewData.ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!ViewContext.ViewData.ModelState.TryGetValue(For, out var entry) || entry.Errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("id", TagBuilder.CreateSanitizedId(For, generator.IdAttributeDotReplacement) + "-error");
        output.Attributes.SetAttribute("class", "invalid-feedback d-block");
        foreach (var error in entry.Errors)
        {
            output.Content.AppendHtml("<span class=\"d-block\">");
            output.Content.Append(error.ErrorMessage);
            output.Content.AppendHtml("</span>");
        }
    }
}
