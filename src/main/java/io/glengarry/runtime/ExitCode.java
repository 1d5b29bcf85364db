package io.glengarry.runtime;

/** The documented process exit codes (shared/spec/INTERFACE.md). */
public enum ExitCode {
    SUCCESS(0),
    UNEXPECTED_FAILURE(1),
    BAD_USAGE_OR_CONFIG(2),
    CONTRACT_BROKEN(3),
    RECONCILIATION_FAILED(4);

    public final int code;

    ExitCode(int code) {
        this.code = code;
    }
}
