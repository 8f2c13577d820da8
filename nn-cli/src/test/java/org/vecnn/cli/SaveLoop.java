package org.vecnn.cli;

import java.nio.file.Path;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Sequential;

/**
 * A child process for {@link SaveKillTest}: saves model A, then B, then A ... to one path until it is
 * killed, printing {@code ready} after the first save.
 */
public final class SaveLoop {

    private SaveLoop() {
    }

    /** Model A or B: 1,000 × 1,000 weights (4 MB), from seed 1 or 2. */
    static Sequential model(long seed) {
        return new Sequential(new Dense(1000, "relu"), new Dense(1, "sigmoid")).build(1000, seed);
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        Sequential[] models = {model(1), model(2)};
        models[0].save(target);
        System.out.println("ready");
        System.out.flush();
        for (int i = 1; ; i++) {
            models[i & 1].save(target);
        }
    }
}
