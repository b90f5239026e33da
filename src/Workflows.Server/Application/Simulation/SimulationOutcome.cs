// What a simulated government system does on its next call, read from configuration section Simulation:<handler name>.
namespace Workflows.Server.Application.Simulation;

/// <summary>The configured behaviour of one simulated system: succeed, report a BPMN error, or fail technically; after a delay.</summary>
/// <param name="Kind">What the call does.</param>
/// <param name="ErrorCode">The BPMN error code when <paramref name="Kind"/> is <see cref="SimulationOutcomeKind.Error"/>.</param>
/// <param name="Delay">How long the call takes before it answers.</param>
public sealed record SimulationOutcome(
    SimulationOutcomeKind Kind,
    string? ErrorCode,
    TimeSpan Delay
)
{
    /// <summary>The default: answer at once with success.</summary>
    public static readonly SimulationOutcome Success = new(
        SimulationOutcomeKind.Success,
        null,
        TimeSpan.Zero
    );

    /// <summary>
    /// Reads <c>Simulation:&lt;handlerName&gt;:Outcome</c> (<c>success</c> | <c>error:&lt;code&gt;</c> | <c>fail</c>) and
    /// <c>Simulation:&lt;handlerName&gt;:DelayMs</c>; a missing section means success without delay.
    /// </summary>
    /// <exception cref="InvalidOperationException">The outcome or the delay is not one of the accepted forms; the call then fails
    /// technically, so a typo in configuration shows up as an incident instead of a silent success.</exception>
    public static SimulationOutcome Read(IConfiguration? configuration, string handlerName)
    {
        var section = configuration?.GetSection($"Simulation:{handlerName}");
        if (section is null)
            return Success;
        var delay = TimeSpan.Zero;
        if (section["DelayMs"] is { Length: > 0 } delayText)
        {
            if (
                !int.TryParse(
                    delayText,
                    System.Globalization.CultureInfo.InvariantCulture,
                    out var ms
                )
                || ms < 0
            )
                throw new InvalidOperationException(
                    $"Simulation:{handlerName}:DelayMs '{delayText}' is not a non-negative number of milliseconds."
                );
            delay = TimeSpan.FromMilliseconds(ms);
        }

        var outcome = section["Outcome"]?.Trim();
        if (
            string.IsNullOrEmpty(outcome)
            || outcome.Equals("success", StringComparison.OrdinalIgnoreCase)
        )
            return new SimulationOutcome(SimulationOutcomeKind.Success, null, delay);
        if (outcome.Equals("fail", StringComparison.OrdinalIgnoreCase))
            return new SimulationOutcome(SimulationOutcomeKind.Fail, null, delay);
        if (
            outcome.StartsWith("error:", StringComparison.OrdinalIgnoreCase)
            && outcome.Length > "error:".Length
        )
            return new SimulationOutcome(
                SimulationOutcomeKind.Error,
                outcome["error:".Length..].Trim(),
                delay
            );
        throw new InvalidOperationException(
            $"Simulation:{handlerName}:Outcome '{outcome}' is not success, error:<code> or fail."
        );
    }
}
