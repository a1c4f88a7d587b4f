package io.des.enrich;

/**
 * The final result of a lookup after retries, with the number of attempts it took.
 *
 * @param result the last attempt's result
 * @param attempts attempts made, at least 1
 */
public record AttemptedLookup(LookupResult result, int attempts) {}
