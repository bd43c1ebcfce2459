package org.segloop.core.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.ProjectException;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.QueueStatus;
import org.segloop.core.project.ImageQueue.Lease;

/**
 * Serves the next image whose file is still the one that was registered and predicted. An image
 * whose file went missing or changed since is set aside as failed with the reason (a person
 * cannot correct a proposal made for other content) and the next one is served instead, so a
 * damaged file never blocks the queue or comes back on every request.
 *
 * <p>Blocking: reads (and hashes) each served image file once, on the calling thread. Not
 * thread-safe: the store's rules apply.
 */
public final class ImageServing {

	/** An image that could not be served, and why (the error names the file and the fix). */
	public record SetAside(ImageRecord image, ProjectException problem) {

		/** Why, in words every surface can show. */
		public String reason() {
			return problem.getMessage();
		}
	}

	/**
	 * The lease (empty when nothing is left to serve) and the images set aside on the way.
	 *
	 * @param waitingForPrediction when nothing was leased, how many images have no proposal yet
	 *     (predicting them gives the queue work again); 0 when an image was leased
	 */
	public record Served(Optional<Lease> lease, List<SetAside> setAside, long waitingForPrediction) {}

	private ImageServing() {}

	public static Served next(ProjectStore store, String annotator) {
		List<SetAside> setAside = new ArrayList<>();
		while (true) { // ends: every round leases an image or sets one aside for good
			Optional<Lease> lease = store.queue().next(annotator);
			if (lease.isEmpty()) return new Served(lease, setAside, store.queue().counts().get(QueueStatus.NEW));
			ImageRecord image = store.images().byId(lease.get().imageId()).orElseThrow();
			try {
				store.images().verify(image);
				return new Served(lease, setAside, 0);
			}
			catch (ProjectException e) {
				store.queue().setAside(lease.get(), e.getMessage());
				setAside.add(new SetAside(image, e));
			}
		}
	}
}
