using System.Text;
using Nexus.Web.Features.Data;

namespace Nexus.Tests.Data;

/// <summary>The stored form of a series: every double, flag and note reads back exactly; anything else is refused.</summary>
public class SeriesPointsTests
{
    [Fact]
    public void Every_double_reads_back_as_the_same_double()
    {
        var random = new Random(20261124);
        var values = new List<double> { 0, 1, -1, 0.1, 0.1 + 0.2, 1.0 / 3, double.MaxValue, double.MinValue, double.Epsilon, 1e-300, 123456789.12345678, 281_000_000 };
        for (var i = 0; i < 5_000; i++) values.Add(BitConverter.Int64BitsToDouble(random.NextInt64()) is var d && double.IsFinite(d) ? d : random.NextDouble());
        var points = values.Select((v, i) => new Point(1900 + i, v, null, null)).ToArray();

        var decoded = SeriesPoints.Decode(SeriesPoints.Encode(points));

        Assert.Equal(points.Length, decoded.Length);
        for (var i = 0; i < points.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(points[i].Value) == BitConverter.DoubleToInt64Bits(decoded[i].Value) || points[i].Value == decoded[i].Value,
                $"{points[i].Value:R} came back as {decoded[i].Value:R}");
        Assert.Equal(points.Select(p => p.Year), decoded.Select(p => p.Year));
    }

    [Fact]
    public void Flags_and_notes_keep_their_text_and_absence()
    {
        Point[] points =
        [
            new(1990, 5, null, null),
            new(1995, 6, "e", null),
            new(2000, 7, null, "12"),
            new(2005, 8, "B R", "He said \"ü\" <script>alert(1)</script> \\ \n\u200f\u0000 𝄞"),
        ];

        var json = SeriesPoints.Encode(points);

        Assert.Equal(points, SeriesPoints.Decode(json));
        Assert.StartsWith("[[1990,5],[1995,6,\"e\"],[2000,7,null,\"12\"]", json);
        Assert.Empty(SeriesPoints.Decode("[]"));
        // As PostgreSQL's json_agg writes it (the migration from one row per figure), with white space.
        Assert.Equal([new Point(1990, 1.5, null, null), new Point(1995, 2, "e", null)], SeriesPoints.Decode("[[1990, 1.5], \n [1995, 2, \"e\"]]"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[")]
    [InlineData("{}")]
    [InlineData("[[1990]]")]
    [InlineData("[[1990,\"5\"]]")]
    [InlineData("[[1990.5,5]]")]
    [InlineData("[[1990,5,1]]")]
    [InlineData("[[1990,5,null,null,null]]")]
    [InlineData("[[1990,5]] [[1995,6]]")]
    [InlineData("[1990,5]")]
    public void Anything_else_is_refused(string json)
    {
        Assert.Throws<FormatException>(() => SeriesPoints.Decode(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void A_figure_that_is_not_finite_cannot_be_written()
    {
        using var writer = new SeriesPoints.Writer();
        writer.Start();
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Add(1990, double.NaN, null, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Add(1990, double.PositiveInfinity, null, null));
    }
}
