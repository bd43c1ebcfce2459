package org.segloop.core.queue;

import java.util.List;

import org.segloop.core.registry.Extension;

/**
 * Decides which images to serve next, from scores that {@code UncertaintyScorer}s computed earlier:
 * selection only, no scoring. An extension point: listed in
 * {@code META-INF/services/org.segloop.core.queue.QueueStrategy}, found by name through
 * {@link Strategies}.
 *
 * <p>Contract: reads the view only; quick (milliseconds, even at a million images); deterministic
 * for the same queue state; stateless (one instance serves every project and thread).
 */
public interface QueueStrategy extends Extension {

	/** Up to {@code limit} candidates, best first. */
	List<Candidate> rank(QueueView view, int limit);
}
