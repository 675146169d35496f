/**
 * The multi-stage detections, one {@link io.trailsentry.sequence.SequenceDetection} each (metadata,
 * a Flink CEP pattern always bounded by {@code within}, what a match becomes, the operator uid),
 * listed in {@link io.trailsentry.sequence.SequenceCatalogue}. One of the two packages that import
 * Flink. May import: {@code detect} and below.
 */
package io.trailsentry.sequence;
