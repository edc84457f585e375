/**
 * Micrometer Observation support for Deno KV: the documented observation, its context and its
 * convention. Tags are low-cardinality only and never carry keys or values.
 */
package dev.denokv.observation;
