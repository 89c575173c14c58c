package io.tendril.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Users, API tokens and admin sessions. Tokens and session ids are stored only as hashes. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(User.class)
public interface AccessDao {

    /** A signed-in admin session. */
    record Session(long userId, String email, String csrfToken) {
    }

    @SqlQuery
    Optional<Long> insertUserIfNone(@Bind("email") String email,
            @Bind("passwordHash") String passwordHash);

    @SqlQuery
    Optional<Long> insertUserIfMissing(@Bind("email") String email,
            @Bind("passwordHash") String passwordHash);

    @SqlQuery
    Optional<User> findUserByEmail(@Bind("email") String email);

    @SqlQuery
    long countUsers();

    @SqlQuery
    long insertToken(@Bind("userId") long userId, @Bind("name") String name,
            @Bind("tokenHash") byte[] tokenHash);

    @SqlQuery
    Optional<User> findUserByToken(@Bind("tokenHash") byte[] tokenHash);

    /** An API token as the API lists it: never the token itself. */
    record TokenInfo(long id, String name, String userEmail, Instant createdAt,
            Instant lastUsedAt, Instant revokedAt) {
    }

    @SqlQuery
    @RegisterConstructorMapper(TokenInfo.class)
    List<TokenInfo> listTokens();

    @SqlQuery
    Optional<Long> revokeToken(@Bind("id") long id, @Bind("now") Instant now);

    @SqlUpdate
    void insertSession(@Bind("idHash") byte[] idHash, @Bind("userId") long userId,
            @Bind("csrfToken") String csrfToken, @Bind("expiresAt") Instant expiresAt);

    @SqlQuery
    @RegisterConstructorMapper(Session.class)
    Optional<Session> findSession(@Bind("idHash") byte[] idHash, @Bind("now") Instant now);

    @SqlUpdate
    void deleteSession(@Bind("idHash") byte[] idHash, @Bind("now") Instant now);

    @SqlUpdate
    void updatePassword(@Bind("userId") long userId, @Bind("passwordHash") String passwordHash);

    @SqlUpdate
    int deleteOtherSessions(@Bind("userId") long userId, @Bind("keepHash") byte[] keepHash);
}
