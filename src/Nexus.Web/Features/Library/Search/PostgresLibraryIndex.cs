namespace Nexus.Web.Features.Library.Search;

public sealed partial class PostgresLibraryIndex
{
    public const string VectorColumn = "SearchVector";
}
