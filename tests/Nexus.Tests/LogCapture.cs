using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Nexus.Tests;

/// <summary>Keeps the app's warnings and errors, so a failing test can say what went wrong inside the server.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public sealed record Entry(LogLevel Level, string Category, string Message, Exception? Exception)
    {
        public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : " -- " + Exception.GetType().Name + ": " + Exception.Message)}";
    }

    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => _entries.ToArray();
    public IReadOnlyList<Entry> Errors => _entries.Where(e => e.Level >= LogLevel.Error).ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void Dispose() { }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) owner._entries.Enqueue(new Entry(logLevel, category, formatter(state, exception), exception));
        }
    }
}
