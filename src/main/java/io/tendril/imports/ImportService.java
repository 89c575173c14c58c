package io.tendril.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.http.ApiException;
import io.tendril.http.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports leads from a CSV file in one transaction: the file is parsed as it streams in, each
 * valid row goes to a temporary table through COPY, and set-based statements then update the
 * known leads and create the new ones (see {@link ImportDao}). With skip_invalid off, one invalid
 * row means nothing is written.
 */
public final class ImportService {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    /** The largest file accepted, in bytes: about 1,000,000 rows of a few columns. */
    public static final long MAX_BYTES = 50L * 1024 * 1024;
    /** The maximum number of data rows in one file. */
    public static final int MAX_ROWS = 1_000_000;
    /** The maximum number of row errors and duplicate lines that one response lists. */
    public static final int MAX_LISTED = 100;

    private static final String COPY_ROWS = ClasspathSqlLocator.removingComments()
            .locate(ImportDao.class, "copyRows");

    private final Jdbi jdbi;

    public ImportService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Imports the CSV in {@code body} for user {@code userId}; when this returns, the import
     * is committed. Returns the stored import, as {@link #get} shows it.
     *
     * @throws ApiException 422 for a file that cannot be read or, with skip_invalid off, has an
     *     invalid row; 413 for a file over {@link #MAX_BYTES} or {@link #MAX_ROWS}
     */
    public Map<String, Object> importCsv(InputStream body, ImportOptions options, Long userId) {
        long started = System.nanoTime();
        long id = jdbi.inTransaction(handle -> run(handle, body, options, userId));
        Map<String, Object> result = get(id);
        log.info("Import {} by user {}: {} rows, {} created, {} updated, {} skipped, {} ms", id,
                userId, result.get("rows"), result.get("created"), result.get("updated"),
                result.get("skipped"), (System.nanoTime() - started) / 1_000_000);
        return result;
    }

    /** Returns the imports, newest first, older than import {@code before} if set. */
    public List<Map<String, Object>> list(Long before, int limit) {
        return jdbi.withExtension(ImportDao.class, dao -> dao.list(before, limit)).stream()
                .map(ImportService::describe).toList();
    }

    public Map<String, Object> get(long id) {
        return describe(jdbi.withExtension(ImportDao.class, dao -> dao.findById(id))
                .orElseThrow(() -> ApiException.notFound("Import " + id)));
    }

    private long run(Handle handle, InputStream body, ImportOptions options, Long userId) {
        ImportDao dao = handle.attach(ImportDao.class);
        CsvReader csv = new CsvReader(utf8(new LimitedInputStream(body, MAX_BYTES)));
        Parsed parsed;
        try {
            char delimiter = options.delimiter() != null ? options.delimiter()
                    : csv.detectDelimiter();
            csv.delimiter(delimiter);
            if (!csv.next()) {
                throw invalidFile("The file is empty. Its first row must name the columns,"
                        + " such as email,name,company.");
            }
            ImportColumns columns = ImportColumns.of(new ArrayList<>(csv.fields()), delimiter,
                    options.delimiter() != null);
            long id = dao.insertImport(options.fileName(),
                    Json.write(options.describe(delimiter)), userId);
            dao.tuneSession();
            dao.createRows();
            parsed = copyRows(handle, csv, new RowConverter(columns, options.tags()), options);
            parsed.id = id;
            parsed.stageColumn = columns.index("stage") >= 0;
        } catch (IOException e) {
            throw readFailure(e, csv);
        } catch (SQLException e) {
            throw new IllegalStateException("Copying import rows to PostgreSQL failed", e);
        }

        if (parsed.invalidRows > 0 && !options.skipInvalid()) {
            throw invalidRows(parsed);
        }
        if (parsed.rows == 0) {
            throw invalidFile("The file has a header row but no data rows.");
        }
        return store(dao, parsed, options);
    }

    /** The outcome of reading the file. */
    private static final class Parsed {
        long id;
        int rows;
        int invalidRows;
        int errorCount;
        long copied;
        boolean stageColumn;
        /** Whether a row's email key may repeat an earlier row's. */
        boolean repeatsKey;
        final List<RowError> errors = new ArrayList<>();
    }

    /**
     * Reads the data rows and copies the valid ones into import_rows. With skip_invalid off,
     * copying stops at the first invalid row, and the rest is only checked.
     */
    private static Parsed copyRows(Handle handle, CsvReader csv, RowConverter converter,
            ImportOptions options) throws IOException, SQLException {
        Parsed parsed = new Parsed();
        List<RowError> rowErrors = new ArrayList<>();
        KeySet keys = new KeySet();
        CopyIn copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI()
                .copyIn(COPY_ROWS);
        PGCopyOutputStream copyStream = new PGCopyOutputStream(copy, 1 << 16);
        Writer out = new BufferedWriter(new OutputStreamWriter(copyStream,
                StandardCharsets.UTF_8), 1 << 16);
        boolean writing = true;
        try {
            while (csv.next()) {
                if (RowConverter.isBlank(csv.fields())) {
                    continue;
                }
                if (++parsed.rows > MAX_ROWS) {
                    throw new ApiException(413, "payload_too_large", "The file has more than "
                            + String.format(Locale.ROOT, "%,d", MAX_ROWS)
                            + " data rows; split it into smaller files.",
                            Map.of("max_rows", MAX_ROWS));
                }
                rowErrors.clear();
                String line = converter.convert(csv.fields(), csv.recordLine(), rowErrors);
                if (line == null) {
                    parsed.invalidRows++;
                    parsed.errorCount += rowErrors.size();
                    for (RowError error : rowErrors) {
                        if (parsed.errors.size() < MAX_LISTED) {
                            parsed.errors.add(error);
                        }
                    }
                    if (writing && !options.skipInvalid()) {
                        writing = false;
                        copy.cancelCopy();
                    }
                } else if (writing) {
                    write(out, line);
                    parsed.repeatsKey |= !keys.add(converter.emailKey());
                }
            }
            if (writing) {
                parsed.copied = endCopy(out, copyStream);
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return parsed;
    }

    /** Writes to the COPY; a failure there is the database's, not the upload's. */
    private static void write(Writer out, String line) {
        try {
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException("Copying import rows to PostgreSQL failed", e);
        }
    }

    private static long endCopy(Writer out, PGCopyOutputStream copyStream) {
        try {
            out.flush();
            return copyStream.endCopy();
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Copying import rows to PostgreSQL failed", e);
        }
    }

    /** Writes the leads and the import's counts; returns the import's id. */
    private static long store(ImportDao dao, Parsed parsed, ImportOptions options) {
        int duplicates = 0;
        List<ImportDao.Duplicate> duplicateLines = List.of();
        if (parsed.repeatsKey) {
            duplicateLines = dao.listDuplicates(MAX_LISTED);
            duplicates = dao.deleteSuperseded();
        }
        int distinct = (int) parsed.copied - duplicates;
        ImportDao.Upserted upserted = dao.upsertLeads(parsed.id, options.update());
        if (options.update() && parsed.stageColumn) {
            dao.updateStages(parsed.id);
        }
        int created = upserted.created();
        int updated = upserted.updated();

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("skipped_lines", parsed.errors);
        report.put("error_count", parsed.errorCount);
        report.put("duplicate_lines", duplicateLines);
        dao.finishImport(parsed.id, parsed.rows, created, updated, distinct - created - updated,
                duplicates, parsed.invalidRows, Json.write(report));
        return parsed.id;
    }

    /** Returns the stored import as the API shows it. */
    private static Map<String, Object> describe(ImportDao.Stored stored) {
        JsonNode report = Json.read(stored.report(), JsonNode.class);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", stored.id());
        result.put("file_name", stored.fileName());
        result.put("options", Json.read(stored.options(), JsonNode.class));
        result.put("rows", stored.rowCount());
        result.put("created", stored.createdCount());
        result.put("updated", stored.updatedCount());
        result.put("unchanged", stored.unchangedCount());
        result.put("duplicates", stored.duplicateCount());
        result.put("skipped", stored.skippedCount());
        result.put("skipped_lines", report.path("skipped_lines"));
        result.put("duplicate_lines", report.path("duplicate_lines"));
        result.put("user_email", stored.userEmail());
        result.put("created_at", stored.createdAt().toString());
        return result;
    }

    private static ApiException invalidRows(Parsed parsed) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rows", parsed.rows);
        details.put("invalid_rows", parsed.invalidRows);
        details.put("error_count", parsed.errorCount);
        details.put("errors", parsed.errors);
        String listed = parsed.errorCount > parsed.errors.size()
                ? " The first " + parsed.errors.size() + " of " + parsed.errorCount
                        + " errors are listed." : "";
        return new ApiException(422, "invalid_rows", parsed.invalidRows + " of " + parsed.rows
                + " rows are invalid, so nothing was imported. Correct them, or import again with"
                + " skip_invalid=true (on the admin page: 'Skip invalid rows') to import the"
                + " valid rows only." + listed, details);
    }

    private static ApiException invalidFile(String message) {
        return new ApiException(422, "invalid_file", message, null);
    }

    /** Maps a failure to read the upload to the client's error. */
    private static RuntimeException readFailure(IOException e, CsvReader csv) {
        if (e instanceof LimitedInputStream.LimitExceededException) {
            return new ApiException(413, "payload_too_large", "The file is larger than "
                    + MAX_BYTES / (1024 * 1024) + " MB; split it into smaller files.",
                    Map.of("max_bytes", MAX_BYTES));
        }
        if (e instanceof CsvReader.UnclosedQuoteException unclosed) {
            return new ApiException(422, "invalid_file", unclosed.getMessage() + " Close it,"
                    + " or double each quote inside a quoted value (\"\").",
                    Map.of("line", unclosed.line()));
        }
        if (e instanceof CharacterCodingException) {
            return new ApiException(422, "invalid_file", "The file is not UTF-8 text (at line "
                    + csv.line() + "). Save it as CSV UTF-8 and import it again.",
                    Map.of("line", csv.line()));
        }
        log.info("Reading an import upload failed: {}", e.toString());
        return ApiException.badRequest("The upload could not be read to its end ("
                + e.getMessage() + "); send the file again.");
    }

    private static Reader utf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }
}
