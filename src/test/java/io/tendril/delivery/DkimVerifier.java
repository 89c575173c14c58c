package io.tendril.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Verifies an RSA-SHA256 DKIM signature (RFC 6376) of a raw message against a public key, with
 * simple or relaxed canonicalization. For tests: no DNS, no l= tag, one signature.
 */
final class DkimVerifier {

    private DkimVerifier() {
    }

    /** Throws AssertionError naming what did not match; returns the parsed tags when valid. */
    static Map<String, String> verify(String raw, PublicKey key) throws Exception {
        int split = raw.indexOf("\r\n\r\n");
        String headerSection = raw.substring(0, split + 2);
        String body = raw.substring(split + 4);
        List<String> headers = headers(headerSection);
        String signature = headers.stream()
                .filter(h -> h.regionMatches(true, 0, "DKIM-Signature:", 0, 15))
                .findFirst().orElseThrow(() -> new AssertionError("No DKIM-Signature header"));
        Map<String, String> tags = tags(signature.substring(signature.indexOf(':') + 1));
        String[] canon = tags.getOrDefault("c", "simple/simple").split("/");
        boolean relaxedHeaders = canon[0].equals("relaxed");
        boolean relaxedBody = canon.length > 1 && canon[1].equals("relaxed");

        byte[] bodyHash = MessageDigest.getInstance("SHA-256").digest(
                canonicalBody(body, relaxedBody).getBytes(StandardCharsets.UTF_8));
        String bh = Base64.getEncoder().encodeToString(bodyHash);
        if (!bh.equals(tags.get("bh"))) {
            throw new AssertionError("Body hash differs: computed " + bh + ", signed "
                    + tags.get("bh"));
        }

        StringBuilder signed = new StringBuilder();
        Map<String, Integer> used = new HashMap<>();
        for (String name : tags.get("h").split(":")) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            int skip = used.merge(wanted, 1, Integer::sum) - 1;
            String header = nthFromBottom(headers, wanted, skip);
            if (header != null) {
                signed.append(canonicalHeader(header, relaxedHeaders));
            }
        }
        String emptied = signature.replaceAll("(\\bb=)[^;]*", "$1");
        String last = canonicalHeader(emptied, relaxedHeaders);
        signed.append(last, 0, last.length() - 2);

        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update(signed.toString().getBytes(StandardCharsets.UTF_8));
        if (!rsa.verify(Base64.getDecoder().decode(tags.get("b")))) {
            throw new AssertionError("Signature does not verify over: " + signed);
        }
        return tags;
    }

    private static List<String> headers(String section) {
        List<String> headers = new ArrayList<>();
        for (String line : section.split("(?<=\r\n)")) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && !headers.isEmpty()) {
                headers.set(headers.size() - 1, headers.get(headers.size() - 1) + line);
            } else {
                headers.add(line);
            }
        }
        return headers;
    }

    private static String nthFromBottom(List<String> headers, String name, int skip) {
        int seen = 0;
        for (int i = headers.size() - 1; i >= 0; i--) {
            String header = headers.get(i);
            String headerName = header.substring(0, header.indexOf(':')).strip()
                    .toLowerCase(Locale.ROOT);
            if (headerName.equals(name) && seen++ == skip) {
                return header;
            }
        }
        return null;
    }

    private static Map<String, String> tags(String value) {
        Map<String, String> tags = new HashMap<>();
        for (String tag : value.split(";")) {
            int equals = tag.indexOf('=');
            if (equals > 0) {
                tags.put(tag.substring(0, equals).strip(),
                        tag.substring(equals + 1).replaceAll("[ \t\r\n]", ""));
            }
        }
        return tags;
    }

    private static String canonicalHeader(String header, boolean relaxed) {
        if (!relaxed) {
            return header.endsWith("\r\n") ? header : header + "\r\n";
        }
        int colon = header.indexOf(':');
        String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).replaceAll("\r\n(?=[ \t])", "")
                .replaceAll("\r\n$", "").replaceAll("[ \t]+", " ").strip();
        return name + ":" + value + "\r\n";
    }

    private static String canonicalBody(String body, boolean relaxed) {
        String text = body;
        if (relaxed) {
            StringBuilder out = new StringBuilder();
            for (String line : text.split("\r\n", -1)) {
                out.append(line.replaceAll("[ \t]+", " ").replaceAll(" $", "")).append("\r\n");
            }
            text = out.toString();
        }
        while (text.endsWith("\r\n\r\n")) {
            text = text.substring(0, text.length() - 2);
        }
        if (text.isEmpty() || text.equals("\r\n")) {
            return relaxed ? "" : "\r\n";
        }
        return text.endsWith("\r\n") ? text : text + "\r\n";
    }
}
