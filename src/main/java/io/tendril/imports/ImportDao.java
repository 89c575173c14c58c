package io.tendril.imports;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * CSV imports and the set-based statements of one import, which run in order in its
 * transaction: tuneSession, createRows, the COPY of copyRows.sql, deleteSuperseded when the file
 * may repeat an address, upsertLeads and, for an import with update and a stage column,
 * updateStages.
 */
@UseClasspathSqlLocator
public interface ImportDao {

    /** One stored import, with its options and report as JSON text. */
    record Stored(long id, String fileName, String options, int rowCount, int createdCount,
            int updatedCount, int unchangedCount, int duplicateCount, int skippedCount,
            String report, String userEmail, Instant createdAt) {
    }

    /** A line whose address a later line repeats; {@code keptLine} is the one imported. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Duplicate(int line, String email, int keptLine) {
    }

    @SqlUpdate
    void createRows();

    /** Deletes the rows whose address a later row repeats; returns how many. */
    @SqlUpdate
    int deleteSuperseded();

    @SqlQuery
    @RegisterConstructorMapper(Duplicate.class)
    List<Duplicate> listDuplicates(@Bind("limit") int limit);

    /** The leads that upsertLeads created and the known leads it changed. */
    record Upserted(int created, int updated) {
    }

    @SqlQuery
    String tuneSession();

    @SqlQuery
    @RegisterConstructorMapper(Upserted.class)
    Upserted upsertLeads(@Bind("importId") long importId, @Bind("update") boolean update);

    @SqlUpdate
    void updateStages(@Bind("importId") long importId);

    @SqlQuery
    long insertImport(@Bind("fileName") String fileName, @Bind("options") String optionsJson,
            @Bind("userId") Long userId);

    @SqlUpdate
    void finishImport(@Bind("id") long id, @Bind("rows") int rows, @Bind("created") int created,
            @Bind("updated") int updated, @Bind("unchanged") int unchanged,
            @Bind("duplicates") int duplicates, @Bind("skipped") int skipped,
            @Bind("report") String reportJson);

    @SqlQuery
    @RegisterConstructorMapper(Stored.class)
    List<Stored> list(@Bind("before") Long before, @Bind("limit") int limit);

    @SqlQuery
    @RegisterConstructorMapper(Stored.class)
    Optional<Stored> findById(@Bind("id") long id);
}
