/**
 * The engine side of the layer contract, for vecnn's own modules only (a qualified export): what the
 * trainer calls on layers and models beyond the public API.
 */
package org.vecnn.nn.engine;
