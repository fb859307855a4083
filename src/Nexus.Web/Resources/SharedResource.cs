namespace Nexus.Web;

/// <summary>Marker type for the shared UI strings: Resources/SharedResource.{culture}.resx. Keys are the English text.</summary>
public sealed class SharedResource;
