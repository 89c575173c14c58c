package io.tendril.config;

/** The default From of every email: a display name and an address. */
public record Sender(String name, String address) {

    /** Returns the domain part of the address, used for Message-ID and mailto links. */
    public String domain() {
        return address.substring(address.indexOf('@') + 1);
    }

    @Override
    public String toString() {
        return name.isEmpty() ? address : name + " <" + address + ">";
    }
}
