package org.vecnn.spark;

import java.util.Locale;

/**
 * What scoring does with a row whose features cannot be scored: null, the wrong number of values, a NaN or
 * an infinite value (or, rarely, values whose output overflows).
 */
public enum BadRows {
    /** Fail the job with an error naming the partition, the row in it, and the problem. */
    ERROR,
    /** Score the row as null: every output column of the row is null. */
    SKIP;

    /** The policy of a name, {@code error} or {@code skip}, in any case. */
    public static BadRows of(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad-row policy must be error or skip, got '" + name + "'");
        }
    }
}
