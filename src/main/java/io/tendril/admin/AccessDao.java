package io.tendril.admin;

import java.time.Instant;
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

    @SqlUpdate
    void insertSession(@Bind("idHash") byte[] idHash, @Bind("userId") long userId,
            @Bind("csrfToken") String csrfToken, @Bind("expiresAt") Instant expiresAt);

    @SqlQuery
    @RegisterConstructorMapper(Session.class)
    Optional<Session> findSession(@Bind("idHash") byte[] idHash, @Bind("now") Instant now);

    @SqlUpdate
    void deleteSession(@Bind("idHash") byte[] idHash, @Bind("now") Instant now);
}
