package org.segloop.core.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.PlaneReader;

class CtPhantomTest {

	@Test
	void aPhantomHasAirBodyAnOrganAndLesionsOnlyInsideIt() {
		int lesionPhantoms = 0;
		for (long seed = 1; seed <= 6; seed++) {
			CtPhantom.Volume v = CtPhantom.generate(seed, 96, 96, 24);
			long organ = 0, lesion = 0, air = 0;
			for (int z = 0; z < v.depth(); z++)
				for (int i = 0; i < 96 * 96; i++) {
					int c = v.classes()[z][i];
					if (c == CtPhantom.ORGAN) organ++;
					if (c == CtPhantom.LESION) {
						lesion++;
						assertTrue(v.lesions()[z][i] > 0, "a lesion voxel carries its instance");
					}
					else assertEquals(0, v.lesions()[z][i]);
					if (v.hu()[z][i] < -900) air++;
				}
			double voxels = 96.0 * 96 * 24;
			assertTrue(organ / voxels > 0.005 && organ / voxels < 0.1, "organ share " + organ / voxels);
			assertTrue(air / voxels > 0.1, "air around the body");
			if (lesion > 0) lesionPhantoms++;
			assertEquals(v.lesions().length, 24);
		}
		assertTrue(lesionPhantoms >= 2, "most phantoms have lesions");
	}

	@Test
	void theSameSeedDrawsTheSamePhantom() {
		CtPhantom.Volume a = CtPhantom.generate(7, 64, 64, 12), b = CtPhantom.generate(7, 64, 64, 12);
		for (int z = 0; z < 12; z++) {
			assertArrayEquals(a.hu()[z], b.hu()[z]);
			assertArrayEquals(a.classes()[z], b.classes()[z]);
		}
	}

	@Test
	void aWrittenSeriesReadsBackInExactHounsfieldUnitsAndTheSpacing(@TempDir Path dir) throws Exception {
		CtPhantomSeries.write(dir.resolve("series"), 3, 64, 64, 10, "PHANTOM3");
		CtPhantom.Volume truth = CtPhantom.generate(3, 64, 64, 10);
		Path manifest = org.segloop.core.dicom.DicomInputs.expand(java.util.List.of(dir.resolve("series")), dir.resolve("manifests")).images().get(0);
		ImageVolume image = ImageSources.read(manifest);
		assertEquals(10, image.slices());
		assertEquals(0.7, image.calibration().pixelWidth(), 1e-9);
		assertEquals(2.5, image.calibration().pixelDepth(), 1e-9);
		for (int z = 0; z < 10; z++) {
			PlaneReader r = PlaneReader.of(image.plane(0, z, 0));
			for (int i = 0; i < 64 * 64; i++) assertEquals(truth.hu()[z][i], image.calibration().valueOffset() + image.calibration().valueSlope() * r.get(i), 1e-9);
		}
	}
}
