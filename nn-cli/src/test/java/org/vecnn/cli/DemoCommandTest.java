package org.vecnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code vecnn demo} through the real entry point: every step of the tutorial, in order, with its numbers. */
class DemoCommandTest {

    @Test
    void theDemoRunsTheTutorialEndToEnd() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = VecnnCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "demo");
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        String[] inOrder = {"== 1. A dense layer", "Z = a_in·W + b = [-5.0000, 11.0000, -12.0000]",
                "sigmoid   [0.0067, 1.0000, 0.0000]", "relu      [0.0000, 11.0000, 0.0000]", "== 2. Matrix",
                "Z = Aᵀ·W = [[7.0000, 13.0000, 23.0000, 9.0000]", "== 3. The coffee-roasting classifier",
                " layer1 (Dense)              (None, 3)                 9", "Epoch 10/10",
                "6250/6250 [==============================]", "predict(200 °C, 13.9 min)", "== 4. Choosing activations",
                "== 5. Why a non-linear activation matters",
                        "Warning: hidden layer 'dense' (Dense) has a linear activation",
                "== 6. Single-sample prediction latency", "p50"};
        int at = 0;
        for (String expected : inOrder) {
            int found = text.indexOf(expected, at);
            assertTrue(found >= 0, () -> "missing, or out of order: " + expected + "\n" + text);
            at = found;
        }
        assertTrue(text.contains("predict(200 °C, 13.9 min) = ") && text.contains("-> good roast"), text);
        assertTrue(text.contains("predict(200 °C, 17.0 min) = ") && text.contains("-> bad roast"), text);
        Matcher accuracy = Pattern.compile("accuracy on the 200 roasts: (\\d\\.\\d+)").matcher(text);
        assertTrue(accuracy.find() && Double.parseDouble(accuracy.group(1)) > 0.9, text);
    }

    @Test
    void helpAndUnknownCommandsAreAnswered() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, VecnnCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("demo"), out::toString);
        assertTrue(VecnnCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "dmeo") != 0);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("dmeo"), err::toString);
    }
}
