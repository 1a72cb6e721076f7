using Microsoft.Data.SqlClient;
using Polly;
using Polly.Retry;
using Serilog;

namespace ChildrensWarehouse.Warehouse;

/// <summary>How transient SQL Server failures are retried (configuration section Warehouse:Retry).</summary>
public sealed record SqlServerRetryOptions
{
    public int MaxRetryAttempts { get; init; } = 5;
    /// <summary>The first delay; each next one doubles, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Retries with exponential backoff and jitter, for transient SQL Server errors only (deadlock victim, Azure SQL
/// throttling and failover, a dropped or timed-out connection). A constraint violation, a syntax error or a permission
/// error fails at once: retrying it would only fail again.
/// </summary>
public static class SqlServerRetry
{
    /// <summary>The error numbers of SqlException that a later attempt can cure.</summary>
    public static readonly IReadOnlySet<int> TransientErrorNumbers = new HashSet<int>
    {
        1205,   // chosen as deadlock victim
        -2,     // command or connection timeout
        64,     // the specified network name is no longer available
        233,    // no process is on the other end of the pipe
        4060,   // cannot open database (failover, database starting)
        4221,   // login to a read secondary failed (replica catching up)
        10053, 10054, 10060,   // transport-level errors: connection aborted, reset, timed out
        10928, 10929,          // Azure SQL resource limits
        40143, 40197, 40501, 40540, 40613,   // Azure SQL: service busy, reconfiguring, database unavailable
        49918, 49919, 49920,   // Azure SQL: too many operations in progress
    };

    public static bool IsTransient(Exception exception) => exception switch
    {
        SqlException sql => sql.Errors.Cast<SqlError>().Any(e => TransientErrorNumbers.Contains(e.Number)) || TransientErrorNumbers.Contains(sql.Number),
        _ => false,
    };

    public static ResiliencePipeline Pipeline(SqlServerRetryOptions? options = null, ILogger? log = null)
    {
        options ??= new SqlServerRetryOptions();
        if (options.MaxRetryAttempts < 1)
        {
            return ResiliencePipeline.Empty;
        }
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                OnRetry = args =>
                {
                    var number = args.Outcome.Exception is SqlException s ? s.Number : 0;
                    log?.Warning("Transient SQL Server error {Number} ({Message}); attempt {Attempt} of {Max} in {Delay:0.0} s",
                        number, ConnectionStrings.Redact(args.Outcome.Exception?.Message ?? ""), args.AttemptNumber + 2, options.MaxRetryAttempts + 1, args.RetryDelay.TotalSeconds);
                    return default;
                },
            })
            .Build();
    }
}
