package org.vecnn.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The public thread count: set and read back, and a count below 1 named and refused. */
class ThreadsTest {

    @Test
    void theCountIsSetAndABadOneRefused() {
        int configured = Threads.count();
        try {
            Threads.set(3);
            assertEquals(3, Threads.count());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Threads.set(0));
            assertTrue(e.getMessage().contains("at least 1, got 0"), e::getMessage);
            assertEquals(3, Threads.count());
        } finally {
            Threads.set(configured);
        }
    }
}
