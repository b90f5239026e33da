namespace Workflows.Server.Hosting;

/// <summary>Settings under <c>Workflows:</c> in configuration.</summary>
public sealed class WorkflowsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Workflows";

    /// <summary>The catalogue folder (BPMN, forms, calendars, directory); empty: the nearest <c>workflows/</c> above the content root.</summary>
    public string CatalogPath { get; set; } = "";

    /// <summary>Deploy every catalogue file whose content differs from its latest stored version on start.</summary>
    public bool DeployCatalogOnStart { get; set; } = true;

    /// <summary>The offices' time zone for working-day arithmetic.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>The largest request body accepted (413 beyond).</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How many times a command is retried on an optimistic-concurrency conflict before answering 409.</summary>
    public int CommandRetries { get; set; } = 10;

    /// <summary>How many times a failing service task handler is retried (with backoff) before it becomes an incident.</summary>
    public int ServiceRetries { get; set; } = 3;
}
