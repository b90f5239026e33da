// The knobs of the security hardening (section "Security" of the configuration).
namespace Workflows.Server.Hosting;

/// <summary>Settings of <see cref="SecurityRegistration"/>.</summary>
public sealed class SecurityOptions
{
    /// <summary>Login attempts allowed per client IP and user name per minute (0 turns the limit off).</summary>
    public int LoginRateLimit { get; set; } = 10;

    /// <summary>The Content-Security-Policy of HTML responses.</summary>
    public string ContentSecurityPolicy { get; set; } =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}
