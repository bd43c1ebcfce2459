package org.segloop.core.training;

import java.nio.file.Path;

import org.segloop.core.SegLoopException;
import org.segloop.core.UserSetting;

/** The loss stopped being a finite number; nothing of the run is kept. */
public final class TrainingDivergedException extends SegLoopException {

	private static final long serialVersionUID = 1L;

	public TrainingDivergedException(Path model, int epoch, int step, double learningRate) {
		super(model, "fine-tuning diverged: the loss became " + "NaN or infinite at epoch " + epoch + ", step " + step
			+ " (learning rate " + learningRate + ")", "fine-tune again with a smaller learning rate (e.g. " + learningRate / 10
				+ "); the current model version is unchanged", UserSetting.LEARNING_RATE);
	}
}
