using System.Collections.Concurrent;

namespace Nexus.Web.Features.Data.Import;

public enum ImportJobState { Running, Imported, Unchanged, Refused, Failed }

/// <summary>An import started from the upload page, and how far it has got.</summary>
public sealed class ImportJob : IProgress<ImportProgress>
{
    public Guid Id { get; } = Guid.NewGuid();
    public required string FileName { get; init; }
    public required string StartedBy { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public ImportJobState State { get; set; }
    public string Step { get; private set; } = "Queued";
    public int Done { get; private set; }
    public int Total { get; private set; }
    public string Message { get; set; } = "";
    public int? ReleaseId { get; set; }

    public void Report(ImportProgress value)
    {
        Step = value.Step;
        Done = value.Done;
        Total = value.Total;
    }
}

/// <summary>
/// Runs uploaded imports in the background so that a long one shows its progress in the page instead of holding the
/// request open. Jobs live in this node's memory for a day; what they import is in the database either way.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ImportJobs> log)
{
    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();

    public ImportJob? Find(Guid id) => _jobs.GetValueOrDefault(id);

    public ImportJob Start(DataFile file, string user)
    {
        foreach (var old in _jobs.Values.Where(j => clock.GetUtcNow() - j.StartedAt > TimeSpan.FromDays(1)).ToList()) _jobs.TryRemove(old.Id, out _);
        var job = new ImportJob { FileName = file.Name, StartedBy = user, StartedAt = clock.GetUtcNow() };
        _jobs[job.Id] = job;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<DataImporter>().ImportAsync(file, user, job, CancellationToken.None);
                job.ReleaseId = result.Release.Id;
                job.State = result.Unchanged ? ImportJobState.Unchanged : ImportJobState.Imported;
                job.Message = result.Unchanged ? $"Already imported as release {result.Release.Id}; nothing changed."
                    : $"Release {result.Release.Id}: {result.Release.Observations:N0} figures for {result.Release.Areas} areas ({result.Format}, edition {result.Release.Edition}).";
            }
            catch (DataImportException e)
            {
                job.State = ImportJobState.Refused;
                job.Message = e.Message;
            }
            catch (Exception e)
            {
                // The transaction is rolled back; the person is told, the details go to the log.
                log.LogError(e, "Import of {File} failed", file.Name);
                job.State = ImportJobState.Failed;
                job.Message = "The import failed and nothing was saved. The error is in the server log.";
            }
        });
        return job;
    }
}
