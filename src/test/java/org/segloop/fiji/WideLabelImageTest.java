package org.segloop.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.testutil.Projects;

import ij.ImagePlus;
import ij.gui.Roi;

/**
 * Edit as Label Image on objects whose stored labels are above 65535 (e.g. 16777216 and 16777217,
 * from an accepted 32-bit mask brought back by undo): each object keeps a value of its own in the
 * 16-bit label image instead of all being clamped to 65535 and merged.
 */
class WideLabelImageTest {

	@TempDir
	Path dir;

	@Test
	void objectsWithLabelsAbove65535StayApartInTheLabelImageAndWhenAccepted() throws IOException {
		Path project = Projects.predictedSamples(dir, 1);
		try (AnnotationSession session = AnnotationSession.open(project, "ana")) {
			AnnotationSession.Proposal p = session.next().orElseThrow();
			List<Roi> rois = new ArrayList<>(p.rois());
			for (int i = 0; i < rois.size(); i++) rois.get(i).setProperty(RoiLabels.LABEL, Integer.toString(16_777_216 + i));
			ImagePlus labels = session.labelImage(rois);
			Set<Integer> values = new HashSet<>();
			short[] pixels = (short[]) labels.getProcessor().getPixels();
			for (short v : pixels) if (v != 0) values.add(v & 0xffff);
			assertEquals(rois.size(), values.size(), "one value per object, none clamped together");
			Correction c = session.acceptLabelImage();
			LabelVolume stored = LabelFiles.read(session.store().files().resolve(c.maskFile()), p.record(), -1, "stored");
			Set<Integer> objects = new HashSet<>();
			for (int v : stored.labels()[0]) if (v != 0) objects.add(v);
			assertEquals(rois.size(), objects.size());
			assertEquals(1.0, c.objectF1(), 1e-12, "the same objects as proposed");
		}
	}
}
