package io.tendril.admin;

import io.tendril.capture.RateLimiter;
import io.tendril.config.Config;
import io.tendril.http.ApiException;
import io.tendril.http.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signs users in: HTTP Basic for token creation, Bearer tokens for the API, sessions for pages. */
public final class AuthService {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);
    private static final int MAX_TOKEN_NAME = 100;
    /** Failed sign-ins allowed per address and client address in one window. */
    static final int MAX_FAILURES_PER_CLIENT = 10;
    /** Failed sign-ins allowed per address from all clients in one window. */
    static final int MAX_FAILURES_PER_ADDRESS = 50;
    static final int FAILURE_WINDOW_SECONDS = 900;
    /** Checked against when the address is unknown, so that the check takes as long. */
    private static final String DUMMY_HASH = Passwords.hash("not a password of anyone");
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    private static final String TOKEN_PREFIX = "tdl_";

    private final Jdbi jdbi;
    private final Clock clock;
    private final RateLimiter limiter;
    /** Buckets locked on this node, to the epoch millisecond their window ends. */
    private final Map<String, Long> lockedUntil = new ConcurrentHashMap<>();

    public AuthService(Jdbi jdbi, Clock clock, RateLimiter limiter) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.limiter = limiter;
    }

    /**
     * Creates the first admin when no user exists, and also the configured admin when
     * {@code email} names no user yet, so that setting TENDRIL_ADMIN_EMAIL and
     * TENDRIL_ADMIN_PASSWORD always gives a way in. An existing user's password is never
     * changed. Returns the generated password when one was generated and a user was created.
     */
    public Optional<String> ensureAdmin(String email, String password) {
        String address = email == null ? "admin@localhost" : email;
        String chosen = password == null ? Passwords.randomToken(12) : password;
        Optional<Long> created = jdbi.withExtension(AccessDao.class, dao -> email == null
                ? dao.insertUserIfNone(address, Passwords.hash(chosen))
                : dao.insertUserIfMissing(address, Passwords.hash(chosen)));
        if (created.isPresent()) {
            log.info("Admin user {} created", created.get());
            return password == null ? Optional.of(chosen) : Optional.empty();
        }
        return Optional.empty();
    }

    /** Returns the user named by an {@code Authorization: Basic} header, or throws 401. */
    public User authenticateBasic(String header, String client) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw ApiException.unauthorized("Send the admin's email and password with HTTP Basic"
                    + " authentication.");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("The Basic credentials are not valid base64.");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw ApiException.unauthorized("The Basic credentials must be email:password.");
        }
        return checkPassword(decoded.substring(0, colon), decoded.substring(colon + 1), client)
                .orElseThrow(() -> ApiException.unauthorized("Wrong email or password."));
    }

    /**
     * Returns the user when the email and password match. Failures are counted per address and
     * client and per address: past {@link #MAX_FAILURES_PER_CLIENT} or
     * {@link #MAX_FAILURES_PER_ADDRESS} in {@link #FAILURE_WINDOW_SECONDS}, further attempts get
     * a 429 until the window ends, right password or not. An unknown address costs as much time
     * as a wrong password, so timing does not tell which addresses have an account.
     *
     * @throws ApiException 429 while the address is locked
     */
    public Optional<User> checkPassword(String email, String password, String client) {
        String address = email.strip().toLowerCase(java.util.Locale.ROOT);
        String addressBucket = "login:" + HexFormat.of().formatHex(Passwords.sha256(address));
        String clientBucket = addressBucket + ":" + client;
        long now = clock.millis();
        for (String bucket : List.of(addressBucket, clientBucket)) {
            Long until = lockedUntil.get(bucket);
            if (until != null && until > now) {
                long seconds = Math.max(1, (until - now + 999) / 1000);
                throw ApiException.tooManyRequests("Too many failed sign-ins for this address;"
                        + " try again in " + seconds + " seconds.", seconds);
            }
        }

        Optional<User> user = jdbi.withExtension(AccessDao.class,
                dao -> dao.findUserByEmail(email.strip()));
        boolean matches = Passwords.matches(password, user.map(User::passwordHash)
                .orElse(DUMMY_HASH));
        if (user.isPresent() && matches) {
            return user;
        }
        // The limiter passes hits up to its limit, so the last allowed failure locks at once.
        lock(addressBucket, limiter.hit(addressBucket, MAX_FAILURES_PER_ADDRESS - 1,
                FAILURE_WINDOW_SECONDS), now);
        lock(clientBucket, limiter.hit(clientBucket, MAX_FAILURES_PER_CLIENT - 1,
                FAILURE_WINDOW_SECONDS), now);
        return Optional.empty();
    }

    private void lock(String bucket, long seconds, long now) {
        if (seconds > 0) {
            lockedUntil.put(bucket, now + seconds * 1000);
            log.warn("Sign-in locked for {} s after repeated failures", seconds);
        }
        lockedUntil.values().removeIf(until -> until <= now);
    }

    /**
     * Creates an API token for user {@code userId}, named {@code name} (stripped, at most 100
     * characters). Only its hash is stored, so it is shown once.
     */
    public String createToken(long userId, String name) {
        String label = name == null ? "" : name.strip();
        if (label.length() > MAX_TOKEN_NAME) {
            throw ValidationException.of("name", "Too long: at most " + MAX_TOKEN_NAME
                    + " characters.");
        }
        String token = TOKEN_PREFIX + Passwords.randomToken(32);
        long id = jdbi.withExtension(AccessDao.class,
                dao -> dao.insertToken(userId, label, Passwords.sha256(token)));
        log.info("API token {} created for user {}", id, userId);
        return token;
    }

    /** Returns every API token, newest first, without the tokens themselves. */
    public List<AccessDao.TokenInfo> tokens() {
        return jdbi.withExtension(AccessDao.class, AccessDao::listTokens);
    }

    /**
     * Revokes API token {@code id}, so it authenticates nothing from now on.
     *
     * @throws ApiException 404 when no token has that id
     */
    public void revokeToken(long id, long revokedBy) {
        jdbi.withExtension(AccessDao.class, dao -> dao.revokeToken(id, clock.instant()))
                .orElseThrow(() -> ApiException.notFound("API token " + id));
        log.info("API token {} revoked by user {}", id, revokedBy);
    }

    /** Returns the user of an {@code Authorization: Bearer} header, or throws 401. */
    public User authenticateBearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("Send an API token as Authorization: Bearer TOKEN;"
                    + " create one with POST /api/v1/tokens.");
        }
        String token = header.substring(7).strip();
        return jdbi.withExtension(AccessDao.class,
                        dao -> dao.findUserByToken(Passwords.sha256(token)))
                .orElseThrow(() -> ApiException.unauthorized("The API token is unknown or"
                        + " revoked."));
    }

    /** Starts an admin session; returns the session id for the cookie. */
    public String startSession(User user) {
        String sessionId = Passwords.randomToken(32);
        jdbi.useExtension(AccessDao.class, dao -> dao.insertSession(Passwords.sha256(sessionId),
                user.id(), Passwords.randomToken(24), clock.instant().plus(SESSION_LIFETIME)));
        return sessionId;
    }

    public Optional<AccessDao.Session> findSession(String sessionId) {
        if (sessionId == null || sessionId.isEmpty()) {
            return Optional.empty();
        }
        return jdbi.withExtension(AccessDao.class,
                dao -> dao.findSession(Passwords.sha256(sessionId), clock.instant()));
    }

    /**
     * Changes the signed-in user's password and ends their other sessions, so that a leaked
     * password stops working everywhere at once. Returns what is wrong with the request, or
     * empty when the password was changed.
     */
    public Optional<String> changePassword(AccessDao.Session session, String sessionId,
            String current, String next, String repeated, String client) {
        Optional<User> user = checkPassword(session.email(), current == null ? "" : current,
                client);
        if (user.isEmpty()) {
            return Optional.of("The current password is wrong.");
        }
        if (next == null || next.strip().length() < Config.MIN_PASSWORD_LENGTH) {
            return Optional.of("The new password is too short: use at least "
                    + Config.MIN_PASSWORD_LENGTH + " characters, not counting spaces at either"
                    + " end.");
        }
        if (!next.equals(repeated)) {
            return Optional.of("The two new passwords differ; type the same one twice.");
        }
        if (next.equals(current)) {
            return Optional.of("The new password is the current one; choose another.");
        }
        int ended = jdbi.inTransaction(handle -> {
            AccessDao dao = handle.attach(AccessDao.class);
            dao.updatePassword(session.userId(), Passwords.hash(next));
            return dao.deleteOtherSessions(session.userId(), Passwords.sha256(sessionId));
        });
        log.info("User {} changed their password; {} other sessions ended", session.userId(),
                ended);
        return Optional.empty();
    }

    public void endSession(String sessionId) {
        if (sessionId != null) {
            jdbi.useExtension(AccessDao.class,
                    dao -> dao.deleteSession(Passwords.sha256(sessionId), clock.instant()));
        }
    }
}
