// Where attachment bytes live; the database keeps only the key and checksum.
namespace Workflows.Server.Application.Tasks;

/// <summary>Stores attachment contents under keys the server chooses (never derived from a client's file name).</summary>
public interface IBlobStore
{
    /// <summary>Writes the content under a new key.</summary>
    Task PutAsync(string key, Stream content, CancellationToken ct);

    /// <summary>Opens the content, or null when the key is unknown.</summary>
    Task<Stream?> OpenAsync(string key, CancellationToken ct);

    /// <summary>Removes the content (nothing when absent).</summary>
    Task DeleteAsync(string key, CancellationToken ct);
}
