// Every route of the server, read from its endpoint table, must refuse a stranger unless it is anonymous by design.
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Workflows.Robustness.Tests.Infrastructure;

namespace Workflows.Robustness.Tests.Security;

/// <summary>Unauthenticated requests against the whole endpoint table.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class EndpointSecuritySpecs(SharedHost shared)
{
    // Anonymous by design: sign-in, probes, the API description and its viewer, metrics for the scraper, the culture switch.
    private static readonly string[] AnonymousByDesign =
    [
        "/api/auth/login",
        "/health/live",
        "/health/ready",
        "/openapi/{documentName}.json",
        "/api/reference",
        "/metrics",
        "/culture/{culture}",
    ];

    private readonly RobustHost _host = shared.Host;

    [Fact]
    public async Task Every_endpoint_not_on_the_allow_list_refuses_an_unauthenticated_request()
    {
        var endpoints = _host
            .Services.GetServices<EndpointDataSource>()
            .SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>()
            .ToList();
        Assert.True(endpoints.Count > 20, $"the endpoint table looks empty ({endpoints.Count})");
        using var client = _host.Anonymous();
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var endpoint in endpoints)
        {
            var template = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (
                AnonymousByDesign.Any(a =>
                    template.StartsWith(a, StringComparison.OrdinalIgnoreCase)
                ) || template.StartsWith("/api/reference", StringComparison.Ordinal)
            )
                continue;
            var isPage = endpoint.Metadata.GetMetadata<ActionDescriptor>() is PageActionDescriptor;
            var methods =
                endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var url = Materialize(endpoint.RoutePattern);
            foreach (var method in methods)
            {
                checkedCount++;
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT" or "PATCH")
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var refused =
                    status == 401
                    || (
                        isPage
                        && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
                        && response.Headers.Location?.OriginalString.StartsWith(
                            "/login",
                            StringComparison.Ordinal
                        ) == true
                    )
                    || (isPage && IsPublicPage(template) && status == 200);
                if (!refused)
                    failures.Add($"{method} {url} ({template}) → {status}");
            }
        }
        Assert.True(checkedCount > 20, $"only {checkedCount} requests were checked");
        Assert.True(
            failures.Count == 0,
            "endpoints answering strangers:\n" + string.Join('\n', failures)
        );
    }

    // The login page itself (and its static assets) must open for a stranger.
    private static bool IsPublicPage(string template) =>
        template.Equals("/login", StringComparison.OrdinalIgnoreCase)
        || template.StartsWith("/Login", StringComparison.Ordinal);

    private static string Materialize(RoutePattern pattern)
    {
        var segments = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = new StringBuilder();
            foreach (var part in segment.Parts)
                text.Append(
                    part switch
                    {
                        RoutePatternLiteralPart literal => literal.Content,
                        RoutePatternSeparatorPart separator => separator.Content,
                        RoutePatternParameterPart parameter => Sample(parameter),
                        _ => "x",
                    }
                );
            segments.Add(text.ToString());
        }
        return "/" + string.Join('/', segments.Where(s => s.Length > 0));
    }

    private static string Sample(RoutePatternParameterPart parameter)
    {
        var constraints = string.Join(
            ',',
            parameter.ParameterPolicies.Select(p =>
                p.Content ?? p.ParameterPolicy?.GetType().Name ?? ""
            )
        );
        if (constraints.Contains("guid", StringComparison.OrdinalIgnoreCase))
            return "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
        if (
            constraints.Contains("int", StringComparison.OrdinalIgnoreCase)
            || constraints.Contains("long", StringComparison.OrdinalIgnoreCase)
        )
            return "1";
        return parameter.IsCatchAll ? "x/y" : "x";
    }
}
