// Secrets come from the environment or a secret store, never from the committed configuration files.
using System.Text.Json.Nodes;
using Workflows.Robustness.Tests.Infrastructure;

namespace Workflows.Robustness.Tests.Security;

/// <summary>The committed appsettings files hold no secret values.</summary>
public sealed class SecretsSpecs
{
    private static readonly string[] SecretWords =
    [
        "password",
        "secret",
        "apikey",
        "api_key",
        "token",
        "connectionstring",
        "privatekey",
    ];

    [Fact]
    public void Committed_appsettings_hold_only_empty_placeholders_for_secrets()
    {
        var folder = Path.Combine(Catalogue.RepositoryRoot, "src", "Workflows.Server");
        var files = Directory.EnumerateFiles(folder, "appsettings*.json").ToList();
        Assert.NotEmpty(files);
        var leaks = new List<string>();
        foreach (var file in files)
            Walk(
                JsonNode.Parse(
                    File.ReadAllText(file),
                    documentOptions: new()
                    {
                        CommentHandling = System.Text.Json.JsonCommentHandling.Skip,
                    }
                ),
                Path.GetFileName(file),
                "",
                leaks
            );
        Assert.True(
            leaks.Count == 0,
            "secret values in committed configuration:\n" + string.Join('\n', leaks)
        );
    }

    private static void Walk(JsonNode? node, string file, string path, List<string> leaks)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                    Walk(value, file, path.Length == 0 ? key : $"{path}:{key}", leaks);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    Walk(array[i], file, $"{path}:{i}", leaks);
                break;
            case JsonValue value:
                var normalized = path.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
                var isSecret =
                    SecretWords.Any(w =>
                        normalized.Contains(
                            w.Replace("_", "", StringComparison.Ordinal),
                            StringComparison.Ordinal
                        )
                    ) || path.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase);
                if (isSecret && value.ToString() is { Length: > 0 } text && !IsHarmless(path, text))
                    leaks.Add($"{file}: {path} = {text}");
                break;
        }
    }

    // Non-secret settings whose names merely contain a secret word (e.g. the lifetime of a token).
    private static bool IsHarmless(string path, string text) =>
        bool.TryParse(text, out _)
        || double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _)
        || path.EndsWith("Claim", StringComparison.OrdinalIgnoreCase);
}
