package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.ImageSources;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.inference.SegmentOptions;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.queue.Candidate;
import org.segloop.core.uncertainty.Scorers;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.GiniScorer;

/**
 * Issue 13's acceptance: a scorer SegLoop does not ship ({@link GiniScorer}, defined only in the
 * tests and registered by their services file, as a jar on the class path would register it) is
 * offered by {@code --help}, accepted by {@code init --scorer}, scores every image at
 * {@code predict}, and ranks the queue.
 */
class AddedScorerCliTest {

	@TempDir
	Path dir;

	@Test
	void aScorerAddedOnTheClassPathIsOfferedAcceptedAndRanksTheQueue() throws IOException {
		String help = CliTest.cli("init", "--help").out();
		assertTrue(help.contains(GiniScorer.NAME) && help.contains(new GiniScorer().description()), help);

		Path images = Files.createDirectories(dir.resolve("images"));
		for (int i = 1; i <= 4; i++)
			Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples").resolve(String.format("nuclei_%02d.tif", i)), images.resolve("n" + i + ".tif"));
		Path project = dir.resolve("p");
		CliTest.Run init = CliTest.cli("init", project, "--images", images, "--model", Fixtures.BUNDLED_MODEL, "--scorer", "gini");
		assertEquals(0, init.code(), init.err());
		assertTrue(init.out().contains("scorer gini"), init.out());
		CliTest.Run predict = CliTest.cli("predict", project);
		assertEquals(0, predict.code(), predict.err());

		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY);
			SegmentationTool tool = new SegmentationTool(Fixtures.bundledModel(), RuntimeOptions.defaults(), SegmentOptions.defaults()))
		{
			ProjectSettings settings = p.settings();
			assertEquals(GiniScorer.NAME, settings.scorer());
			Map<Long, Double> gini = new HashMap<>();
			for (ImageRecord image : p.images().all()) {
				Prediction stored = p.predictions().latest(image.id()).orElseThrow();
				assertEquals(GiniScorer.NAME, stored.scorer());
				double expected = score(GiniScorer.NAME, tool, image, settings);
				assertEquals(expected, stored.scores().value(settings.reduction()), 1e-6, "the stored score is the added scorer's");
				assertNotEquals(score("entropy", tool, image, settings), expected, 1e-6, "and not the default scorer's");
				gini.put(image.id(), expected);
			}
			List<Long> byGini = new ArrayList<>(gini.keySet());
			byGini.sort(Comparator.comparingDouble((Long id) -> gini.get(id)).reversed());
			assertEquals(byGini, p.queue().peek(4).stream().map(Candidate::imageId).toList(), "the queue ranks by the added scorer, most uncertain first");
		}
	}

	private static double score(String scorer, SegmentationTool tool, ImageRecord image, ProjectSettings settings) {
		return Scorers.create(scorer, settings.scorerOptions()).score(tool, ImageSources.read(image.path()), ProgressListener.NONE, new Cancellation())
			.scores().value(settings.reduction());
	}
}
