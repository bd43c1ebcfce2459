/**
 * Which image to serve next: {@link QueueStrategy}s by name in {@link Strategies} (uncertainty, random,
 * hybrid, first) that rank {@link Candidate}s read through a {@link QueueView}, and the
 * {@link ImageEmbedding} that the hybrid strategy's diversity uses. Selection only, no scoring;
 * uses only core.image.
 */
package org.segloop.core.queue;
