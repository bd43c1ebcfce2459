package org.segloop.core.project;

import java.nio.file.Path;

/**
 * What an entry of the project's event journal records: the {@code events.what} column, and the
 * one place its values are spelled. Stored values never change, so projects written earlier read
 * the same; a new kind of event is a new constant (the column has no CHECK constraint, so no
 * migration is needed).
 */
public enum JournalEvent {

	/** An image was leased to an annotator by the queue's strategy. */
	SERVED("served"),
	/** An annotator's lease ended because they took back a corrected image to undo its accept. */
	LEASE_RETURNED("lease returned"),
	/** A lease ran out before accept or skip; the image went back to the queue. */
	LEASE_EXPIRED("lease expired"),
	SKIPPED("skipped"),
	/** A correction was recorded. */
	ACCEPTED("accepted"),
	ACCEPT_UNDONE("accept undone"),
	/** A model version proposed a mask for an image. */
	PREDICTED("predicted"),
	PREDICTION_FAILED("prediction failed"),
	/** A leased image went bad (e.g. its file changed) and was set aside as failed. */
	SET_ASIDE("set aside"),
	/** A failed image went back to the queue. */
	RETRY("retry"),
	REMOVED("removed"),
	/** An image's file got new content; its proposals were dropped. */
	RE_REGISTERED("re-registered"),
	/** A removed image was registered again and came back to the queue. */
	RESTORED("restored"),
	/** Fine-tuning recorded a new model version. */
	FINE_TUNED("fine-tuned"),
	/** Fine-tuning ran but did not beat its parent, so nothing was recorded. */
	FINE_TUNE_KEPT_PARENT("fine-tune kept parent"),
	MODEL_MADE_CURRENT("model made current");

	private final String stored;

	JournalEvent(String stored) {
		this.stored = stored;
	}

	/** The value in the database. */
	public String stored() {
		return stored;
	}

	/**
	 * The kind a stored value names.
	 *
	 * @param database the project's database, named in the error
	 * @throws ProjectException for a value this SegLoop does not know
	 */
	public static JournalEvent fromStored(String stored, Path database) {
		for (JournalEvent e : values())
			if (e.stored.equals(stored)) return e;
		throw new ProjectException(database, "has a journal event of the unknown kind '" + stored + "'",
			"open the project with the SegLoop that wrote it, or a newer one");
	}
}
