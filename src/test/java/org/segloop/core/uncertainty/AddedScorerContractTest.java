package org.segloop.core.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.inference.InferenceException;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.inference.SegmentOptions;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.registry.ExtensionFailedException;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.Fixtures;

/**
 * What {@link Scorers#score} holds an added scorer to: a proposal, one finite uncertainty per pixel
 * of every plane, finite scores, and no exception but SegLoop's typed ones. A breach is an
 * {@link ExtensionFailedException} naming the scorer, its class and jar, and the image.
 */
class AddedScorerContractTest {

	static final Path FILE = Fixtures.BUNDLED_MODEL.resolve("samples/nuclei_01.tif");
	static SegmentationTool tool;
	static ImageVolume image;
	static ScoredSegmentation good;

	@BeforeAll
	static void scoreOnce() {
		tool = new SegmentationTool(Fixtures.bundledModel(), RuntimeOptions.defaults(), SegmentOptions.defaults());
		image = ImageSources.read(FILE);
		good = Scorers.create("entropy", Scorers.Options.defaults()).score(tool, image, ProgressListener.NONE, new Cancellation());
	}

	@AfterAll
	static void close() {
		tool.close();
	}

	@Test
	void aResultThatKeepsTheContractIsReturnedAsItIs() {
		assertSame(good, score(s -> s));
	}

	@Test
	void aMissingWrongSizedOrNonFiniteResultIsTheScorersFault() {
		assertBreach("returned no result (null)", s -> null);
		assertBreach("returned no uncertainty map (null)", s -> new ScoredSegmentation(s.proposal(), null, s.scores(), "scripted"));
		assertBreach("returned no proposal (null)", s -> new ScoredSegmentation(null, s.uncertainty(), s.scores(), "scripted"));
		assertBreach("returned an uncertainty map of 2 planes for an image of 1",
			s -> new ScoredSegmentation(s.proposal(), new float[][] { s.uncertainty()[0], s.uncertainty()[0] }, s.scores(), "scripted"));
		assertBreach("returned plane 0 of the uncertainty map with 10 values; the image has " + image.width() * image.height() + " pixels per plane",
			s -> new ScoredSegmentation(s.proposal(), new float[1][10], s.scores(), "scripted"));
		float[][] nan = { good.uncertainty()[0].clone() };
		nan[0][7] = Float.NaN;
		assertBreach("returned a non-finite uncertainty (NaN) in plane 0", s -> new ScoredSegmentation(s.proposal(), nan, s.scores(), "scripted"));
		assertBreach("returned image scores that are not numbers", s -> new ScoredSegmentation(s.proposal(), s.uncertainty(),
			new ImageScores(Double.NaN, 0.1, 0.2, 100, 10), "scripted"));
	}

	@Test
	void anUnexpectedExceptionIsWrappedNamingTheScorerButTypedErrorsAndCancellingPassThrough() {
		NullPointerException bug = new NullPointerException("probabilities");
		ExtensionFailedException e = assertThrows(ExtensionFailedException.class, () -> score(s -> {
			throw bug;
		}));
		assertSame(bug, e.getCause());
		assertTrue(e.getMessage().contains("failed scoring it: java.lang.NullPointerException: probabilities"), e.getMessage());
		InferenceException typed = new InferenceException(FILE, "does not fit the model", "crop it");
		assertSame(typed, assertThrows(InferenceException.class, () -> score(s -> {
			throw typed;
		})), "an image the model cannot take stays that image's problem");
		assertThrows(java.util.concurrent.CancellationException.class, () -> score(s -> {
			throw new java.util.concurrent.CancellationException();
		}));
	}

	private static void assertBreach(String problem, UnaryOperator<ScoredSegmentation> result) {
		ExtensionFailedException e = assertThrows(ExtensionFailedException.class, () -> score(result));
		assertEquals(FILE, e.file());
		assertTrue(e.getMessage().startsWith(FILE + ": the uncertainty scorer 'scripted' (" + Scripted.class.getName() + " in "), e.getMessage());
		assertTrue(e.getMessage().contains(") " + problem) && e.getMessage().endsWith("— fix or remove the extension that provides 'scripted' (the jar it came in)"),
			e.getMessage());
	}

	private static ScoredSegmentation score(UnaryOperator<ScoredSegmentation> result) {
		return Scorers.score(new Scripted(result), tool, image, FILE, ProgressListener.NONE, new Cancellation());
	}

	/** An added scorer (its class is not SegLoop's) whose result is the entropy scorer's, changed as the test says. */
	static final class Scripted implements UncertaintyScorer {

		final UnaryOperator<ScoredSegmentation> result;

		Scripted(UnaryOperator<ScoredSegmentation> result) {
			this.result = result;
		}

		@Override
		public String name() {
			return "scripted";
		}

		@Override
		public ScoredSegmentation score(SegmentationTool tool, ImageVolume image, ProgressListener progress, Cancellation cancel) {
			return result.apply(good);
		}
	}
}
