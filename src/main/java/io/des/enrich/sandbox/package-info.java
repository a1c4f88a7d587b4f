/**
 * A local, deterministic stand-in for a contact-data provider, for tests and local runs: see
 * {@link io.des.enrich.sandbox.SandboxProviderServer}.
 */
package io.des.enrich.sandbox;
