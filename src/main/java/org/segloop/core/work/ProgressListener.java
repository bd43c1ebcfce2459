package org.segloop.core.work;

/** Told how far long work has got; called from the working thread, so keep it quick. */
@FunctionalInterface
public interface ProgressListener {

	ProgressListener NONE = (done, total, what) -> {};

	/** @param done units finished, @param total units in all, @param what short description */
	void update(long done, long total, String what);
}
