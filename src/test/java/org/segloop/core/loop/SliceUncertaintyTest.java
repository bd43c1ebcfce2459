package org.segloop.core.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.ImageReader;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.PlaneReader;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.uncertainty.ImageScores;
import org.segloop.core.uncertainty.SliceRanking;
import org.segloop.testutil.CtPhantomProjects;

/** A CT phantom predicted by the bundled CT model: its slices ranked from the stored uncertainty map. */
class SliceUncertaintyTest {

	@TempDir
	Path dir;

	@Test
	void everySliceOfAPredictedVolumeIsRankedOnceAndTheFirstHasTheHighestMeanInTheStoredMap() throws Exception {
		ProjectSettings mean = new ProjectSettings("uncertainty", "entropy", ImageScores.Reduction.MEAN, 0.05, 4, 42, 30, 3, ProjectSettings.NO_COLD_START);
		Path project = CtPhantomProjects.predicted(dir, 5, 64, 64, 16, mean);
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			long imageId = p.queue().entries(10).get(0).imageId();
			Prediction prediction = p.predictions().latest(imageId).orElseThrow();
			SliceRanking r = SliceUncertainty.of(p, prediction);
			assertEquals(16, r.ranked().size());
			Set<Integer> seen = new HashSet<>();
			for (SliceRanking.Slice s : r.ranked()) seen.add(s.slice());
			assertEquals(16, seen.size(), "each slice once");
			// the map read independently (ImageJ's reader), each slice's mean by hand
			ImageVolume map = ImageReader.read(p.files().resolve(prediction.uncertaintyFile()));
			double best = -1;
			int bestSlice = -1;
			for (int z = 0; z < 16; z++) {
				PlaneReader pr = map.reader(0, z, 0);
				double sum = 0;
				for (int i = 0; i < 64 * 64; i++) sum += pr.get(i);
				if (sum / 4096 > best) {
					best = sum / 4096;
					bestSlice = z;
				}
			}
			assertEquals(bestSlice, r.first().slice());
			assertEquals(best, r.first().score(), 1e-5);
			for (int i = 1; i < 16; i++) assertTrue(r.ranked().get(i - 1).score() >= r.ranked().get(i).score(), "most uncertain first");
		}
	}
}
