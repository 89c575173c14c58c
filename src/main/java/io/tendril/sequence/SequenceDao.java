package io.tendril.sequence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
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

    /** Inserts a sequence at version 1; empty when the key is taken. */
    @SqlQuery
    Optional<Long> insert(@Bind("key") String key, @Bind("status") String status,
            @BindMethods("settings") SequenceSettings settings, @Bind("now") Instant now);

    /** Inserts one step of one version; a version's steps are written once, all together. */
    @SqlUpdate
    void insertVersionStep(@Bind("sequenceId") long sequenceId, @Bind("version") int version,
            @Bind("position") int position, @BindMethods("step") StepDefinition step);

    @SqlQuery
    @RegisterRowMapper(Sequence.Mapper.class)
    Optional<Sequence> findById(@Bind("id") long id);

    /** Reads the sequence and locks its row until the transaction ends. */
    @SqlQuery
    @RegisterRowMapper(Sequence.Mapper.class)
    Optional<Sequence> lockById(@Bind("id") long id);

    /** Lists sequences by id; {@code status} null lists all but archived ones. */
    @SqlQuery
    @RegisterRowMapper(Sequence.Mapper.class)
    List<Sequence> list(@Bind("status") String status, @Bind("limit") int limit);

    @SqlUpdate
    void updateSettings(@Bind("id") long id, @BindMethods("settings") SequenceSettings settings,
            @Bind("now") Instant now);

    /** Returns the slug of the form whose slug is {@code ref}, else of the form {@code id}. */
    @SqlQuery
    Optional<String> findFormSlug(@Bind("ref") String ref, @Bind("id") Long id);

    /** Raises the current version by one; returns the new version number. */
    @SqlQuery
    int nextVersion(@Bind("id") long id, @Bind("now") Instant now);

    /** Archives the sequence; returns 1 when it changed. */
    @SqlUpdate
    int archive(@Bind("id") long id, @Bind("now") Instant now);

    @SqlQuery
    List<String> findFeedingForms(@Bind("id") long id);
}
