package io.des.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The webhook outbox in the registry's SQLite file (table {@code deliveries}). Attempts are a JSON
 * array appended to in the same UPDATE that moves the state, on condition that the delivery is
 * still in a state allowed to move, so two dispatchers finishing one delivery cannot both win.
 */
final class SqliteDeliveryOutbox implements DeliveryOutbox {

    private static final String COLUMNS =
            "event_id, tenant, erid, type, url, payload_json, created_at, state, next_attempt_at, attempts";
    private static final String ENQUEUE = "INSERT INTO deliveries (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '[]') ON CONFLICT (event_id) DO NOTHING";
    // The literal states match the partial index deliveries_due, which bound values would not.
    private static final String DUE = "SELECT " + COLUMNS + " FROM deliveries"
            + " WHERE state IN ('PENDING', 'RETRYING') AND next_attempt_at <= ? ORDER BY next_attempt_at, event_id LIMIT ?";
    private static final String RECORD_ATTEMPT = "UPDATE deliveries"
            + " SET state = ?, next_attempt_at = ?, attempts = json_insert(attempts, '$[#]', json(?))"
            + " WHERE event_id = ? AND state IN (%s)";
    private static final String FOR_ERID = "SELECT " + COLUMNS + " FROM deliveries"
            + " WHERE tenant = ? AND erid = ? ORDER BY created_at, event_id";

    private final SqliteDatabase database;

    SqliteDeliveryOutbox(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public void enqueue(WebhookDelivery delivery) {
        Instant firstAttemptAt = DeliveryRules.firstAttemptAt(delivery);
        database.update(ENQUEUE, delivery.eventId(), delivery.tenant(), delivery.erid(), delivery.type(), delivery.url(),
                delivery.payloadJson(), SortableInstants.format(delivery.createdAt()), DeliveryState.PENDING.name(),
                SortableInstants.format(firstAttemptAt));
    }

    @Override
    public List<WebhookDelivery> due(Instant now, int limit) {
        return database.query(DUE, SqliteDeliveryOutbox::delivery, SortableInstants.format(now), ListWindow.checkedLimit(limit));
    }

    @Override
    public boolean recordAttempt(String eventId, WebhookDelivery.DeliveryAttempt attempt, DeliveryState next,
            Instant nextAttemptAt) {
        Instant dueAgain = DeliveryRules.nextAttemptAt(next, nextAttemptAt);
        List<DeliveryState> from = TransitionSources.into(next);
        Object[] parameters = SqliteDatabase.withStateNames(from, next.name(), SortableInstants.format(dueAgain),
                RegistryJson.attempt(attempt), eventId);
        String sql = RECORD_ATTEMPT.formatted(SqliteDatabase.placeholders(from.size()));
        return database.update(sql, parameters) == 1;
    }

    @Override
    public List<WebhookDelivery> forErid(String tenant, String erid) {
        return database.query(FOR_ERID, SqliteDeliveryOutbox::delivery, tenant, erid);
    }

    private static WebhookDelivery delivery(ResultSet row) throws SQLException {
        return new WebhookDelivery(row.getString("event_id"), row.getString("tenant"), row.getString("erid"),
                row.getString("type"), row.getString("url"), row.getString("payload_json"),
                SortableInstants.parse(row.getString("created_at")), DeliveryState.valueOf(row.getString("state")),
                SortableInstants.parse(row.getString("next_attempt_at")), RegistryJson.attempts(row.getString("attempts")));
    }
}
