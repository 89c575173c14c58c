package io.tendril.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reference S: sends one saved MIME message (already dot-stuffed) {@code COUNT} times to an SMTP
 * server over {@code CONNECTIONS} parallel connections, each reused for many messages, one
 * command and one reply at a time, as Tendril's mailer does. Prints
 * {@code messages=N seconds=T rate=R}.
 * Usage: {@code SmtpBlast HOST PORT CONNECTIONS COUNT MESSAGE_FILE}.
 */
public final class SmtpBlast {

    private SmtpBlast() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        byte[] message = Files.readAllBytes(Path.of(args[4]));

        AtomicInteger remaining = new AtomicInteger(count);
        AtomicInteger sent = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            Thread thread = new Thread(() -> {
                try {
                    session(host, port, message, remaining, sent);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "blast-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("messages=%d seconds=%.3f rate=%.1f%n", sent.get(), seconds,
                sent.get() / seconds);
    }

    private static void session(String host, int port, byte[] message, AtomicInteger remaining,
            AtomicInteger sent) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 65536);
            expect(in, '2');
            command(out, in, "EHLO bench", '2');
            while (remaining.getAndDecrement() > 0) {
                command(out, in, "MAIL FROM:<noreply@localhost>", '2');
                command(out, in, "RCPT TO:<lead@example.com>", '2');
                command(out, in, "DATA", '3');
                out.write(message);
                command(out, in, ".", '2');
                sent.incrementAndGet();
            }
            command(out, in, "QUIT", '2');
        }
    }

    private static void command(OutputStream out, InputStream in, String line, char expected)
            throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, expected);
    }

    /** Reads a whole (possibly multi-line) reply and checks its first digit. */
    private static void expect(InputStream in, char expected) throws IOException {
        while (true) {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != '\n') {
                if (b == -1) {
                    throw new IOException("Connection closed while waiting for a reply");
                }
                line.append((char) b);
            }
            if (line.length() < 4 || line.charAt(3) != '-') {
                if (line.charAt(0) != expected) {
                    throw new IOException("Unexpected reply: " + line.toString().strip());
                }
                return;
            }
        }
    }
}
