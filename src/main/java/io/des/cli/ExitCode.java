package io.des.cli;

/** The exit codes of {@code des}; scripts branch on them. */
final class ExitCode {

    /** Done; for {@code wait}: the ERID completed. */
    static final int OK = 0;
    /** Any error: a bad file or option, a refusal by DES, DES unreachable, an ERID that does not exist. */
    static final int ERROR = 1;
    /** The ERID expired before it completed. */
    static final int EXPIRED = 2;
    /** The ERID was still incomplete when waiting stopped (the timeout, or the polling's attempts ran out). */
    static final int TIMED_OUT = 3;

    private ExitCode() {}
}
