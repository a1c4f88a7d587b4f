package io.des.registry;

/**
 * The outcome of {@link EridRegistry#register}: the entry as stored, and whether this call created
 * it (the first POST) or found it (a later POST, to be compared with {@link EridContract#contradictions}).
 */
public record Registration(EridEntry entry, boolean created) {}
