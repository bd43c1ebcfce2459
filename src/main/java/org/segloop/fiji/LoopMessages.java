package org.segloop.fiji;

import java.nio.file.Path;
import java.util.Optional;

import org.segloop.core.UserAction;
import org.segloop.core.loop.ModelUpdate;
import org.segloop.core.loop.Predictor;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.training.FineTuneResult;

/** How Fiji words what the loop did, the same for a command, a macro and the queue panel. */
final class LoopMessages {

	private LoopMessages() {}

	/** @param waitingForPrediction images without a proposal yet, when nothing was served: then the message says to predict them */
	static String next(Optional<AnnotationSession.Proposal> next, long waitingForPrediction, Path project) {
		if (next.isPresent()) return "image " + next.get().lease().imageId() + ": " + next.get().rois().size() + " proposed objects";
		if (waitingForPrediction > 0) return "nothing to annotate yet in " + project + ": " + waitingForPrediction
			+ " image(s) have no proposal — predict them first (" + MenuHints.of(UserAction.PREDICT.on(project)) + ")";
		return "nothing left to annotate in " + project;
	}

	static String accepted(Correction c) {
		return String.format("accepted image %d: object F1 %.3f, %.2f %% of pixels changed", c.imageId(), c.objectF1(), 100 * c.fractionChanged());
	}

	static String undone(AnnotationSession.Proposal back) {
		return "image " + back.lease().imageId() + " is back for correction (" + back.rois().size() + " objects as accepted)";
	}

	static String predicted(Predictor.Report r) {
		return r.predicted() + " image(s) predicted, " + r.remaining() + " left";
	}

	static String modelUpdated(ModelUpdate.Outcome outcome) {
		if (outcome instanceof ModelUpdate.NotDue n)
			return "not due: " + n.newCorrections() + " new correction(s) since the last fine-tuning, " + n.every() + " needed";
		if (outcome instanceof ModelUpdate.KeptParent k)
			return String.format("no epoch beat the current version's held-out Dice %.4f; the model is unchanged", k.startDice());
		ModelUpdate.Improved i = (ModelUpdate.Improved) outcome;
		FineTuneResult r = i.result();
		return String.format("version %d: held-out Dice %.4f -> %.4f after %d epochs (%.0f s); %d queued image(s) re-scored", i.version().id(),
			r.startDice(), r.heldOutDice(), r.epochs(), r.seconds(), i.rescoredImages());
	}
}
