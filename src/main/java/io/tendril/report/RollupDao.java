package io.tendril.report;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The rollup job's statements: its position in the events table and the counter updates. */
@UseClasspathSqlLocator
public interface RollupDao {

    /** The rollup position and when it last moved. */
    record State(long lastEventId, Instant updatedAt) {
    }

    @SqlQuery
    long lockState();

    @SqlQuery
    @RegisterConstructorMapper(State.class)
    State findState();

    @SqlUpdate
    void insertMark();

    @SqlQuery
    Optional<Long> findHorizon(@Bind("lagMillis") long lagMillis);

    @SqlUpdate
    void deleteOldMarks(@Bind("horizon") long horizon);

    @SqlUpdate
    int rollUpMessages(@Bind("after") long after, @Bind("upTo") long upTo);

    @SqlUpdate
    int rollUpForms(@Bind("after") long after, @Bind("upTo") long upTo);

    @SqlUpdate
    int rollUpConversions(@Bind("after") long after, @Bind("upTo") long upTo);

    @SqlUpdate
    int rollUpScores(@Bind("after") long after, @Bind("upTo") long upTo);

    @SqlUpdate
    void advance(@Bind("upTo") long upTo);
}
