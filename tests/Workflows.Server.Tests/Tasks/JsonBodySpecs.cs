// A JSON body is read and parsed once per request: IdempotencyFilter looks for requestId in it, and the handler behind
// the filter gets the same object (or the same 400) without reading the stream again.
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Workflows.Server.Api;

namespace Workflows.Server.Tests.Tasks;

public sealed class JsonBodySpecs
{
    // A request body that can be read once, as Kestrel's is.
    private sealed class ReadOnceStream(byte[] bytes) : MemoryStream(bytes)
    {
        public int Reads { get; private set; }

        public override bool CanSeek => false;

        public override ValueTask<int> ReadAsync(
            Memory<byte> buffer,
            CancellationToken cancellationToken = default
        )
        {
            Reads++;
            return base.ReadAsync(buffer, cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            return base.Read(buffer, offset, count);
        }
    }

    private static (HttpRequest Request, ReadOnceStream Body) Request(string json)
    {
        var body = new ReadOnceStream(Encoding.UTF8.GetBytes(json));
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = body;
        return (context.Request, body);
    }

    [Fact]
    public async Task A_second_read_of_the_body_gets_the_object_the_first_parsed_without_reading_the_stream_again()
    {
        var (request, body) = Request("""{"requestId":"r-7","variables":{"opinion":"approve"}}""");

        var first = await JsonBody.ReadObjectAsync(request, default);
        var reads = body.Reads;
        var second = await JsonBody.ReadObjectAsync(request, default);

        Assert.Same(first, second);
        Assert.Equal(reads, body.Reads);
        Assert.Equal("approve", (string?)JsonBody.Object(second, "variables")!["opinion"]);
    }

    [Theory]
    [InlineData("{\"variables\": ", "not valid JSON")]
    [InlineData("[1, 2]", "must be a JSON object")]
    public async Task A_body_that_is_not_a_json_object_is_the_same_400_on_every_read(
        string json,
        string message
    )
    {
        var (request, _) = Request(json);

        var first = await Assert.ThrowsAsync<BadFieldException>(() =>
            JsonBody.ReadObjectAsync(request, default)
        );
        var second = await Assert.ThrowsAsync<BadFieldException>(() =>
            JsonBody.ReadObjectAsync(request, default)
        );

        Assert.Equal(("body", first.Message), (second.Field, second.Message));
        Assert.Contains(message, first.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_body_is_an_empty_object()
    {
        var (request, _) = Request("");

        Assert.Empty(await JsonBody.ReadObjectAsync(request, default));
        Assert.IsType<JsonObject>(await JsonBody.ReadObjectAsync(request, default));
    }
}
