package io.tendril.lead;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Leads and their timelines. */
@UseClasspathSqlLocator
public interface LeadDao {

    /** The outcome of an upsert: the lead's id and status, and whether it was new. */
    record Upserted(long id, String status, boolean created) {
    }

    /**
     * Creates or updates the lead by {@code emailKey}. A new lead starts with {@code status};
     * {@code tags} are added to the lead's and a non-null {@code stage} replaces its stage.
     */
    @SqlQuery
    @RegisterConstructorMapper(Upserted.class)
    Upserted upsert(@Bind("email") String email, @Bind("emailKey") String emailKey,
            @Bind("name") String name, @Bind("phone") String phone,
            @Bind("company") String company, @Bind("attributes") String attributesJson,
            @Bind("timeZone") String timeZone, @Bind("touch") String touchJson,
            @Bind("status") String status, @Bind("tags") String[] tags,
            @Bind("stage") String stage);

    /** Makes a pending or unsubscribed lead active; returns 1 when it changed. */
    @SqlUpdate
    int activate(@Bind("id") long id, @Bind("now") Instant now);

    @SqlQuery
    @RegisterRowMapper(Lead.Mapper.class)
    Optional<Lead> findById(@Bind("id") long id);

    /** Reads the lead and locks its row until the transaction ends. */
    @SqlQuery
    @RegisterRowMapper(Lead.Mapper.class)
    Optional<Lead> lockById(@Bind("id") long id);

    /** Writes stage and tags, merges {@code setAttributes} in and drops the named ones. */
    @SqlUpdate
    void updateProfile(@Bind("id") long id, @Bind("stage") String stage,
            @Bind("tags") String[] tags, @Bind("setAttributes") String setAttributesJson,
            @Bind("removeAttributes") String[] removeAttributes, @Bind("now") Instant now);

    @SqlQuery
    @RegisterRowMapper(Lead.Mapper.class)
    Optional<Lead> findByEmailKey(@Bind("emailKey") String emailKey);

    @SqlQuery
    @RegisterRowMapper(Lead.Mapper.class)
    List<Lead> listRecent(@BindMethods LeadFilter filter,
            @Bind("before") Long before, @Bind("limit") int limit);

    @SqlQuery
    @RegisterRowMapper(Lead.Mapper.class)
    List<Lead> search(@Bind("exact") String exact, @Bind("pattern") String pattern,
            @BindMethods LeadFilter filter, @Bind("before") Long before,
            @Bind("limit") int limit);

    @SqlUpdate
    void insertEvent(@Bind("leadId") long leadId, @Bind("type") String type,
            @Bind("messageId") Long messageId, @Bind("submissionId") Long submissionId,
            @Bind("human") boolean human, @Bind("data") String dataJson);

    @SqlQuery
    @RegisterRowMapper(Event.Mapper.class)
    List<Event> listEvents(@Bind("leadId") long leadId, @Bind("limit") int limit);

    /** See {@code LeadDao/erase.sql}; empty when no lead has this id. */
    @SqlQuery
    Optional<Long> erase(@Bind("id") long id, @Bind("now") Instant now);
}
