package io.des.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.des.model.TenantIds;

/**
 * A message the job could not accept, kept with the reason so nothing is dropped silently.
 * Written as one JSON line per dead letter under {@code <root>/dead_letter/}.
 *
 * <p>Dead letters are the operator's data and are not split by tenant on storage; each line names
 * its tenant when it is known, so that an operator can tell a tenant about its rejected records.
 */
public class DeadLetter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The operator that rejected it, e.g. {@code validate} or {@code erid-progress}. */
    public String stage;

    /** The sending tenant: a valid tenant id decoded from the message, or null when there is none. */
    public String tenant;

    public String reason;

    /** The message as received (UTF-8 text), or the re-encoded record. */
    public String payload;

    public long rejectedAtMillis;

    public DeadLetter() {}

    public DeadLetter(String stage, String tenant, String reason, String payload, long rejectedAtMillis) {
        this.stage = stage;
        this.tenant = TenantIds.isValid(tenant) ? tenant : null;
        this.reason = reason;
        this.payload = payload;
        this.rejectedAtMillis = rejectedAtMillis;
    }

    /** One line of the dead-letter files. */
    public String toJsonLine() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("stage", stage);
        if (tenant != null) {
            node.put("tenant", tenant);
        }
        node.put("reason", reason);
        node.put("payload", payload);
        node.put("rejected_at_millis", rejectedAtMillis);
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode dead letter", e);
        }
    }

    @Override
    public String toString() {
        return "DeadLetter{stage=" + stage + ", tenant=" + tenant + ", reason=" + reason
                + ", payload=" + payload + '}';
    }
}
