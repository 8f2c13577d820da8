package org.vecnn.interop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape arithmetic of an ONNX import: reshapes (which never move data, so a new view of the sample),
 * numpy-style broadcasting of a constant, and a sample's width, each failing with the node and the dims.
 */
final class OnnxShapes {

    private OnnxShapes() {
    }

    /** A Flatten's new dims: the axes before {@code axis} as one, the rest as the other. */
    static long[] flattened(OnnxGraph.Node node, String file, long[] full, long axis) throws ImportException {
        int at = (int) (axis < 0 ? axis + full.length : axis);
        if (at < 0 || at > full.length) {
            throw fail(file, node, "axis " + axis + " of " + Arrays.toString(full));
        }
        return new long[] {product(full, 0, at), product(full, at, full.length)};
    }

    /**
     * Checks that a Softmax spans a sample's features: over its axis (opset 13 on) or the axes from it
     * (before), every other axis of the sample being 1.
     */
    static void requireFeatureSoftmax(OnnxGraph.Node node, String file, long[] full, boolean batched, long opset)
            throws ImportException {
        long axis = node.intAttribute("axis", opset >= 13 ? -1 : 1);
        int at = (int) (axis < 0 ? axis + full.length : axis);
        boolean fits = at >= (batched ? 1 : 0) && at < full.length;
        for (int d = batched ? 1 : 0; d < full.length && fits; d++) {
            boolean inGroup = opset >= 13 ? d == at : d >= at;
            fits = inGroup || full[d] == 1;
        }
        if (!fits) {
            throw fail(file, node, "softmax over axis " + axis + " of " + Arrays.toString(full) + "; only over a"
                    + " sample's features imports");
        }
    }

    /** A Reshape's new dims: 0 copies a dim, −1 is inferred (the batch's −1 stays). */
    static long[] reshaped(OnnxGraph.Node node, String file, long[] full, long[] target, long sampleSize,
                           boolean batched) throws ImportException {
        if (target == null) {
            throw fail(file, node, "the shape is not an integer tensor");
        }
        long[] next = target.clone();
        long known = 1;
        int unknown = -1;
        for (int d = 0; d < next.length; d++) {
            if (next[d] == 0 && d < full.length) {
                next[d] = full[d];
            }
            if (next[d] == -1 && d == 0 && batched) {
                continue;
            }
            if (next[d] == -1) {
                if (unknown >= 0) {
                    throw fail(file, node, "a shape with two -1s: " + Arrays.toString(target));
                }
                unknown = d;
            } else if (next[d] > 0) {
                known *= next[d];
            } else {
                throw fail(file, node, "a shape of " + Arrays.toString(target));
            }
        }
        if (unknown >= 0) {
            long total = sampleSize;
            next[unknown] = known == 0 ? 0 : total / known;
        }
        return next;
    }

    /** A Squeeze's new dims: the axes given (all 1s when none), which must be 1. */
    static long[] squeezed(OnnxGraph.Node node, String file, long[] full, long[] axes) throws ImportException {
        List<Long> kept = new ArrayList<>();
        for (int d = 0; d < full.length; d++) {
            boolean drop = false;
            for (long axis : axes) {
                drop |= (axis < 0 ? axis + full.length : axis) == d;
            }
            if (drop && full[d] != 1) {
                throw fail(file, node, "squeezes axis " + d + " of " + Arrays.toString(full) + ", which is not 1");
            }
            if (!drop && !(axes.length == 0 && full[d] == 1)) {
                kept.add(full[d]);
            }
        }
        return kept.stream().mapToLong(Long::longValue).toArray();
    }

    /** An Unsqueeze's new dims: a 1 at each axis given. */
    static long[] unsqueezed(OnnxGraph.Node node, String file, long[] full, long[] axes) throws ImportException {
        int rank = full.length + axes.length;
        long[] next = new long[rank];
        Arrays.fill(next, Long.MIN_VALUE);
        for (long axis : axes) {
            int at = (int) (axis < 0 ? axis + rank : axis);
            if (at < 0 || at >= rank) {
                throw fail(file, node, "axis " + axis + " for rank " + rank);
            }
            next[at] = 1;
        }
        int from = 0;
        for (int d = 0; d < rank; d++) {
            if (next[d] == Long.MIN_VALUE) {
                next[d] = full[from++];
            }
        }
        return next;
    }

    /** A constant's values broadcast (numpy rules) to a tensor of these dims, row-major. */
    static float[] broadcast(OnnxGraph.Node node, String file, OnnxTensor c, long[] dims, long budget)
            throws ImportException {
        if (c.floats() == null) {
            throw fail(file, node, "constant '" + c.name() + "' is not a float tensor");
        }
        long[] from = c.dims();
        int size = width(dims, file);
        if (size > budget) {
            throw fail(file, node, "broadcasting a constant to " + Arrays.toString(dims) + " makes more values than the"
                    + " file's size justifies");
        }
        float[] out = new float[size];
        int shift = dims.length - from.length;
        for (int d = 0; d < from.length; d++) {
            long target = d + shift >= 0 ? dims[d + shift] : 1;
            if (from[d] != 1 && from[d] != target) {
                throw fail(file, node, "constant of dims " + Arrays.toString(from) + " does not broadcast to "
                        + Arrays.toString(dims));
            }
        }
        for (int i = 0; i < size; i++) {
            int rest = i;
            int index = 0;
            int stride = 1;
            for (int d = dims.length - 1; d >= 0; d--) {
                int coordinate = (int) (rest % dims[d]);
                rest /= (int) dims[d];
                int cd = d - shift;
                if (cd >= 0) {
                    if (from[cd] != 1) {
                        index += coordinate * stride;
                    }
                    stride *= (int) from[cd];
                }
            }
            out[i] = c.floats()[index];
        }
        return out;
    }

    /** The product of dims[from, to). */
    static long product(long[] dims, int from, int to) {
        long product = 1;
        for (int d = from; d < to; d++) {
            product *= dims[d];
        }
        return product;
    }

    /** A sample's width, which must be positive and fit an array. */
    static int width(long[] dims, String file) throws ImportException {
        long width = 1;
        for (long dim : dims) {
            if (dim <= 0 || width * dim > Integer.MAX_VALUE - 8) {
                throw new ImportException(file, "graph", "a tensor of dims " + Arrays.toString(dims)
                        + " does not import");
            }
            width *= dim;
        }
        return (int) width;
    }

    private static ImportException fail(String file, OnnxGraph.Node node, String problem) {
        return new ImportException(file, node.describe(), problem);
    }
}
