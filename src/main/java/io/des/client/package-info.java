/**
 * The Java client of DES's HTTP API ({@link io.des.client.DesClient}): submits an ERID's contacts
 * in chunks with offsets, resending what DES asks to be resent; follows an ERID with the design's
 * polling rules; streams a completed ERID's rows across pages; verifies webhooks. It needs DES's
 * classes and Jackson at run time, never Flink.
 */
package io.des.client;
