package io.tendril.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal SMTP server on loopback whose reply to RCPT TO is chosen per recipient, such as
 * {@code 454 4.7.0 Throttling} or {@code 550 5.1.1 No such user}; every other recipient is
 * accepted. It records each accepted delivery (recipient and arrival time).
 */
final class ScriptedSmtpServer implements AutoCloseable {

    /** One accepted message. */
    record Delivery(String recipient, Instant at) {
    }

    private final ServerSocket server;
    private final ExecutorService sessions = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "scripted-smtp");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, String> replies = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<String> rejections = new CopyOnWriteArrayList<>();

    ScriptedSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        sessions.submit(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Sets the reply to RCPT TO for {@code address}; a null reply accepts it again. */
    void reply(String address, String reply) {
        if (reply == null) {
            replies.remove(address.toLowerCase(Locale.ROOT));
        } else {
            replies.put(address.toLowerCase(Locale.ROOT), reply);
        }
    }

    List<Delivery> deliveries() {
        return deliveries;
    }

    /** Returns how many deliveries reached {@code address}. */
    long deliveriesTo(String address) {
        return deliveries.stream().filter(d -> d.recipient().equalsIgnoreCase(address)).count();
    }

    /** Returns how many times RCPT TO {@code address} was rejected. */
    long rejectionsOf(String address) {
        return rejections.stream().filter(address::equalsIgnoreCase).count();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sessions.submit(() -> session(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            write(out, "220 scripted.test ESMTP");
            String recipient = null;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    write(out, "250 scripted.test");
                } else if (command.startsWith("RCPT TO:")) {
                    String address = line.substring(8).replaceAll("[<>\\s]", "")
                            .replaceAll("(?i)NOTIFY=.*$", "");
                    String reply = replies.get(address.toLowerCase(Locale.ROOT));
                    if (reply == null) {
                        recipient = address;
                        write(out, "250 2.1.5 OK");
                    } else {
                        rejections.add(address);
                        write(out, reply);
                    }
                } else if (command.equals("DATA")) {
                    if (recipient == null) {
                        write(out, "503 5.5.1 No valid recipients");
                        continue;
                    }
                    write(out, "354 End data with <CR><LF>.<CR><LF>");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // The content is not needed; only who received a message.
                    }
                    deliveries.add(new Delivery(recipient, Instant.now()));
                    recipient = null;
                    write(out, "250 2.0.0 Queued");
                } else if (command.equals("QUIT")) {
                    write(out, "221 2.0.0 Bye");
                    return;
                } else if (command.startsWith("RSET")) {
                    recipient = null;
                    write(out, "250 2.0.0 OK");
                } else {
                    write(out, "250 OK");
                }
            }
        } catch (IOException e) {
            // The client closed the connection.
        }
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        sessions.shutdownNow();
    }
}
