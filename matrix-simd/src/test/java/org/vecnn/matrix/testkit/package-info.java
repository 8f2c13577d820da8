/**
 * Test helpers shared with the nn modules through matrix-simd's test-jar. A package of their own, because the
 * test-jar sits on the class path and a package split with the org.vecnn.matrix module would be hidden.
 */
package org.vecnn.matrix.testkit;
