/**
 * The whole catalogue of detections ({@link io.trailsentry.catalogue.Catalogue}): the per-event
 * rules of {@code detect.rules}, the anomaly scorer's and the sequences of {@code sequence}, by id,
 * and docs/policy.md's table generated from them. May import: {@code sequence} and below.
 */
package io.trailsentry.catalogue;
