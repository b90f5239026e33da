// Hostile variable payloads: huge objects under the body limit and absurd nesting.
using System.Net;
using System.Text;
using Workflows.Robustness.Tests.Infrastructure;

namespace Workflows.Robustness.Tests.Hostile;

/// <summary>JSON attacks against POST /api/instances.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class HostileJsonSpecs(SharedHost shared)
{
    private readonly RobustHost _host = shared.Host;

    [Fact]
    public async Task A_5_MB_variables_object_is_accepted_or_refused_but_never_a_server_error()
    {
        using var designer = await _host.As("designer");
        var key = Models.NewKey("big");
        Assert.Equal(
            HttpStatusCode.Created,
            (await designer.DeployAsync(Models.UserTask(key))).StatusCode
        );
        using var clerk = await _host.As("clerk.kjj");
        var variables = new StringBuilder("{");
        for (var i = 0; i < 50_000; i++)
            variables.Append(i == 0 ? "" : ",").Append($"\"v{i}\":\"{new string('x', 90)}\"");
        variables.Append('}');
        var response = await clerk.PostRawJsonAsync(
            "/api/instances",
            $"{{\"definitionKey\":\"{key}\",\"variables\":{variables}}}"
        );
        await Http.NotServerErrorAsync(response, "5 MB variables");
        Assert.True(
            response.StatusCode
                is HttpStatusCode.Created
                    or HttpStatusCode.BadRequest
                    or HttpStatusCode.RequestEntityTooLarge,
            $"{(int)response.StatusCode}"
        );
    }

    [Fact]
    public async Task Variables_nested_10000_levels_deep_are_refused_with_400()
    {
        using var designer = await _host.As("designer");
        var key = Models.NewKey("nest");
        Assert.Equal(
            HttpStatusCode.Created,
            (await designer.DeployAsync(Models.UserTask(key))).StatusCode
        );
        using var clerk = await _host.As("clerk.kjj");
        var nested =
            string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000);
        var response = await clerk.PostRawJsonAsync(
            "/api/instances",
            $"{{\"definitionKey\":\"{key}\",\"variables\":{{\"deep\":{nested}}}}}"
        );
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
