package org.segloop.fiji;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.segloop.core.UserAction;
import org.segloop.core.correction.SliceRoles;
import org.segloop.core.loop.ModelUpdate;
import org.segloop.core.loop.Predictor;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.training.FineTuneResult;
import org.segloop.core.uncertainty.SliceRanking;

/** How Fiji words what the loop did, the same for a command, a macro and the queue panel. */
final class LoopMessages {

	private LoopMessages() {}

	/** @param waitingForPrediction images without a proposal yet, when nothing was served: then the message says to predict them */
	static String next(Optional<AnnotationSession.Proposal> next, long waitingForPrediction, Path project) {
		if (next.isPresent()) {
			AnnotationSession.Proposal p = next.get();
			String at = "";
			if (p.slices().ranked().size() > 1)
				at = String.format(Locale.ROOT, ", shown at its most uncertain slice %d (uncertainty %.4f)", p.slices().first().slice() + 1,
					p.slices().first().score());
			return "image " + p.lease().imageId() + ": " + p.rois().size() + " proposed objects" + at;
		}
		if (waitingForPrediction > 0) return "nothing to annotate yet in " + project + ": " + waitingForPrediction
			+ " image(s) have no proposal — predict them first (" + MenuHints.of(UserAction.PREDICT.on(project)) + ")";
		return "nothing left to annotate in " + project;
	}

	/** Where a step through the slices by uncertainty went (slice numbers 1-based, as ImageJ shows them). */
	static String sliceStep(LoopActions.SliceStep step, int steps) {
		if (step.to().isEmpty())
			return steps > 0 ? "slice " + (step.from().slice() + 1) + " is the least uncertain: no further slice (" + step.of() + " of " + step.of() + ")"
				: "slice " + (step.from().slice() + 1) + " is the most uncertain: no slice before it";
		SliceRanking.Slice s = step.to().get();
		return String.format(Locale.ROOT, "slice %d%s: %d of %d by uncertainty (%.4f)", s.slice() + 1, s.frame() > 0 ? ", frame " + (s.frame() + 1) : "",
			step.rank() + 1, step.of(), s.score());
	}

	static String accepted(Correction c) {
		String m = String.format("accepted image %d: object F1 %.3f, %.2f %% of pixels changed", c.imageId(), c.objectF1(), 100 * c.fractionChanged());
		return c.roles() == null ? m : m + "; " + roles(c.roles());
	}

	/** "edited slices 5, 9; interpolated 3; kept 12" (slices 1-based, as ImageJ shows them). */
	static String roles(SliceRoles roles) {
		int[] edited = roles.edited();
		String which = edited.length == 0 ? "no slice edited"
			: (edited.length == 1 ? "edited slice " : "edited slices ")
				+ (edited.length > 12 ? edited.length + "" : java.util.Arrays.stream(edited).mapToObj(p -> Integer.toString(p % roles.slices() + 1))
					.collect(java.util.stream.Collectors.joining(", ")));
		return which + "; interpolated " + roles.interpolated().length + "; kept " + roles.kept().length;
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
