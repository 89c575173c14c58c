package io.tendril.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A minimal SMTP server on loopback that offers STARTTLS with a self-signed certificate and
 * accepts mail only after the TLS upgrade, for testing the STARTTLS transport (GreenMail 2.1
 * serves no STARTTLS). MAIL is refused before the upgrade, so every recorded message arrived
 * over TLS.
 */
final class StartTlsSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final SSLContext tls;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Thread thread;

    StartTlsSmtpServer() throws Exception {
        this.tls = selfSigned();
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "starttls-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Returns the DATA of each message received over TLS. */
    List<String> messages() {
        return messages;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket plain = server.accept()) {
                session(plain);
            } catch (IOException e) {
                // The server closed, or a client went away mid-session; wait for the next one.
            }
        }
    }

    private void session(Socket plain) throws IOException {
        Connection connection = new Connection(plain);
        connection.reply("220 localhost ESMTP test");
        String line;
        while ((line = connection.read()) != null) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
            switch (command) {
                case "EHLO" -> connection.reply(connection.secure ? "250 localhost"
                        : "250-localhost\r\n250 STARTTLS");
                case "STAR" -> {
                    connection.reply("220 Ready to start TLS");
                    SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain,
                            "localhost", plain.getPort(), true);
                    secure.setUseClientMode(false);
                    secure.startHandshake();
                    connection = new Connection(secure);
                    connection.secure = true;
                }
                case "MAIL", "RCPT" -> connection.reply(connection.secure ? "250 OK"
                        : "530 5.7.0 Must issue a STARTTLS command first");
                case "DATA" -> {
                    connection.reply("354 End data with <CR><LF>.<CR><LF>");
                    StringBuilder data = new StringBuilder();
                    String dataLine;
                    while ((dataLine = connection.read()) != null && !dataLine.equals(".")) {
                        data.append(dataLine).append("\r\n");
                    }
                    messages.add(data.toString());
                    connection.reply("250 OK queued");
                }
                case "QUIT" -> {
                    connection.reply("221 Bye");
                    return;
                }
                default -> connection.reply("250 OK");
            }
        }
    }

    private static final class Connection {
        private final BufferedReader in;
        private final OutputStream out;
        private boolean secure;

        Connection(Socket socket) throws IOException {
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            this.out = socket.getOutputStream();
        }

        String read() throws IOException {
            return in.readLine();
        }

        void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    private static SSLContext selfSigned() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=localhost");
        Date now = new Date();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.ONE, now,
                        new Date(now.getTime() + 86_400_000L), name, pair.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA")
                                .build(pair.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("smtp", pair.getPrivate(), new char[0],
                new X509Certificate[] {certificate});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(
                KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
