/**
 * A local, deterministic stand-in for a contact-data provider, for tests and local runs: see
 * {@link io.des.local.sandbox.SandboxProviderServer}.
 */
package io.des.local.sandbox;
