// Hostile BPMN uploads: external entities, entity expansion, DOCTYPEs, huge and deeply nested documents.
using System.Net;
using System.Text;
using Workflows.Robustness.Tests.Infrastructure;

namespace Workflows.Robustness.Tests.Hostile;

/// <summary>XML attacks against POST /api/definitions.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class HostileXmlSpecs(SharedHost shared)
{
    private readonly RobustHost _host = shared.Host;

    [Fact]
    public async Task An_external_entity_is_refused_and_no_file_content_leaks()
    {
        using var api = await _host.As("designer");
        var key = Models.NewKey("xxe");
        var xml = Models
            .UserTask(key)
            .Replace(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
                StringComparison.Ordinal
            )
            .Replace("name=\"Review\"", "name=\"&x;\"", StringComparison.Ordinal);
        var response = await api.DeployAsync(xml);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("root:", body);
    }

    [Fact]
    public async Task A_billion_laughs_document_is_refused_with_400()
    {
        using var api = await _host.As("designer");
        var entities = new StringBuilder("<!ENTITY l0 \"ha\">");
        for (var i = 1; i < 10; i++)
            entities.Append(
                $"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">"
            );
        var xml =
            $"<?xml version=\"1.0\"?><!DOCTYPE d [{entities}]>"
            + Models
                .UserTask(Models.NewKey("laughs"))
                .Replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "", StringComparison.Ordinal)
                .Replace("name=\"Review\"", "name=\"&l9;\"", StringComparison.Ordinal);
        var response = await api.DeployAsync(xml);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_harmless_doctype_is_still_refused()
    {
        using var api = await _host.As("designer");
        var xml =
            "<?xml version=\"1.0\"?><!DOCTYPE definitions>"
            + Models
                .UserTask(Models.NewKey("doctype"))
                .Replace(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                    "",
                    StringComparison.Ordinal
                );
        Assert.Equal(HttpStatusCode.BadRequest, (await api.DeployAsync(xml)).StatusCode);
    }

    [Fact]
    public async Task A_50_MB_body_is_refused_with_413()
    {
        using var api = await _host.As("designer");
        var content = new ByteArrayContent(new byte[50 * 1024 * 1024]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(
            "application/xml"
        );
        var response = await api.PostAsync("/api/definitions", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_document_nested_10000_levels_deep_is_refused_with_400()
    {
        using var api = await _host.As("designer");
        var key = Models.NewKey("deep");
        var nested =
            string.Concat(Enumerable.Repeat("<bpmn:extensionElements>", 10_000))
            + string.Concat(Enumerable.Repeat("</bpmn:extensionElements>", 10_000));
        var xml = Models
            .UserTask(key)
            .Replace(
                "<bpmn:startEvent id=\"start\"/>",
                $"<bpmn:startEvent id=\"start\">{nested}</bpmn:startEvent>",
                StringComparison.Ordinal
            );
        var response = await api.DeployAsync(xml);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health/ready")).StatusCode);
    }
}
