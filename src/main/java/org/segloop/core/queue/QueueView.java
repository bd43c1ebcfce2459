package org.segloop.core.queue;

import java.util.List;

/**
 * What a {@link QueueStrategy} may read of a project's queue: servable images in a few orders the
 * database can deliver from an index, so that ranking stays fast at a million images. Read-only.
 */
public interface QueueView {

	/** Most uncertain first; unscored images last. */
	List<Candidate> byScore(int limit);

	/** In the project's seeded pseudo-random order. */
	List<Candidate> byRandomKey(int limit);

	/** In registration (file) order. */
	List<Candidate> byFileOrder(int limit);

	/** Embeddings of the images most recently served or corrected, newest first. */
	List<float[]> recentlyServedEmbeddings(int limit);
}
