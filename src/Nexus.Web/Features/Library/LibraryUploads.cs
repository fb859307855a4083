using Microsoft.AspNetCore.Http.HttpResults;

namespace Nexus.Web.Features.Library;

/// <summary>Reads the one file an API upload sends (multipart field 'file'), or says in a validation problem why not.</summary>
public static class LibraryUploads
{
    public sealed record Upload(IFormFile File, IFormCollection Form);

    public static async Task<(Upload? Upload, ValidationProblem? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return (null, Problem("Send multipart/form-data with a 'file' field."));
        IFormCollection form;
        try { form = await request.ReadFormAsync(ct); }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, Problem("The upload could not be read: " + e.Message));
        }
        var file = form.Files.GetFile("file");
        return file is null ? (null, Problem("Required.")) : (new Upload(file, form), null);
    }

    private static ValidationProblem Problem(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [message] });
}
