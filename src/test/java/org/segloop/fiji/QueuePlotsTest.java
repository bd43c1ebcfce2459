package org.segloop.fiji;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.segloop.core.loop.LearningCurve;

/** The queue panel's learning curve draws each version's held-out Dice (red) and proposal Dice (blue). */
class QueuePlotsTest {

	@Test
	void theLearningCurveDrawsBothSeries() {
		BufferedImage plot = QueuePlots.learningCurve(List.of(new LearningCurve.Point(1, "base", null, false, null, null, 0, 8, 0.80, 0.1, 0),
			new LearningCurve.Point(2, "fine-tuned 1", 1L, false, 0.90, 0.82, 8, 5, 0.88, 0.05, 1),
			new LearningCurve.Point(3, "fine-tuned 2", 2L, true, 0.93, 0.90, 13, 0, null, null, 2)));
		assertTrue(count(plot, 0xff0000) > 20, "held-out Dice points");
		assertTrue(count(plot, 0x0000ff) > 20, "proposal Dice points");
		BufferedImage empty = QueuePlots.learningCurve(List.of());
		assertTrue(count(empty, 0xff0000) < count(plot, 0xff0000));
	}

	private static int count(BufferedImage image, int rgb) {
		int n = 0;
		for (int y = 0; y < image.getHeight(); y++)
			for (int x = 0; x < image.getWidth(); x++)
				if ((image.getRGB(x, y) & 0xffffff) == rgb) n++;
		return n;
	}
}
