/**
 * File and text helpers for vecnn's modules (exported only to them): files written atomically
 * ({@link org.vecnn.nn.io.AtomicFile}), for model files and every other output, and text from files made
 * safe to print ({@link org.vecnn.nn.io.SafeText}).
 */
package org.vecnn.nn.io;
