/**
 * The multi-stage sequences as Flink CEP patterns (one static factory each, always with {@code
 * within}) and what a match becomes. One of the two packages that import Flink. May import: {@code
 * detect} and below.
 */
package io.trailsentry.sequence;
