// Reads one counter from a node's Prometheus endpoint, for the figures the specs print.
using System.Globalization;

namespace Workflows.MultiNode.Tests.Infrastructure;

/// <summary>Scrapes <c>/metrics</c>.</summary>
public static class Metrics
{
    /// <summary>The sum over all label sets of the samples whose name is <paramref name="name"/> (0 when absent).</summary>
    public static async Task<double> SumAsync(ServerNode node, string name)
    {
        using var http = node.Anonymous();
        var text = await http.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(l =>
                l.StartsWith(name, StringComparison.Ordinal)
                && (l.Length > name.Length && (l[name.Length] == '{' || l[name.Length] == ' '))
            )
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .Sum();
    }
}
