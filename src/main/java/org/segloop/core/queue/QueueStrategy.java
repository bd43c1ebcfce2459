package org.segloop.core.queue;

import java.util.List;

/**
 * Decides which images to serve next, from scores that {@code UncertaintyScorer}s computed earlier:
 * selection only, no scoring. Registered by name in {@link Strategies}.
 *
 * <p>Contract: reads the view only; quick (milliseconds, even at a million images); deterministic
 * for the same queue state.
 */
public interface QueueStrategy {

	String name();

	/** Up to {@code limit} candidates, best first. */
	List<Candidate> rank(QueueView view, int limit);
}
