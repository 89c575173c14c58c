package io.tendril.bench;

import io.tendril.db.Database;
import io.tendril.delivery.SmtpMailTransport;
import io.tendril.tracking.TokenSigner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Small helpers for the benchmark script, using Tendril's own classes so that the benchmark
 * follows the code:
 * <ul>
 *   <li>{@code constants}: prints {@code POOL_SIZE=n} and {@code SMTP_CONNECTIONS=n};</li>
 *   <li>{@code tokens SECRET open|click}: reads message ids, one a line, and prints the signed
 *       open (pixel) or click (link 0) token of each.</li>
 * </ul>
 */
public final class BenchTool {

    private BenchTool() {
    }

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "constants" -> {
                System.out.println("POOL_SIZE=" + Database.POOL_SIZE);
                System.out.println("SMTP_CONNECTIONS=" + SmtpMailTransport.CONNECTIONS);
            }
            case "tokens" -> printTokens(new TokenSigner(args[1]),
                    args[2].equals("open") ? TokenSigner.Kind.OPEN : TokenSigner.Kind.CLICK);
            default -> throw new IllegalArgumentException("Unknown command " + args[0]
                    + "; use constants or tokens");
        }
    }

    private static void printTokens(TokenSigner signer, TokenSigner.Kind kind) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
                StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
                out.append(signer.sign(kind, Long.parseLong(line.strip()), 0)).append('\n');
            }
        }
        System.out.print(out);
    }
}
