/**
 * The embedded broker: local mode's stand-in for Kinesis, written by the ingest API and read by
 * the Flink job, with no external service.
 *
 * <p>{@link io.des.ingest.broker.EmbeddedBroker} stores messages in one append-only, checksummed
 * file per partition and forces each append to disk before acknowledging it.
 * {@link io.des.ingest.broker.BrokerSource} is a FLIP-27 source over those files whose split state
 * is the byte offset of the next frame, so a job restored from a checkpoint resumes exactly where
 * the checkpoint was taken. Unlike Kinesis there is no retention: files grow until deleted, which
 * suits local runs and tests, not production.
 */
package io.des.ingest.broker;
