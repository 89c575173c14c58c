package io.tendril.delivery;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The SQL behind {@link JdbiDeliveryStore}. */
@UseClasspathSqlLocator
public interface DeliveryDao {

    @SqlQuery
    @RegisterConstructorMapper(DueMessage.class)
    List<DueMessage> claimRetries(@Bind("nodeId") String nodeId, @Bind("now") Instant now,
            @Bind("limit") int limit);

    @SqlQuery
    @RegisterRowMapper(ClaimedEnrollment.Mapper.class)
    List<ClaimedEnrollment> claimEnrollments(@Bind("now") Instant now, @Bind("limit") int limit);

    /** The id of a message written by {@link #insertMessages} and its enrollment. */
    record NewMessage(long id, long enrollmentId) {
    }

    @SqlQuery
    @RegisterConstructorMapper(NewMessage.class)
    List<NewMessage> insertMessages(@Bind("enrollmentIds") Long[] enrollmentIds,
            @Bind("stepIds") Long[] stepIds, @Bind("leadIds") Long[] leadIds,
            @Bind("nodeId") String nodeId, @Bind("now") Instant now);

    @SqlUpdate
    int moveEnrollments(@Bind("ids") Long[] ids, @Bind("positions") Integer[] positions,
            @Bind("dueAts") String[] dueAts, @Bind("statuses") String[] statuses,
            @Bind("reasons") String[] reasons, @Bind("now") Instant now);

    @SqlUpdate
    int insertEvents(@Bind("leadIds") Long[] leadIds, @Bind("types") String[] types,
            @Bind("data") String[] data, @Bind("now") Instant now);

    @SqlUpdate
    int setStage(@Bind("leadId") long leadId, @Bind("stage") String stage,
            @Bind("stepId") long stepId, @Bind("now") Instant now);

    @SqlUpdate
    int changeTag(@Bind("leadId") long leadId, @Bind("tag") String tag, @Bind("add") boolean add,
            @Bind("stepId") long stepId, @Bind("now") Instant now);

    @SqlUpdate
    int recordProgress(@Bind("ids") Long[] ids, @Bind("smtpMessageIds") String[] smtpMessageIds,
            @Bind("subjects") String[] subjects, @Bind("links") String[] linksJson,
            @Bind("sentIds") Long[] sentIds, @Bind("now") Instant now);

    @SqlUpdate
    int recordFailed(@Bind("ids") Long[] ids, @Bind("subjects") String[] subjects,
            @Bind("errors") String[] errors, @Bind("now") Instant now);

    @SqlUpdate
    int recordDeferred(@Bind("ids") Long[] ids, @Bind("subjects") String[] subjects,
            @Bind("errors") String[] errors, @Bind("maxAttempts") int maxAttempts,
            @Bind("backoffSeconds") long backoffSeconds, @Bind("now") Instant now);

    @SqlUpdate
    void openSendSlot(@Bind("scope") String scope, @Bind("windowStart") Instant windowStart);

    /** The result of one reservation: {@code taken} sends of the window were reserved before. */
    record Reserved(int granted, int taken) {
    }

    @SqlQuery
    @RegisterConstructorMapper(Reserved.class)
    Reserved reserveSends(@Bind("scope") String scope, @Bind("windowStart") Instant windowStart,
            @Bind("wanted") int wanted, @Bind("rate") int rate, @Bind("floor") int floor);

    @SqlUpdate
    void releaseSends(@Bind("scope") String scope, @Bind("windowStart") Instant windowStart,
            @Bind("count") int count);

    @SqlUpdate
    void deleteOldSendSlots(@Bind("now") Instant now);

    @SqlUpdate
    void openDomainSlots(@Bind("scopes") String[] scopes,
            @Bind("windowStart") Instant windowStart);

    /** The sends a recipient domain's counter granted. */
    record DomainGrant(String scope, int granted) {
    }

    @SqlQuery
    @RegisterConstructorMapper(DomainGrant.class)
    List<DomainGrant> reserveDomainSends(@Bind("scopes") String[] scopes,
            @Bind("wanted") Integer[] wanted, @Bind("windowStart") Instant windowStart,
            @Bind("rate") int rate);

    @SqlUpdate
    int postponeRetries(@Bind("ids") Long[] ids, @Bind("ats") String[] ats,
            @Bind("now") Instant now);

    @SqlQuery
    List<Long> requeueOrphans(@Bind("schedulerName") String schedulerName,
            @Bind("now") Instant now);

    @SqlQuery
    List<Long> markOrphansUnknown(@Bind("schedulerName") String schedulerName,
            @Bind("now") Instant now);
}
