package io.tendril.sequence;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Sequences and their steps. */
@UseClasspathSqlLocator
public interface SequenceDao {

    /** Inserts an active sequence; empty when the key exists already. */
    @SqlQuery
    Optional<Long> insertSequence(@Bind("key") String key, @Bind("name") String name);

    @SqlUpdate
    void insertStep(@Bind("sequenceId") long sequenceId, @Bind("position") int position,
            @Bind("name") String name, @Bind("waitUnit") String waitUnit,
            @Bind("waitAmount") int waitAmount,
            @Bind("subjectTemplate") String subjectTemplate,
            @Bind("htmlTemplate") String htmlTemplate, @Bind("textTemplate") String textTemplate);

    /**
     * Sets the sequence's status to {@code to} when it is {@code from}; returns its status
     * afterwards, or empty when no such sequence exists.
     */
    @SqlQuery
    Optional<String> setStatus(@Bind("id") long id, @Bind("from") String from,
            @Bind("to") String to, @Bind("now") Instant now);
}
