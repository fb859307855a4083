using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Web.Data;
using Nexus.Web.Features.Data;
using Nexus.Web.Features.Data.Import;

namespace Nexus.Tests.Data;

/// <summary>Imports files into a test app's database through the real importer.</summary>
public static class DataImports
{
    public const string M49 = "m49/unsd_m49_methodology.csv";

    /// <summary>Imports one file under shared/data (after the M49 list, which every other file's areas need).</summary>
    public static async Task<ImportResult> OfficialAsync(AppFactory app, string relative)
    {
        if (relative != M49) await FileAsync(app, OfficialFiles.Path(M49));
        return await FileAsync(app, OfficialFiles.Path(relative));
    }

    public static async Task<ImportResult> FileAsync(AppFactory app, string path) =>
        await BytesAsync(app, await File.ReadAllBytesAsync(path), System.IO.Path.GetFileName(path));

    public static async Task<ImportResult> BytesAsync(AppFactory app, byte[] bytes, string name, Action<DataImporter>? setup = null)
    {
        await using var scope = app.Scope();
        var importer = scope.ServiceProvider.GetRequiredService<DataImporter>();
        setup?.Invoke(importer);
        var file = await DataFile.OpenAsync(new MemoryStream(bytes), name, DataFile.DefaultMaxBytes, CancellationToken.None);
        return await importer.ImportAsync(file, "test", null, CancellationToken.None);
    }

    /// <summary>Every stored figure of the series that match (all releases when none is given), unpacked, in key order.</summary>
    public static async Task<List<Observation>> FiguresAsync(AppDbContext db, System.Linq.Expressions.Expression<Func<DataSeries, bool>>? where = null)
    {
        var series = await (where is null ? db.DataSeries : db.DataSeries.Where(where)).AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        return series.OrderBy(s => s.ReleaseId).ThenBy(s => s.Indicator, StringComparer.Ordinal).ThenBy(s => s.Area).ThenBy(s => s.Counterpart)
            .ThenBy(s => s.Sex).SelectMany(s => s.Figures()).ToList();
    }

    public static Task<List<Observation>> FiguresAsync(AppFactory app, int releaseId) => app.Db(db => FiguresAsync(db, s => s.ReleaseId == releaseId));
}
