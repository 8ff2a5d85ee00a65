using System.Net;
using System.Net.Sockets;

namespace BootPrep.Tests.Support;

/// <summary>A TCP relay on loopback in front of a server that counts the bytes the server sends, TLS and all.</summary>
internal sealed class CountingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly List<TcpClient> _connections = [];
    private long _received;

    public CountingProxy(int target)
    {
        _target = target;
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>The port clients connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The bytes the server has sent so far.</summary>
    public long Received => Interlocked.Read(ref _received);

    public void Dispose()
    {
        _listener.Stop();
        lock (_connections)
        {
            _connections.ForEach(connection => connection.Dispose());
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            var server = new TcpClient();
            await server.ConnectAsync(IPAddress.Loopback, _target);
            lock (_connections)
            {
                _connections.Add(client);
                _connections.Add(server);
            }

            _ = RelayAsync(client.GetStream(), server.GetStream(), count: false);
            _ = RelayAsync(server.GetStream(), client.GetStream(), count: true);
        }
    }

    private async Task RelayAsync(NetworkStream from, NetworkStream to, bool count)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer)) > 0)
            {
                if (count)
                {
                    Interlocked.Add(ref _received, read);
                }

                await to.WriteAsync(buffer.AsMemory(0, read));
            }

            to.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
        }
    }
}
