package io.des.client;

/**
 * What {@link DesClient#submit} sent: every contact accepted.
 *
 * @param erid the ERID (canonical, lower case)
 * @param numberOfRecords contacts accepted, the ERID's total
 * @param chunks POSTs it took (resends not counted)
 * @param statusUrl the GET that serves the rows, relative to the API's base URL
 */
public record SubmitResult(String erid, long numberOfRecords, int chunks, String statusUrl) {}
