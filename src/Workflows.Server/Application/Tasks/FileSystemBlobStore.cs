// The default blob store: one file per attachment under Attachments:Path.
using Microsoft.Extensions.Options;

namespace Workflows.Server.Application.Tasks;

/// <summary>Files under a root folder; keys are server-made (<c>yyyy/MM/guid</c>) and checked to stay inside the root.</summary>
public sealed class FileSystemBlobStore(
    IOptions<AttachmentOptions> options,
    IHostEnvironment environment
) : IBlobStore
{
    private readonly string _root = Path.GetFullPath(
        Path.Combine(environment.ContentRootPath, options.Value.Path)
    );

    /// <inheritdoc />
    public async Task PutAsync(string key, Stream content, CancellationToken ct)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(
            path,
            FileMode.CreateNew,
            FileAccess.Write,
            FileShare.None,
            81920,
            useAsync: true
        );
        await content.CopyToAsync(file, ct);
    }

    /// <inheritdoc />
    public Task<Stream?> OpenAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream?>(
            File.Exists(path)
                ? new FileStream(
                    path,
                    FileMode.Open,
                    FileAccess.Read,
                    FileShare.Read,
                    81920,
                    useAsync: true
                )
                : null
        );
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        if (File.Exists(path))
            File.Delete(path);
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException("A blob key must stay inside the store's folder.");
        return path;
    }
}
