package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which of a second's send slots a reservation made part-way through it gives up. */
class SendSlotsTest {

    @Test
    void secondStartLosesNoSlot() {
        assertEquals(0, DeliveryStore.Reservation.passedSlots(Duration.ZERO, 10));
    }

    @Test
    void slotExactlyDueIsKept() {
        assertEquals(1, DeliveryStore.Reservation.passedSlots(Duration.ofMillis(80), 10));
    }

    @Test
    void slotJustPassedIsLost() {
        assertEquals(2, DeliveryStore.Reservation.passedSlots(Duration.ofMillis(81), 10));
    }

    @Test
    void spreadOverLosesEverySlot() {
        assertEquals(10, DeliveryStore.Reservation.passedSlots(Duration.ofMillis(950), 10));
    }

    @Test
    void highRateKeepsItsLaterSlots() {
        assertEquals(500, DeliveryStore.Reservation.passedSlots(Duration.ofMillis(400), 1000));
    }
}
