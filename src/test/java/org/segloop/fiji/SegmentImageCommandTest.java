package org.segloop.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ShortProcessor;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.SyntheticImages;

class SegmentImageCommandTest {

	@Test
	void segmentsAnOpenImageHeadlessThroughTheCommandService() throws Exception {
		SyntheticImages.Disks disks = SyntheticImages.disks(200, 150, 1, 7, 11);
		ImageStack stack = new ImageStack(200, 150);
		stack.addSlice(new ShortProcessor(200, 150, (short[]) disks.image().plane(0, 0, 0), null));
		ImagePlus imp = new ImagePlus("disks", stack);
		try (Context context = new Context(CommandService.class)) {
			CommandModule module = context.service(CommandService.class)
				.run(SegmentImageCommand.class, true, "image", imp, "model", Fixtures.BUNDLED_MODEL.toFile(), "tile", 256).get();
			ImagePlus classes = (ImagePlus) module.getOutput("classes");
			ImagePlus instances = (ImagePlus) module.getOutput("instances");
			assertEquals(200, classes.getWidth());
			assertEquals(disks.count(), (int) instances.getStatistics().max);
		}
	}

	@Test
	void theJarsAnnotationIndexListsTheCommand() throws Exception {
		Path index = Path.of("target", "classes", "META-INF", "json", "org.scijava.plugin.Plugin");
		String text = Files.readString(index, StandardCharsets.UTF_8);
		assertTrue(text.contains(SegmentImageCommand.class.getName()), text);
		assertTrue(text.contains("Plugins>SegLoop>Segment Image..."), text);
	}
}
