package io.tendril.support;

import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** Reads the parts of a received email. */
public final class Mime {

    private Mime() {
    }

    /** Returns the first part of {@code type} (such as text/html), or null when there is none. */
    public static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Returns every text part of the email, concatenated. */
    public static String allText(Part part) throws Exception {
        if (part.isMimeType("text/*")) {
            return (String) part.getContent();
        }
        StringBuilder all = new StringBuilder();
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(allText(multipart.getBodyPart(i)));
            }
        }
        return all.toString();
    }
}
