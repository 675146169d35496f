/**
 * Small text helpers (capping, printable excerpts) every layer may use. Imports nothing of
 * TrailSentry.
 */
package io.trailsentry.util;
