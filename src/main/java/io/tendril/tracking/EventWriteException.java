package io.tendril.tracking;

/**
 * An open or click that the event writer did not confirm: its batch failed, the wait for the
 * commit timed out, or the writer was closed or full. It carries no cause, because the
 * database error text may quote the event's data; the writer logs that error under
 * {@link #errorId()}.
 */
public final class EventWriteException extends RuntimeException {

    private final String errorId;

    EventWriteException(String message, String errorId) {
        super(message);
        this.errorId = errorId;
    }

    /**
     * Returns the id under which the event writer logged this failure, or null when the writer
     * only counted it (timeouts and rejected events are logged as periodic counts).
     */
    public String errorId() {
        return errorId;
    }
}
