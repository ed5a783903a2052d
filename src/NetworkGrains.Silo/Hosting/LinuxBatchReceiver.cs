using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace NetworkGrains.Silo.Hosting;

/// <summary>
/// Receives up to <see cref="Slots"/> datagrams per system call with Linux's recvmmsg (MSG_WAITFORONE: it waits for
/// the first, then takes what is already queued), which under load costs a fraction of one recvfrom per datagram.
/// x86-64 Linux layouts; anything else falls back to one receive per datagram. Datagrams longer than a slot
/// (16 KiB: traps and flow exports are far smaller) are reported as truncated.
/// </summary>
public sealed class LinuxBatchReceiver
{
    private const int Slots = 64;
    private const int SlotBytes = 16 * 1024;
    private const int AddressBytes = 32;        // sockaddr_in6 is 28
    private const int HeaderBytes = 64;         // struct mmsghdr: msghdr (56) + msg_len + padding
    private const int IoVectorBytes = 16;       // struct iovec
    private const int MsgWaitForOne = 0x10000;
    private const int MsgTruncated = 0x20;
    private const int AfInet = 2, AfInet6 = 10;
    private const int Eagain = 11, Eintr = 4, Ebadf = 9, Enotsock = 88;

    private readonly byte[] _data = GC.AllocateArray<byte>(Slots * SlotBytes, pinned: true);
    private readonly byte[] _headers = GC.AllocateArray<byte>(Slots * HeaderBytes, pinned: true);
    private readonly byte[] _vectors = GC.AllocateArray<byte>(Slots * IoVectorBytes, pinned: true);
    private readonly byte[] _addresses = GC.AllocateArray<byte>(Slots * AddressBytes, pinned: true);

    public static bool IsSupported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    public LinuxBatchReceiver()
    {
        var data = Marshal.UnsafeAddrOfPinnedArrayElement(_data, 0);
        var vectors = Marshal.UnsafeAddrOfPinnedArrayElement(_vectors, 0);
        var addresses = Marshal.UnsafeAddrOfPinnedArrayElement(_addresses, 0);
        for (var i = 0; i < Slots; i++)
        {
            var vector = _vectors.AsSpan(i * IoVectorBytes, IoVectorBytes);
            BinaryPrimitives.WriteInt64LittleEndian(vector, data + i * SlotBytes);               // iov_base
            BinaryPrimitives.WriteInt64LittleEndian(vector[8..], SlotBytes);                     // iov_len
            var header = _headers.AsSpan(i * HeaderBytes, HeaderBytes);
            BinaryPrimitives.WriteInt64LittleEndian(header, addresses + i * AddressBytes);        // msg_name
            BinaryPrimitives.WriteInt64LittleEndian(header[16..], vectors + i * IoVectorBytes);   // msg_iov
            BinaryPrimitives.WriteInt64LittleEndian(header[24..], 1);                            // msg_iovlen
        }
    }

    public enum Outcome { Received, Failed, Closed }

    /// <summary>How many datagrams the last <see cref="ReceiveBatch"/> took (0 after a timeout or an error).</summary>
    public int LastReceived { get; private set; }

    /// <summary>A batch this small is a trickle or the start of a burst (see <see cref="UdpReceiveLoop"/>).</summary>
    public const int SmallBatch = Slots / 4;

    public delegate void BatchHandler(ReadOnlySpan<byte> datagram, ReadOnlySpan<byte> sourceAddress, bool truncated);

    /// <summary>
    /// Waits (up to the socket's receive timeout) for datagrams and hands each to <paramref name="onDatagram"/>.
    /// A timeout or an interrupted wait is <see cref="Outcome.Received"/> with nothing handed on; a closed socket
    /// <see cref="Outcome.Closed"/>; any other error (such as a port-unreachable left by a reply) <see cref="Outcome.Failed"/>.
    /// </summary>
    public Outcome ReceiveBatch(Socket socket, BatchHandler onDatagram)
    {
        for (var i = 0; i < Slots; i++)
        {
            var header = _headers.AsSpan(i * HeaderBytes, HeaderBytes);
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], AddressBytes);                  // msg_namelen, in and out
            BinaryPrimitives.WriteInt32LittleEndian(header[48..], 0);                            // msg_flags
        }
        LastReceived = 0;
        var added = false;
        int received;
        try
        {
            socket.SafeHandle.DangerousAddRef(ref added);
            received = RecvMmsg((int)socket.SafeHandle.DangerousGetHandle(), Marshal.UnsafeAddrOfPinnedArrayElement(_headers, 0), Slots, MsgWaitForOne, IntPtr.Zero);
        }
        catch (ObjectDisposedException)
        {
            return Outcome.Closed;
        }
        finally
        {
            if (added) socket.SafeHandle.DangerousRelease();
        }
        if (received < 0)
        {
            return Marshal.GetLastPInvokeError() switch
            {
                Eagain or Eintr => Outcome.Received,
                Ebadf or Enotsock => Outcome.Closed,
                _ => Outcome.Failed,
            };
        }

        LastReceived = received;
        for (var i = 0; i < received; i++)
        {
            var header = _headers.AsSpan(i * HeaderBytes, HeaderBytes);
            var length = BinaryPrimitives.ReadInt32LittleEndian(header[56..]);
            var truncated = (BinaryPrimitives.ReadInt32LittleEndian(header[48..]) & MsgTruncated) != 0;
            var addressLength = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
            if (addressLength == 0) continue; // not a datagram: the wake-up of a socket being shut down
            onDatagram(_data.AsSpan(i * SlotBytes, Math.Min(length, SlotBytes)), _addresses.AsSpan(i * AddressBytes, Math.Min(addressLength, AddressBytes)), truncated);
        }
        return Outcome.Received;
    }

    /// <summary>A sockaddr_in or sockaddr_in6 as an endpoint (port and address are in network byte order).</summary>
    public static IPEndPoint? ToEndPoint(ReadOnlySpan<byte> address)
    {
        if (address.Length < 8) return null;
        var family = BinaryPrimitives.ReadUInt16LittleEndian(address);
        var port = BinaryPrimitives.ReadUInt16BigEndian(address[2..]);
        return family switch
        {
            AfInet => new IPEndPoint(new IPAddress(address.Slice(4, 4)), port),
            AfInet6 when address.Length >= 28 => new IPEndPoint(new IPAddress(address.Slice(8, 16), BinaryPrimitives.ReadUInt32LittleEndian(address[24..])), port),
            _ => null,
        };
    }

    // DllImport rather than LibraryImport: the signature is blittable and the project does not allow unsafe code.
    [DllImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
#pragma warning disable SYSLIB1054
    private static extern int RecvMmsg(int socket, IntPtr messages, uint count, int flags, IntPtr timeout);
#pragma warning restore SYSLIB1054
}
