package org.vecnn.train;

import java.util.random.RandomGenerator;

/**
 * The random source of one chunk of a batch (its dropout masks): SplitMix64 (Steele, Lea and Flood,
 * "Fast splittable pseudorandom number generators", 2014), reseeded each step from the fit's generator, so
 * a chunk's masks do not depend on which thread runs it or when. Reseeding allocates nothing.
 */
final class ChunkRandom implements RandomGenerator {

    private long state;

    /** Starts the sequence from this seed. */
    void reseed(long seed) {
        state = seed;
    }

    @Override
    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
