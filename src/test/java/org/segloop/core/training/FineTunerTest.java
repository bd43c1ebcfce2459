package org.segloop.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.segloop.core.bench.SyntheticCells;
import org.segloop.core.inference.NormalisedInput;
import org.segloop.core.inference.Preprocessor;
import org.segloop.core.work.Cancellation;
import org.segloop.testutil.Fixtures;

/** Fine-tuning the bundled model on cells it was not trained for makes it better on held-out cells. */
class FineTunerTest {

	static Map<String, List<TrainingSample>> cells(int count, int size, long seed) {
		Map<String, List<TrainingSample>> out = new LinkedHashMap<>();
		int i = 0;
		for (SyntheticCells.Sample s : SyntheticCells.pool(count, size, 0.4, count, seed)) {
			float[] image = NormalisedInput.planes(Fixtures.bundledModel(), s.image(), Preprocessor.NonFinitePolicy.FAIL)[0];
			int[] classes = TrainingTargets.ofInstances(s.instances(), size, size, null, 2);
			String name = "cell" + i++;
			out.put(name, List.of(new TrainingSample(name, size, size, 1, image, classes)));
		}
		return out;
	}

	@Test
	void fineTuningRaisesHeldOutDiceAboveTheStartingModel() {
		TrainingData data = TrainingData.split(cells(10, 128, 7), 0.3, 1);
		FineTuneSettings settings = FineTuneSettings.defaults().withEpochs(12, 12).withTimeBudget(0);
		List<FineTuneResult.Epoch> epochs = new ArrayList<>();
		FineTuneResult r = new FineTuner(settings).run(Fixtures.bundledModel(), null, data, new FineTuner.Listener() {
			@Override
			public void epoch(FineTuneResult.Epoch e, boolean best) {
				epochs.add(e);
			}
		}, new Cancellation());
		assertEquals(r.epochs(), epochs.size());
		assertTrue(r.heldOutDice() > r.startDice() + 0.02, "held-out Dice rose from " + r.startDice() + " to " + r.heldOutDice());
		assertTrue(r.improved());
	}
}
