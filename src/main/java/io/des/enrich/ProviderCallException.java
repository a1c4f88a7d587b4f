package io.des.enrich;

import java.io.IOException;

/**
 * A provider call that DES itself ended, with the failure to report (an answer over the size cap,
 * an OAuth2 token that could not be fetched): it travels through the HTTP client's futures as an
 * exception and {@link FailureClassifier} turns it back into its {@link LookupFailure}.
 */
final class ProviderCallException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient LookupFailure failure;

    ProviderCallException(LookupFailure failure) {
        super(failure.reason());
        this.failure = failure;
    }

    LookupFailure failure() {
        return failure;
    }
}
