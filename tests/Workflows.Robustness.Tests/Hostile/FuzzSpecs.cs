// Property-style fuzzing with a seeded mutator: mutants of the shipped models never crash the parser and never make
// the API answer 500; mutated form submissions never make task completion answer 500.
// WORKFLOWS_FUZZ_ITERATIONS scales the runs (default 1,000 parser mutants, 150 HTTP mutants, 150 form submissions).
using System.Net;
using System.Text.Json.Nodes;
using Workflows.Engine.Parsing;
using Workflows.Robustness.Tests.Infrastructure;

namespace Workflows.Robustness.Tests.Hostile;

/// <summary>Fuzzing of deployment and task completion.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class FuzzSpecs(SharedHost shared)
{
    private readonly RobustHost _host = shared.Host;

    /// <summary>The scale factor from WORKFLOWS_FUZZ_ITERATIONS (parser mutants; HTTP runs are 15% of it).</summary>
    private static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("WORKFLOWS_FUZZ_ITERATIONS"), out var n)
        && n > 0
            ? n
            : 1000;

    [Fact]
    public void Mutants_of_the_shipped_models_never_throw_out_of_the_parser_and_every_rejection_says_why()
    {
        Assert.NotEmpty(Catalogue.Seeds);
        var seeds = Catalogue.Seeds.Select(File.ReadAllText).ToArray();
        var mutator = new BpmnMutator(20261122);
        var rejected = 0;
        var failures = new List<string>();
        for (var i = 0; i < Iterations; i++)
        {
            var mutant = mutator.Mutate(seeds[i % seeds.Length]);
            ParseResult result;
            try
            {
                result = BpmnParser.Parse(mutant);
            }
            catch (Exception ex)
            {
                failures.Add($"#{i}: {ex.GetType().Name}: {ex.Message}");
                continue;
            }
            if (!result.IsValid)
            {
                rejected++;
                if (
                    result.Errors.Count == 0
                    || result.Errors.Any(e => string.IsNullOrWhiteSpace(e.Message))
                )
                    failures.Add($"#{i}: rejected without a message");
            }
            // The parser's catch-all turns its own bugs into this message: the file is still refused, but the message cannot
            // name the element, so it counts as a failure (20,000 mutants of seed 20261122 produced none on 2026-11-23).
            foreach (
                var e in result.Errors.Where(e =>
                    e.Message.StartsWith("The file could not be read", StringComparison.Ordinal)
                )
            )
                failures.Add(
                    $"#{i} ({Path.GetFileName(Catalogue.Seeds[i % seeds.Length])}): parser internal error: {e.Message}"
                );
        }
        Assert.True(
            failures.Count == 0,
            $"{failures.Count} parser failures:\n" + string.Join('\n', failures.Take(20))
        );
        Assert.True(
            rejected > Iterations / 4,
            $"the mutator should break most documents; only {rejected} were rejected"
        );
    }

    [Fact]
    public async Task Mutants_deployed_over_http_never_get_a_server_error()
    {
        using var designer = await _host.As("designer");
        var seeds = Catalogue.Seeds.Select(File.ReadAllText).ToArray();
        var mutator = new BpmnMutator(42);
        var runs = Math.Max(50, Iterations * 15 / 100);
        var failures = new List<string>();
        for (var i = 0; i < runs; i++)
        {
            var response = await designer.DeployAsync(mutator.Mutate(seeds[i % seeds.Length]));
            if ((int)response.StatusCode >= 500)
                failures.Add(
                    $"#{i}: {(int)response.StatusCode} {Http.Truncate(await response.Content.ReadAsStringAsync())}"
                );
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(10)));
        Assert.Equal(HttpStatusCode.OK, (await designer.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Mutated_form_submissions_never_get_a_server_error()
    {
        using var designer = await _host.As("designer");
        using var clerk = await _host.As("clerk.kjj");
        var key = Models.NewKey("form");
        Assert.Equal(
            HttpStatusCode.Created,
            (await designer.DeployAsync(Models.UserTask(key))).StatusCode
        );
        var random = new Random(7);
        var runs = Math.Max(50, Iterations * 15 / 100);
        var failures = new List<string>();
        var taskIds = new Queue<string>();
        for (var i = 0; i < runs; i++)
        {
            if (taskIds.Count == 0)
            {
                for (var s = 0; s < 10; s++)
                    await clerk.StartAsync(key);
                var page = (
                    await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<JsonObject>(
                        (await clerk.GetAsync("/api/tasks?pageSize=200")).Content
                    )
                )!;
                foreach (var t in page["items"]!.AsArray())
                    taskIds.Enqueue((string)t!["id"]!);
                Assert.NotEmpty(taskIds);
            }
            // Half the submissions go to a real open task, the rest to made-up ids.
            var taskId = random.Next(2) == 0 ? taskIds.Dequeue() : RandomText(random, 40);
            var body = RandomBody(random);
            var response = await clerk.PostRawJsonAsync(
                $"/api/tasks/{Uri.EscapeDataString(taskId)}/complete",
                body
            );
            if ((int)response.StatusCode >= 500)
                failures.Add(
                    $"#{i} {body[..Math.Min(body.Length, 200)]}: {(int)response.StatusCode} {Http.Truncate(await response.Content.ReadAsStringAsync())}"
                );
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(10)));
    }

    private static string RandomBody(Random random) =>
        random.Next(10) switch
        {
            0 => RandomText(random, 30),
            1 => "[]",
            2 => "null",
            3 => "{\"variables\":" + RandomValue(random, 0) + "}",
            _ => "{\"variables\":{"
                + string.Join(
                    ',',
                    Enumerable
                        .Range(0, random.Next(0, 6))
                        .Select(_ =>
                            System.Text.Json.JsonSerializer.Serialize(RandomText(random, 12))
                            + ":"
                            + RandomValue(random, 0)
                        )
                )
                + "}}",
        };

    private static string RandomValue(Random random, int depth) =>
        random.Next(depth > 3 ? 6 : 9) switch
        {
            0 => "null",
            1 => "true",
            2 => random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            3 => "1e308",
            4 => "-0.000000000000001",
            5 => System.Text.Json.JsonSerializer.Serialize(RandomText(random, 50)),
            6 => "["
                + string.Join(
                    ',',
                    Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1))
                )
                + "]",
            7 => "{\""
                + RandomText(random, 5)
                    .Replace("\"", "", StringComparison.Ordinal)
                    .Replace("\\", "", StringComparison.Ordinal)
                + "\":"
                + RandomValue(random, depth + 1)
                + "}",
            _ => "\"2026-02-30T25:61:00\"",
        };

    private static string RandomText(Random random, int max)
    {
        const string alphabet = "abcXYZ019 _-.$#{}[]\"'\\/<>&%\u00e9\u4e2d\ud83d\ude00";
        var length = random.Next(1, max);
        return string.Concat(
            Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])
        );
    }
}
