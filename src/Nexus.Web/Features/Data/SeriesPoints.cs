using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Nexus.Web.Features.Data;

/// <summary>
/// The stored form of a series' figures (<see cref="DataSeries.Points"/>): a JSON array of points, oldest year first,
/// each <c>[year, value]</c>, <c>[year, value, "flag"]</c> or <c>[year, value, flag or null, "note"]</c>. JSON rather
/// than a binary packing so that the figures stay readable with the database's own tools (SQLite's json_each,
/// PostgreSQL's json_array_elements); numbers are written in the shortest form that reads back as the same double.
/// </summary>
public static class SeriesPoints
{
    public static string Encode(IEnumerable<Point> points)
    {
        using var writer = new Writer();
        writer.Start();
        foreach (var p in points) writer.Add(p.Year, p.Value, p.Flag, p.Note);
        return Encoding.UTF8.GetString(writer.End());
    }

    public static Point[] Decode(string json) => Decode(Encoding.UTF8.GetBytes(json));

    /// <summary>The points of a stored series; throws <see cref="FormatException"/> on anything this class did not write.</summary>
    public static Point[] Decode(ReadOnlySpan<byte> utf8)
    {
        var points = new List<Point>();
        var reader = new Utf8JsonReader(utf8);
        try
        {
            Expect(ref reader, JsonTokenType.StartArray);
            while (Next(ref reader) == JsonTokenType.StartArray)
            {
                Expect(ref reader, JsonTokenType.Number);
                var year = reader.GetInt32();
                Expect(ref reader, JsonTokenType.Number);
                var value = reader.GetDouble();
                string? flag = null, note = null;
                if (Next(ref reader) != JsonTokenType.EndArray)
                {
                    flag = Text(ref reader);
                    if (Next(ref reader) != JsonTokenType.EndArray)
                    {
                        note = Text(ref reader);
                        if (Next(ref reader) != JsonTokenType.EndArray) throw Bad();
                    }
                }
                points.Add(new Point(year, value, flag, note));
            }
            if (reader.TokenType != JsonTokenType.EndArray || reader.Read()) throw Bad();
        }
        catch (JsonException e)
        {
            throw new FormatException("A stored series is not the JSON Nexus writes: " + e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException("A stored series is not the JSON Nexus writes: " + e.Message, e);
        }
        return points.ToArray();

        static JsonTokenType Next(ref Utf8JsonReader r) => r.Read() ? r.TokenType : throw Bad();
        static void Expect(ref Utf8JsonReader r, JsonTokenType type)
        {
            if (Next(ref r) != type) throw Bad();
        }
        static string? Text(ref Utf8JsonReader r) => r.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => r.GetString(),
            _ => throw Bad(),
        };
        static FormatException Bad() => new("A stored series is not the JSON Nexus writes.");
    }

    /// <summary>
    /// Writes one series after another into one reused buffer, for the importer: <see cref="Start"/>, <see cref="Add"/>
    /// per point in year order, and <see cref="End"/> gives the series' UTF-8 text, valid until the next Start.
    /// </summary>
    public sealed class Writer : IDisposable
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(4096);
        private readonly Utf8JsonWriter _json;

        public Writer() => _json = new Utf8JsonWriter(_buffer);

        public void Start()
        {
            _buffer.ResetWrittenCount();
            _json.Reset(_buffer);
            _json.WriteStartArray();
        }

        public void Add(int year, double value, string? flag, string? note)
        {
            // A figure that is not finite has no JSON form; the importer refuses it before it gets here.
            if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "Figures are finite numbers.");
            _json.WriteStartArray();
            _json.WriteNumberValue(year);
            // Most figures are whole numbers (persons), which print far faster as integers and read back the same.
            if (value == Math.Floor(value) && Math.Abs(value) < 9e15 && !(value == 0 && double.IsNegative(value))) _json.WriteNumberValue((long)value);
            else _json.WriteNumberValue(value);
            if (flag is not null || note is not null)
            {
                if (flag is null) _json.WriteNullValue(); else _json.WriteStringValue(flag);
                if (note is not null) _json.WriteStringValue(note);
            }
            _json.WriteEndArray();
        }

        public ReadOnlySpan<byte> End()
        {
            _json.WriteEndArray();
            _json.Flush();
            return _buffer.WrittenSpan;
        }

        public void Dispose() => _json.Dispose();
    }
}
