package io.glengarry.runtime;

/**
 * A failure with a stable error code, the exit code it maps to and a message that says what is wrong and what
 * to do. Built only through {@link Errors}.
 */
public final class GlengarryException extends RuntimeException {
    private final String errorCode;
    private final ExitCode exitCode;

    GlengarryException(String errorCode, ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.exitCode = exitCode;
    }

    public String errorCode() {
        return errorCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** The line printed to the user: code and message. */
    public String describe() {
        return "[" + errorCode + "] " + getMessage();
    }

    /** Finds a GlengarryException in a cause chain (Spark wraps task failures), or null. */
    public static GlengarryException findIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GlengarryException ge) {
                return ge;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
