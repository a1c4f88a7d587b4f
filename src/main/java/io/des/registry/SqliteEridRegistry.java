package io.des.registry;

import io.des.model.FieldCounts;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ERID registry of local mode: one SQLite file in the data directory (WAL, {@code
 * synchronous=FULL}, a busy timeout; see {@link SqliteDatabase}), shared by the API and the job,
 * each with its own instance. Every write is one conditional statement, so concurrent writers and
 * replays are decided by SQLite, never by a read in Java:
 *
 * <ul>
 *   <li>{@code register}: {@code INSERT … ON CONFLICT DO NOTHING}, then a read of what is stored;
 *   <li>{@code recordCommitted}, {@code recordReceived}: {@code UPDATE … WHERE committed < ?}, {@code
 *       received < ?} (never backwards);
 *   <li>transitions: {@code UPDATE … WHERE lifecycle IN (the states allowed to move)}.
 * </ul>
 *
 * The schema ({@link SqliteSchema}) is created or migrated when the file is opened.
 */
public final class SqliteEridRegistry implements EridRegistry {

    private static final String COLUMNS = "tenant, erid, number_of_records, fields_to_enrich, request_date, created_at,"
            + " callback_url, metadata_json, lifecycle, committed, received, last_record_at, completed_at, expired_at, field_counts";

    private static final String INSERT = "INSERT INTO erids (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, NULL, NULL, '{}') ON CONFLICT (tenant, erid) DO NOTHING";
    private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM erids WHERE tenant = ? AND erid = ?";
    private static final String RECORD_ACTIVITY = "UPDATE erids SET last_record_at = ?"
            + " WHERE tenant = ? AND erid = ? AND lifecycle = ? AND last_record_at < ?";
    private static final String RECORD_COMMITTED = "UPDATE erids SET committed = ?"
            + " WHERE tenant = ? AND erid = ? AND committed < ?";
    private static final String RECORD_RECEIVED = "UPDATE erids SET received = ?"
            + " WHERE tenant = ? AND erid = ? AND received < ?";
    private static final List<EridLifecycle> COMPLETABLE = TransitionSources.into(EridLifecycle.COMPLETED);
    private static final String MARK_COMPLETED = "UPDATE erids SET lifecycle = ?, completed_at = ?, field_counts = ?"
            + " WHERE tenant = ? AND erid = ? AND lifecycle IN (" + SqliteDatabase.placeholders(COMPLETABLE.size()) + ")";
    private static final List<EridLifecycle> EXPIRABLE = TransitionSources.into(EridLifecycle.EXPIRED);
    private static final String MARK_EXPIRED = "UPDATE erids SET lifecycle = ?, expired_at = ?"
            + " WHERE tenant = ? AND erid = ? AND lifecycle IN (" + SqliteDatabase.placeholders(EXPIRABLE.size()) + ")";
    // The literal 'RECEIVING' matches the partial index erids_idle, which a bound value would not.
    private static final String IDLE_SINCE = "SELECT " + COLUMNS + " FROM erids"
            + " WHERE lifecycle = 'RECEIVING' AND last_record_at < ? ORDER BY last_record_at, tenant, erid LIMIT ?";
    private static final String LIST = "SELECT " + COLUMNS + " FROM erids"
            + " WHERE tenant = ? AND created_at >= ? AND created_at < ? AND (? IS NULL OR lifecycle = ?)"
            + " ORDER BY created_at DESC, erid DESC LIMIT ? OFFSET ?";

    private final SqliteDatabase database;
    private final SqliteDeliveryOutbox outbox;

    /** Opens (creating if needed) the registry file {@code file}, e.g. {@code <data-dir>/registry.db}. */
    public SqliteEridRegistry(Path file) {
        this.database = SqliteDatabase.open(file);
        this.outbox = new SqliteDeliveryOutbox(database);
    }

