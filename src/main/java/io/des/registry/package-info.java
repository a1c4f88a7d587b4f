/**
 * The ERID registry: the contract each {@code (tenant, erid)} is held to from its first accepted
 * POST, where it stands in its lifecycle ({@link EridLifecycle}), its committed progress, and the
 * outbox of its completion webhooks ({@link DeliveryOutbox}). Both the API and the job use it, so it
 * depends on {@code model} only. Two stores implement it with the same semantics: SQLite in the
 * local data directory and DynamoDB in AWS.
 */
package io.des.registry;
