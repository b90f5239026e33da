// The UI's bilingual texts from Resources/ui.json (embedded), looked up by key for the current UI culture; shared by every page.
using System.Globalization;
using System.Text.Json;

namespace Workflows.Server.Pages;

/// <summary>Bilingual UI strings: <c>{"key": {"zh-CN": "…", "en": "…"}}</c>.</summary>
public sealed class UiText
{
    private readonly Dictionary<string, Dictionary<string, string>> _texts;

    /// <summary>Loads the embedded resource.</summary>
    public UiText()
    {
        using var stream =
            typeof(UiText).Assembly.GetManifestResourceStream("Workflows.Server.Resources.ui.json")
            ?? throw new InvalidOperationException(
                "The embedded resource Resources/ui.json is missing."
            );
        _texts =
            JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)
            ?? [];
    }

    /// <summary>The text for the current UI culture (English for any "en*" culture, else Chinese); the key itself when missing.</summary>
    public string this[string key] => Get(key, CultureInfo.CurrentUICulture);

    /// <summary>True when the current UI culture is English.</summary>
    public static bool IsEnglish =>
        CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    /// <summary>The text for a culture.</summary>
    public string Get(string key, CultureInfo culture)
    {
        if (!_texts.TryGetValue(key, out var byCulture))
            return key;
        var lang = culture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? "en"
            : "zh-CN";
        return byCulture.GetValueOrDefault(lang) ?? byCulture.Values.FirstOrDefault() ?? key;
    }

    /// <summary>Every text of the current culture, for the script islands (<c>window.ui</c>).</summary>
    public IReadOnlyDictionary<string, string> All() =>
        _texts.Keys.ToDictionary(k => k, k => this[k]);
}
