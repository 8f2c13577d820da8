package org.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One look-up mechanism for every named kind: the same normalisation, fresh values, and errors that list names. */
class RegistryTest {

    @Test
    void namesAreNormalisedAndUnknownOnesListTheKnown() {
        Registry<String> colours = new Registry<String>("colour").register("red", () -> "r", "crimson")
                .register("blue", () -> "b");
        assertEquals("r", colours.get("  RED "));
        assertEquals("r", colours.get("Crimson"));
        assertTrue(colours.contains("BLUE"));
        assertEquals(List.of("red", "crimson", "blue"), colours.names());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> colours.get("green"));
        assertEquals("unknown colour 'green'; known: red, crimson, blue", unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> colours.get(null));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> colours.register("Blue", () -> "x"));
        assertEquals("a colour named 'blue' is already registered", twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> colours.register(" ", () -> "x"));
        assertEquals(List.of("red", "crimson", "blue"), colours.names(), "a refused registration adds nothing");
    }

    @Test
    void everyLookUpAsksTheFactory() {
        AtomicInteger made = new AtomicInteger();
        Registry<Object> things = new Registry<>("thing").register("box", () -> {
            made.incrementAndGet();
            return new Object();
        });
        assertNotSame(things.get("box"), things.get("box"));
        assertEquals(2, made.get());
    }

    @Test
    void activationsAndInitializersShareTheMechanism() {
        assertSame(Activation.SWISH, Activation.of(" SiLU"));
        assertSame(Initializer.HE_NORMAL, Initializer.of(" He_Normal "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializer.of("orthogonal"));
        assertTrue(e.getMessage().startsWith("unknown initializer 'orthogonal'; known: "), e.getMessage());
        Activation square = new Activation() {
            @Override
            public String name() {
                return "registry_test_square";
            }

            @Override
            public void forward(int rows, int cols, float[] z, int zOffset,
                                float[] out, int outOffset) {
                for (int i = 0; i < rows * cols; i++) {
                    out[outOffset + i] = z[zOffset + i] * z[zOffset + i];
                }
            }

            @Override
            public void backward(int rows, int cols, float[] z, int zOffset,
                                 float[] a, int aOffset, float[] gradA, int gOffset, float[] gradZ, int outOffset) {
                throw new UnsupportedOperationException();
            }
        };
        Activation.register("registry_test_square", square);
        assertSame(square, Activation.of("Registry_Test_Square"));
    }
}
