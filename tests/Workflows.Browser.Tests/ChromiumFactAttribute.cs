// Browser specs run only where Debian's Chromium is installed (CI installs it); elsewhere they are skipped with the reason.
namespace Workflows.Browser.Tests;

/// <summary>A fact skipped when /usr/bin/chromium is absent.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when there is no browser.</summary>
    public ChromiumFactAttribute()
    {
        if (!File.Exists(BrowserHost.ChromiumPath))
            Skip =
                $"{BrowserHost.ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser specs.";
    }
}
