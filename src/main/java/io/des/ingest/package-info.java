/**
 * Ingest: {@code POST /v2/enriched_data} and the publishers that hand contact records to the job.
 *
 * <p>{@link io.des.ingest.IngestHandler} validates a request with
 * {@link io.des.ingest.IngestRequestParser}, admits it against the tenant's limits
 * ({@link io.des.ingest.IngestAdmission}), splits it into one
 * {@link io.des.model.ContactRecord} per contact and answers 202 only after
 * {@link io.des.ingest.RecordPublisher#publish} returned, so a 202 means durably accepted. The
 * handler sees only the {@code RecordPublisher} interface: {@link io.des.ingest.KinesisRecordPublisher}
 * in AWS, {@link io.des.ingest.broker.BrokerRecordPublisher} locally.
 *
 * <p>Delivery is at-least-once by design: a retried PutRecords batch or a client resending a POST
 * after a timeout publishes the same {@code (erid, record_index)} again, and the job drops the
 * duplicate. This keeps every retry on the client and publisher side safe and simple.
 *
 * <p>Decisions a client sees:
 *
 * <ul>
 *   <li>Contact values must be strings (or {@code null}, dropped); numbers and booleans are
 *       rejected rather than converted, since no contact attribute is numeric.
 *   <li>Unknown members, unknown contact attributes and unknown fields are rejected by name, with
 *       the allowed names, instead of being ignored.
 *   <li>Too many contacts or too large a body is 413; the client splits the list into several
 *       POSTs with increasing {@code offset}.
 *   <li>503 {@code storage_unavailable} means "not stored, resend the same request later".
 * </ul>
 */
package io.des.ingest;
