package org.segloop.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.ImageReader;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.metrics.Components;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.Projects;

import com.google.gson.JsonParser;

/** Stacks keep their spacing in nnU-Net's axis order; RLE and object splitting on tiny planes worked out by hand. */
class StackAndRleTest {

	@TempDir
	Path dir;

	@Test
	void aStackExportsForTiff3dioWithSpacingInZyxOrder() throws IOException {
		int slices = 3;
		Path stack = Projects.sampleStack(dir.resolve("stack.tif"), 96, 80, slices);
		try (ProjectStore p = ProjectSetup.init(dir.resolve("project"), Fixtures.BUNDLED_MODEL, List.of(stack), ProjectSettings.defaults())) {
			Projects.predict(p);
			var stored = ImageReader.read(p.files().resolve(Projects.correctNext(p, "ana", dir).maskFile())).calibration();
			assertEquals(List.of(0.5, 2.5, "micron"), List.of(stored.pixelWidth(), stored.pixelDepth(), stored.unit()),
				"the stored correction keeps the image's calibration, not the 1-pixel spacing the mask was saved with");
			Path out = dir.resolve("Dataset502_Stack");
			new DatasetExport(p).export(out, ExportSettings.of(ExportFormats.byName("nnunet")).withSplit(new SplitPlan(1, 0, 0, 1)), ProgressListener.NONE,
				new Cancellation());
			var ds = JsonParser.parseString(Files.readString(out.resolve("dataset.json"))).getAsJsonObject();
			assertEquals("Tiff3DIO", ds.get("overwrite_image_reader_writer").getAsString());
			var spacing = JsonParser.parseString(Files.readString(out.resolve("labelsTr/stack.json"))).getAsJsonObject().getAsJsonArray("spacing");
			assertEquals(List.of(2.5, 0.5, 0.5), List.of(spacing.get(0).getAsDouble(), spacing.get(1).getAsDouble(), spacing.get(2).getAsDouble()));
			ImageVolume label = ImageReader.read(out.resolve("labelsTr/stack.tif"));
			assertEquals(slices, label.slices());
			assertEquals(2.5, label.calibration().pixelDepth(), 1e-9);
			assertEquals(slices, ImageReader.read(out.resolve("imagesTr/stack_0000.tif")).slices());
		}
	}

	@Test
	void rleRunsGoDownTheColumnsStartingWithBackground() {
		// 3 wide, 2 high:   1 1 0      column-major order: (0,0)=1 (0,1)=0 (1,0)=1 (1,1)=2 (2,0)=0 (2,1)=2
		//                   0 2 2
		int[] plane = { 1, 1, 0, 0, 2, 2 };
		CocoRle.ObjectRuns[] runs = CocoRle.encode(plane, 3, 2, 3);
		assertArrayEquals(new int[] { 0, 1, 1, 1, 3 }, runs[1].counts());
		assertArrayEquals(new int[] { 3, 1, 1, 1 }, runs[2].counts());
		assertNull(runs[3], "absent labels have no runs");
		assertEquals(2, runs[1].area);
		assertEquals(List.of(0, 0, 1, 0), List.of(runs[1].minX, runs[1].minY, runs[1].maxX, runs[1].maxY));
	}

	@Test
	void touchingObjectsOfDifferentClassesStayApart() {
		int[] classes = { 1, 1, 2, 0, 2, 2 }; // the 1s touch the 2s: one object of each class, not one merged blob
		LabelVolume objects = Components.ofClasses(new LabelVolume(3, 2, 1, 1, new int[][] { classes }, new double[] { 1, 1, 1 }));
		assertArrayEquals(new int[] { 1, 1, 2, 0, 2, 2 }, objects.labels()[0]);
	}

	@Test
	void instancesTakeTheirMostCommonProposedClass() {
		LabelVolume instances = new LabelVolume(4, 1, 1, 1, new int[][] { { 1, 1, 1, 2 } }, new double[] { 1, 1, 1 });
		LabelVolume proposal = new LabelVolume(4, 1, 1, 1, new int[][] { { 2, 2, 1, 0 } }, new double[] { 1, 1, 1 });
		assertArrayEquals(new int[] { 2, 2, 2, 1 }, org.segloop.core.training.TrainingTargets.classesOfInstances(instances, proposal, -1).labels()[0],
			"object 1 is mostly class 2; object 2 lies on background and defaults to class 1");
		assertArrayEquals(new int[] { 1, 1, 1, 1 }, org.segloop.core.training.TrainingTargets.classesOfInstances(instances, proposal, 2).labels()[0],
			"a boundary class never names an object");
		assertArrayEquals(new int[] { 1, 1, 1, 1 }, org.segloop.core.training.TrainingTargets.classesOfInstances(instances, null, -1).labels()[0]);
	}
}