    @Override
    public Registration register(EridContract proposed) {
        int inserted = database.update(INSERT, proposed.tenant(), proposed.erid(), proposed.numberOfRecords(),
                RegistryJson.strings(proposed.fieldsToEnrich()), proposed.requestDate().toString(),
                SortableInstants.format(proposed.createdAt()), proposed.callbackUrl(), proposed.metadataJson(),
                EridLifecycle.RECEIVING.name(), SortableInstants.format(proposed.createdAt()));
        EridEntry stored = get(proposed.tenant(), proposed.erid()).orElseThrow(() -> new IllegalStateException(
                "ERID " + proposed.erid() + " of " + proposed.tenant() + " vanished right after its registration"));
        return new Registration(stored, inserted == 1);
    }

    @Override
    public Optional<EridEntry> get(String tenant, String erid) {
        return database.query(SELECT_ONE, SqliteEridRegistry::entry, tenant, erid).stream().findFirst();
    }

    /** Moves the expiry clock forward only: a late, older activity from a slower API thread changes nothing. */
    @Override
    public void recordActivity(String tenant, String erid, Instant at) {
        String atText = SortableInstants.format(at);
        database.update(RECORD_ACTIVITY, atText, tenant, erid, EridLifecycle.RECEIVING.name(), atText);
    }

    @Override
    public void recordCommitted(String tenant, String erid, long committed) {
        database.update(RECORD_COMMITTED, committed, tenant, erid, committed);
    }

    @Override
    public void recordReceived(String tenant, String erid, long received) {
        database.update(RECORD_RECEIVED, received, tenant, erid, received);
    }

    @Override
    public boolean markCompleted(String tenant, String erid, Instant at, Map<String, FieldCounts> fieldCounts) {
        return database.update(MARK_COMPLETED, SqliteDatabase.withStateNames(COMPLETABLE, EridLifecycle.COMPLETED.name(),
                SortableInstants.format(at), RegistryJson.fieldCounts(fieldCounts), tenant, erid)) == 1;
    }

    @Override
    public boolean markExpired(String tenant, String erid, Instant at) {
        return database.update(MARK_EXPIRED, SqliteDatabase.withStateNames(EXPIRABLE, EridLifecycle.EXPIRED.name(),
                SortableInstants.format(at), tenant, erid)) == 1;
    }

    @Override
    public List<EridEntry> idleSince(Instant cutoff, int limit) {
        return database.query(IDLE_SINCE, SqliteEridRegistry::entry, SortableInstants.format(cutoff),
                ListWindow.checkedLimit(limit));
    }

    @Override
    public List<EridEntry> list(String tenant, Optional<EridLifecycle> lifecycle, LocalDate from, LocalDate to,
            int page, int pageSize) {
        String only = lifecycle.map(Enum::name).orElse(null);
        return ListWindow.of(from, to, page, pageSize)
                .map(window -> database.query(LIST, SqliteEridRegistry::entry, tenant, window.createdFrom(),
                        window.createdBefore(), only, only, window.size(), window.skip()))
                .orElse(List.of());
    }

    @Override
    public DeliveryOutbox outbox() {
        return outbox;
    }

    @Override
    public void close() {
        database.close();
    }

    private static EridEntry entry(ResultSet row) throws SQLException {
        EridContract contract = new EridContract(row.getString("tenant"), row.getString("erid"),
                row.getLong("number_of_records"), RegistryJson.strings(row.getString("fields_to_enrich")),
                LocalDate.parse(row.getString("request_date")), SortableInstants.parse(row.getString("created_at")),
                row.getString("callback_url"), row.getString("metadata_json"));
        return new EridEntry(contract, EridLifecycle.valueOf(row.getString("lifecycle")), row.getLong("committed"),
                row.getLong("received"), SortableInstants.parse(row.getString("last_record_at")),
                SortableInstants.parse(row.getString("completed_at")),
                SortableInstants.parse(row.getString("expired_at")),
                RegistryJson.fieldCounts(row.getString("field_counts")));
    }
}
