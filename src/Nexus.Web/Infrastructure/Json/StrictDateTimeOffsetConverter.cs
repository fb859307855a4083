using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Nexus.Web.Infrastructure.Json;

/// <summary>
/// Times in the API must say which offset they are in. The default converter reads "2027-06-01T10:00:00" in
/// the server's own zone, which silently moves a New York seminar by the server's offset.
/// </summary>
public sealed partial class StrictDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("Give a date and time as a string, e.g. 2027-06-01T10:00:00-04:00.");
        var text = reader.GetString() ?? "";
        if (text.Length > 40 || !Iso8601WithOffset().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value))
            throw new JsonException("Give an ISO 8601 date and time with its offset, e.g. 2027-06-01T10:00:00-04:00 or 2027-06-01T14:00:00Z.");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Iso8601WithOffset();
}
