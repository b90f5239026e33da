// Globally unique ids derived from (instance id, sequence), so replaying a command yields the same ids.
using System.Security.Cryptography;

namespace Workflows.Engine.Runtime.Execution;

internal static class DeterministicIds
{
    // Host-stored ids (task, timer, subscription, invocation, child bookmark): "{instanceId:N}-{sequence}".
    public static string Bookmark(Guid instanceId, long sequence) => $"{instanceId:N}-{sequence}";

    // A child instance id: a name-based (version 8) Guid from a SHA-256 of the parent id and the sequence.
    public static Guid Child(Guid instanceId, long sequence)
    {
        Span<byte> input = stackalloc byte[24];
        instanceId.TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], sequence);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        var bytes = hash[..16].ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
