/**
 * Cold start: principals whose baselines are immature judged against their population (their
 * account's and the organisation's principals of the same kind). {@link
 * io.trailsentry.detect.population.PopulationModel} is the pure logic (TS-AN-002 and the answers to
 * the rules' cold-start questions); {@code flink.PopulationFunction} keeps its state. May import
 * {@code detect}, {@code profile}, {@code principal}, {@code util}; no Flink.
 */
package io.trailsentry.detect.population;
