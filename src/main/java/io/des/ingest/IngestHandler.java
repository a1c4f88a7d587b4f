package io.des.ingest;

import io.des.model.ApiError;
import io.des.model.ApiException;
import io.des.model.ApiHandler;
import io.des.model.ApiRequest;
import io.des.model.ApiResponse;
import io.des.model.ContactRecord;
import io.des.model.ErrorCode;
import io.des.registry.EridContract;
import io.des.registry.EridEntry;
import io.des.registry.EridLifecycle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v2/enriched_data}: validates a chunk of an enrichment request, admits it against the
 * tenant's limits, and publishes one {@link ContactRecord} per contact.
 *
 * <p>Answers:
 *
 * <ul>
 *   <li>202 {@code {"erid", "accepted_records", "status_url"}} once every record is stored by the
 *       {@link RecordPublisher}: a 202 means the chunk is durably accepted.
 *   <li>400 {@code invalid_json} for a body that is not a JSON object, {@code invalid_field} with
 *       {@code field} naming the member at fault (see {@link IngestRequestParser}).
 *   <li>413 {@code body_too_large} for a body over {@link IngestLimits#maxBodyBytes} (the HTTP edge
 *       refuses those while reading; this check covers other edges), {@code too_many_contacts},
 *       {@code record_too_large} with {@code field} for a contact too large to publish.
 *   <li>415 {@code unsupported_media_type} for a Content-Type other than JSON (none is accepted).
 *   <li>The {@link IngestAdmission}'s refusal (a tenant limit), before anything is published.
 *   <li>503 {@code storage_unavailable} when publishing fails: the client resends the same POST later.
 * </ul>
 *
 * <p>Resending a POST (same erid and offset) is safe: it republishes the same
 * {@code (erid, record_index)} pairs and the job deduplicates by that pair, so a client that saw a
 * timeout or a 503 simply resends.
 *
 * <p>Every POST of an ERID is held to the contract of its first ({@link ContractGate}): a
 * contradiction gets 409 {@code erid_conflict}, an expired ERID 409 {@code erid_expired}, and the
 * request date (the first partition key, so the {@code status_url}) is the first POST's. A chunk
 * resent after its ERID completed is acknowledged and not published again. {@code publish} blocks while the publisher retries (bounded, see
 * {@link KinesisRetryPolicy}), so the edge runs this handler on a worker pool.
 */
public final class IngestHandler implements ApiHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);

    /** The path this handler serves. */
    public static final String PATH = "/v2/enriched_data";

    private final RecordPublisher publisher;
    private final IngestLimits limits;
    private final IngestAdmission admission;
    private final ContractGate contracts;
    private final IngestRequestParser parser;

    public IngestHandler(RecordPublisher publisher, IngestLimits limits, IngestAdmission admission, ContractGate contracts) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.admission = Objects.requireNonNull(admission, "admission");
        this.contracts = Objects.requireNonNull(contracts, "contracts");
        this.parser = new IngestRequestParser(limits);
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        requireJsonContentType(request.header("Content-Type"));
        if (request.body().length > limits.maxBodyBytes()) {
            throw new ApiException(bodyTooLarge(limits.maxBodyBytes()));
        }
        IngestRequest chunk = parser.parse(request.body());
        String tenant = request.tenant();
        Optional<EridEntry> known = contracts.check(tenant, chunk);
        if (known.isPresent() && known.get().lifecycle() == EridLifecycle.COMPLETED) {
            // A resend after completion (the client missed our 202): every record is already published.
            return accepted(chunk, known.get().contract());
        }
        IngestAdmission.Reservation reservation = admission.admit(tenant, chunk);
        try {
            // Only the first POST writes a contract; later ones were checked against theirs above.
            EridContract contract = known.isPresent() ? known.get().contract() : contracts.register(tenant, chunk).contract();
            publish(chunk.toRecords(tenant, reservation.enrichmentWeight(), contract.requestDate()), chunk.offset());
            contracts.recordActivity(tenant, chunk.erid());
            return accepted(chunk, contract);
        } catch (RuntimeException e) {
            reservation.cancel(); // nothing of the chunk counts against the tenant if it was not stored
            throw e;
        }
    }

    private static ApiResponse accepted(IngestRequest chunk, EridContract contract) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("erid", chunk.erid());
        body.put("accepted_records", chunk.contacts().size());
        body.put("status_url", statusUrl(chunk.erid(), contract.requestDate()));
        return ApiResponse.json(202, body);
    }

    /** Where a client reads an ERID: its request date is fixed by the first POST, so this never changes. */
    public static String statusUrl(String erid, java.time.LocalDate requestDate) {
        return PATH + "?erid=" + erid + "&start_date=" + requestDate + "&end_date=" + requestDate;
    }

    /** The answer to a body over {@code maxBodyBytes}, the same from every edge. */
    public static ApiError bodyTooLarge(long maxBodyBytes) {
        return ApiError.of(ErrorCode.BODY_TOO_LARGE, "request body exceeds " + maxBodyBytes
                + " bytes; split contact_list into several requests using offset");
    }

    private void publish(List<ContactRecord> records, long offset) {
        try {
            publisher.publish(records);
        } catch (RecordTooLargeException e) {
            String field = IngestRequestParser.CONTACT_LIST + "[" + (e.recordIndex() - offset) + "]";
            throw new ApiException(ApiError.field(ErrorCode.RECORD_TOO_LARGE, field, field + " is too large: " + e.getMessage()));
        } catch (PublishException e) {
            LOG.warn("Publishing {} records of ERID {} failed", records.size(), records.get(0).erid, e);
            throw new ApiException(ApiError.of(ErrorCode.STORAGE_UNAVAILABLE,
                    "records could not be stored right now; resend the same request later"));
        }
    }

    private static void requireJsonContentType(String contentType) {
        if (contentType == null) {
            return;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new ApiException(ApiError.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type " + contentType + " is not supported; use application/json"));
        }
    }
}
