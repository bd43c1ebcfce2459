package org.segloop.fiji;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Undoes the last accept: the image comes back with the ROIs as they were accepted, to correct
 * again (an image opened meanwhile returns to the queue). Macro: {@code run("Undo Last Accept");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>SegLoop>Undo Last Accept", headless = true)
public class UndoAcceptCommand implements Command {

	@Parameter
	private SegLoopService segloop;

	@Parameter(type = ItemIO.OUTPUT)
	private String message;

	@Override
	public void run() {
		AnnotationSession.Proposal p = segloop.withSession(session -> LoopActions.undoLastAccept(session, segloop.view()));
		segloop.changed();
		message = LoopMessages.undone(p);
	}
}
