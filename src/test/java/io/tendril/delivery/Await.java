package io.tendril.delivery;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a bounded poll. */
public final class Await {

    private Await() {
    }

    /**
     * Polls {@code condition} every 50 ms until it is true, and fails naming {@code what}
     * after the timeout.
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting until " + what, e);
            }
        }
    }
}
