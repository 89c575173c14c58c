package io.tendril.admin;

/** A person who signs in to the admin or the API. */
public record User(long id, String email, String passwordHash, String role) {

    @Override
    public String toString() {
        return "User[id=" + id + ", role=" + role + "]";
    }
}
