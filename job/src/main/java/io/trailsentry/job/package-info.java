/**
 * Wiring only: the entry point ({@link io.trailsentry.job.TrailSentryMain}), the one readable
 * pipeline method ({@link io.trailsentry.job.TrailSentryPipeline}), sources, sinks, CEP wiring, and
 * every operator uid ({@link io.trailsentry.job.Uids}: never rename one, savepoints map operators
 * by uid).
 */
package io.trailsentry.job;
