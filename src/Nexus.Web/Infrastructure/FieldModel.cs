namespace Nexus.Web.Infrastructure;

/// <summary>One labelled form field for the shared _Field partial, with its error wired to aria-describedby.</summary>
public sealed record FieldModel(string Id, string Name, string Label, string? Value, string? Error,
    string Type = "text", bool Required = false, int? MaxLength = null, string? Autocomplete = null, string? Hint = null);
