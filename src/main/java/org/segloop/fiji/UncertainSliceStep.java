package org.segloop.fiji;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;

/**
 * Steps through the slices of the volume being annotated by uncertainty, as the stored uncertainty
 * map ranks them under the project's score reduction: {@link NextUncertainSliceCommand} goes to the
 * next most uncertain slice after the one shown, {@link PreviousUncertainSliceCommand} back. Runs on
 * the session thread, like every command that touches the shown image.
 */
abstract class UncertainSliceStep implements Command {

	@Parameter
	private SegLoopService segloop;

	@Parameter(type = ItemIO.OUTPUT)
	private String message;

	/** 1 for the next most uncertain slice, -1 for the previous. */
	abstract int steps();

	@Override
	public void run() {
		int steps = steps();
		message = segloop.withSession(session -> LoopMessages.sliceStep(LoopActions.stepSlice(session, segloop.view(), steps), steps));
		segloop.changed(); // the panel's slice list marks the slice shown
	}
}
