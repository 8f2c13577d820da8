package org.vecnn.train;

import java.util.SplittableRandom;

/**
 * The order in which training visits its rows: file order, reshuffled before each epoch from the seed
 * (Fisher–Yates), as Keras's {@code shuffle=True}; and the stream that seeds dropout. {@link Trainer#fit}
 * and {@link DataParallel} share it, so that both visit the same batches.
 */
final class EpochOrder {

    private final int[] order;
    private final SplittableRandom random;
    /** The generator dropout masks are drawn from, split off the seed's before any shuffle. */
    final SplittableRandom dropout;

    EpochOrder(int rows, long seed) {
        order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        random = new SplittableRandom(seed);
        dropout = random.split();
    }

    /** The next epoch's order (the same array each time, reshuffled in place when {@code shuffle}). */
    int[] next(boolean shuffle) {
        if (shuffle) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }
        return order;
    }
}
