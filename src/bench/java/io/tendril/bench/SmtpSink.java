package io.tendril.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's SMTP sink on loopback: accepts every message, keeps none, counts them. The
 * first message is saved as it arrived on the wire (dot-stuffed), so that the S reference can
 * replay the very same MIME message. The count is written to a file twice a second.
 * Usage: {@code SmtpSink PORT SAMPLE_FILE COUNT_FILE}.
 */
public final class SmtpSink {

    private static final byte[] END = ".".getBytes(StandardCharsets.US_ASCII);

    private final AtomicLong received = new AtomicLong();
    private final AtomicBoolean sampled = new AtomicBoolean();
    private final Path sampleFile;

    private SmtpSink(Path sampleFile) {
        this.sampleFile = sampleFile;
    }

    public static void main(String[] args) throws IOException {
        SmtpSink sink = new SmtpSink(Path.of(args[1]));
        Path countFile = Path.of(args[2]);
        Thread counter = new Thread(() -> sink.writeCount(countFile), "sink-count");
        counter.setDaemon(true);
        counter.start();
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]), 128,
                InetAddress.getLoopbackAddress())) {
            while (true) {
                Socket socket = server.accept();
                Thread session = new Thread(() -> sink.serve(socket), "sink-session");
                session.setDaemon(true);
                session.start();
            }
        }
    }

    private void writeCount(Path countFile) {
        Path temp = countFile.resolveSibling(countFile.getFileName() + ".tmp");
        while (true) {
            try {
                Files.writeString(temp, received.get() + "\n");
                Files.move(temp, countFile, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                Thread.sleep(500);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
            OutputStream out = socket.getOutputStream();
            reply(out, "220 bench-sink ESMTP");
            for (byte[] line = readLine(in); line != null; line = readLine(in)) {
                String command = new String(line, 0, Math.min(line.length, 4),
                        StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO" -> reply(out, "250-bench-sink\r\n250-8BITMIME\r\n250 SIZE 0");
                    case "HELO" -> reply(out, "250 bench-sink");
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        readData(in);
                        received.incrementAndGet();
                        reply(out, "250 queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // The client went away; a sink has nothing to report about it.
        }
    }

    private void readData(InputStream in) throws IOException {
        boolean keep = !sampled.get();
        ByteArrayOutputStream message = keep ? new ByteArrayOutputStream() : null;
        for (byte[] line = readLine(in); line != null; line = readLine(in)) {
            if (java.util.Arrays.equals(line, END)) {
                break;
            }
            if (keep) {
                message.write(line);
                message.write('\r');
                message.write('\n');
            }
        }
        if (keep && sampled.compareAndSet(false, true)) {
            Files.write(sampleFile, message.toByteArray());
        }
    }

    /** Reads one line without its CRLF (or bare LF); null at the end of the stream. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r'
                        ? bytes.length - 1 : bytes.length;
                return java.util.Arrays.copyOf(bytes, length);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
