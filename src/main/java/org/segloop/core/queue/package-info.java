/**
 * Which image to serve next: registered {@link QueueStrategy}s ({@link Strategies}: uncertainty, random,
 * hybrid, first) that rank {@link Candidate}s read through a {@link QueueView}, and the
 * {@link ImageEmbedding} that the hybrid strategy's diversity uses. Selection only, no scoring;
 * uses only core.image and core.registry.
 */
package org.segloop.core.queue;
