package org.vecnn.matrix.testkit;

import java.util.ArrayList;
import java.util.List;
import org.vecnn.matrix.kernel.KernelProvider;
import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.matrix.kernel.ScalarKernels;

/**
 * The kernel implementations a test runs against: the scalar side always, the vector side wherever this
 * JVM can run it. A fork that expects the vector side and does not get it fails in KernelProviderTest.
 */
public final class KernelSides {

    private KernelSides() {
    }

    /** Every side available in this JVM, scalar first. */
    public static List<Kernels> all() {
        List<Kernels> sides = new ArrayList<>();
        sides.add(ScalarKernels.INSTANCE);
        if (KernelProvider.vectorUnavailableReason().isEmpty()) {
            sides.add(KernelProvider.select("vector"));
        }
        return sides;
    }

    /** The sizes every dimension is drawn from besides random ones (DESIGN.md section 5). */
    public static List<Integer> edgeSizes(int lanes) {
        // The tiles are 8 or 5 rows (MR) by 2·lanes (NR): 4..11 straddle both MRs; 255..257 straddle KC and MC,
        // 1023..1025 several MC blocks; 64..65 cross from reading B in place to packing it.
        int[] fixed = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 16, 17, 31, 64, 65, 97, 127, 128, 129, 255, 256,
                257, 1023, 1025};
        List<Integer> sizes = new ArrayList<>();
        for (int size : fixed) {
            sizes.add(size);
        }
        for (int multiple = 1; multiple <= 4; multiple++) {
            sizes.add(multiple * lanes - 1);
            sizes.add(multiple * lanes + 1);
        }
        return sizes;
    }
}
