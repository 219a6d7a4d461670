using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Storefront.Tests.Notifications;

/// <summary>
/// An SMTP relay on loopback that speaks just enough of RFC 5321 and AUTH LOGIN for MailKit's <c>SmtpClient</c>,
/// so the store's Smtp transport is tested over a real SMTP conversation. It keeps what it was given, and answers 550
/// to the recipients in <see cref="RefusedRecipients"/>.
/// </summary>
public sealed class SmtpRelay : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    public SmtpRelay()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<RelayedMessage> Messages { get; } = new();

    public ConcurrentDictionary<string, bool> RefusedRecipients { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void Dispose()
    {
        // The factory that owns the relay may be disposed twice (Dispose and DisposeAsync).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        _stopping.Cancel();
        _listener.Stop();
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var connection = client;
        var stream = connection.GetStream();
        // Latin-1 passes any byte through; the client encodes non-ASCII headers and bodies anyway.
        using var reader = new StreamReader(stream, Encoding.Latin1);
        await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
        var session = new Session();
        await writer.WriteLineAsync("220 relay.test ESMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (words[0].ToUpperInvariant())
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-relay.test");
                    await writer.WriteLineAsync("250 AUTH LOGIN");
                    break;
                case "AUTH" when words.Length >= 2 && words[1].Equals("LOGIN", StringComparison.OrdinalIgnoreCase):
                    if (words.Length > 2)
                    {
                        session.UserName = Decode(words[2]);
                    }
                    else
                    {
                        await writer.WriteLineAsync("334 VXNlcm5hbWU6");
                        session.UserName = Decode(await reader.ReadLineAsync());
                    }
                    await writer.WriteLineAsync("334 UGFzc3dvcmQ6");
                    session.Password = Decode(await reader.ReadLineAsync());
                    await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                    break;
                case "MAIL":
                    session.Sender = AddressIn(line);
                    session.Recipients.Clear();
                    await writer.WriteLineAsync("250 2.1.0 OK");
                    break;
                case "RCPT":
                    var recipient = AddressIn(line);
                    if (RefusedRecipients.ContainsKey(recipient))
                    {
                        // Real relays quote the address: the store must keep it out of its records and logs.
                        await writer.WriteLineAsync($"550 5.1.1 <{recipient}>: Recipient address rejected");
                        break;
                    }
                    session.Recipients.Add(recipient);
                    await writer.WriteLineAsync("250 2.1.5 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    using (var message = new MemoryStream(Encoding.Latin1.GetBytes(data.ToString())))
                        Messages.Enqueue(new RelayedMessage(session.UserName, session.Password, session.Sender, [.. session.Recipients], MimeMessage.Load(message)));
                    await writer.WriteLineAsync("250 2.0.0 Queued");
                    break;
                case "RSET" or "NOOP":
                    await writer.WriteLineAsync("250 2.0.0 OK");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 2.0.0 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 5.5.2 Command not recognized");
                    break;
            }
        }
    }

    private static string Decode(string? base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64 ?? ""));

    // "MAIL FROM:<a@b>" / "RCPT TO:<a@b> …"
    private static string AddressIn(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal) + 1;
        return line[start..line.IndexOf('>', start)];
    }

    private sealed class Session
    {
        public string? UserName { get; set; }

        public string? Password { get; set; }

        public string? Sender { get; set; }

        public List<string> Recipients { get; } = [];
    }
}

public sealed record RelayedMessage(string? UserName, string? Password, string? Sender, IReadOnlyList<string> Recipients, MimeMessage Message);
