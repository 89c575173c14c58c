package io.tendril.webhook;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Webhooks and their deliveries. */
@UseClasspathSqlLocator
@RegisterRowMapper(WebhookDao.WebhookMapper.class)
public interface WebhookDao {

    /** One attempt to deliver, as the API lists it. */
    record DeliveryView(long id, long eventId, String eventType, String status, int attempts,
            Instant nextAttemptAt, Integer responseStatus, String error, Instant createdAt,
            Instant deliveredAt) {
    }

    /** A claimed delivery with what its POST carries. */
    record Claimed(long id, long webhookId, int attempts, String url, String secret,
            long eventId, String eventType, Instant occurredAt, boolean human, Long messageId,
            String eventData, long leadId, String email, String name, String stage,
            String leadStatus, List<String> tags) {
    }

    @SqlQuery
    Webhook insert(@Bind("url") String url, @Bind("events") String[] events,
            @Bind("secret") String secret, @Bind("active") boolean active,
            @Bind("description") String description, @Bind("now") Instant now);

    @SqlQuery
    List<Webhook> list();

    @SqlQuery
    Optional<Webhook> findById(@Bind("id") long id);

    @SqlQuery
    Optional<Webhook> update(@Bind("id") long id, @Bind("url") String url,
            @Bind("events") String[] events, @Bind("active") boolean active,
            @Bind("description") String description, @Bind("now") Instant now);

    @SqlQuery
    Optional<Webhook> rotateSecret(@Bind("id") long id, @Bind("secret") String secret,
            @Bind("now") Instant now);

    @SqlUpdate
    int delete(@Bind("id") long id);

    @SqlUpdate
    void lockWebhooks();

    @SqlUpdate
    void syncTrigger();

    @SqlQuery
    @RegisterConstructorMapper(DeliveryView.class)
    List<DeliveryView> listDeliveries(@Bind("webhookId") long webhookId,
            @Bind("limit") int limit);

    @SqlQuery
    @RegisterRowMapper(ClaimedMapper.class)
    List<Claimed> claimDue(@Bind("now") Instant now, @Bind("leaseUntil") Instant leaseUntil,
            @Bind("limit") int limit);

    @SqlUpdate
    void markDelivered(@Bind("id") long id, @Bind("responseStatus") int responseStatus,
            @Bind("now") Instant now);

    @SqlUpdate
    void markAttemptFailed(@Bind("id") long id, @Bind("nextAttemptAt") Instant nextAttemptAt,
            @Bind("responseStatus") Integer responseStatus, @Bind("error") String error);

    /** Maps a row of {@code webhooks}. */
    final class WebhookMapper implements RowMapper<Webhook> {
        @Override
        public Webhook map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Webhook(rs.getLong("id"), rs.getString("url"),
                    strings(rs.getArray("events")), rs.getString("secret"),
                    rs.getBoolean("active"), rs.getString("description"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("updated_at").toInstant());
        }
    }

    /** Maps a row of {@code claimDue.sql}. */
    final class ClaimedMapper implements RowMapper<Claimed> {
        @Override
        public Claimed map(ResultSet rs, StatementContext ctx) throws SQLException {
            Long messageId = rs.getObject("message_id", Long.class);
            return new Claimed(rs.getLong("id"), rs.getLong("webhook_id"), rs.getInt("attempts"),
                    rs.getString("url"), rs.getString("secret"), rs.getLong("event_id"),
                    rs.getString("event_type"), rs.getTimestamp("occurred_at").toInstant(),
                    rs.getBoolean("human"), messageId,
                    rs.getString("event_data"), rs.getLong("lead_id"), rs.getString("email"),
                    rs.getString("name"), rs.getString("stage"), rs.getString("lead_status"),
                    strings(rs.getArray("tags")));
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
