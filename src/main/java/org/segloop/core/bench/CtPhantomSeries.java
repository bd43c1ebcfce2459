package org.segloop.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

/**
 * Writes a {@link CtPhantom} as an axial CT series of single-frame DICOM files through PixelMed
 * (explicit VR little endian, HU = stored − 1024, the phantom's voxel size), one file per slice,
 * slice by slice so any size fits in a few planes of memory. The UIDs derive from the seed under
 * SegLoop's test root, so the same seed gives the same series. Blocking.
 */
public final class CtPhantomSeries {

	private static final String ROOT = "1.2.826.0.1.3680043.9.7.15";

	private CtPhantomSeries() {}

	/**
	 * @param patient name and ID written into the series (a phantom's, never a person's)
	 * @return the phantom's ground truth is not returned: draw it again with {@link CtPhantom#generate}
	 *         for the same seed and size
	 */
	public static void write(Path folder, long seed, int width, int height, int depth, String patient) throws IOException {
		Files.createDirectories(folder);
		String study = ROOT + "." + Long.toUnsignedString(seed) + ".1", series = study + ".1";
		new CtPhantom(seed, width, height, depth).slices(s -> {
			short[] stored = new short[s.hu().length];
			for (int i = 0; i < stored.length; i++) stored[i] = (short) (s.hu()[i] + 1024);
			AttributeList a = SyntheticCtSeries.slice(study, series, s.z(), width, height, stored, CtPhantom.SPACING[0], CtPhantom.SPACING[2]);
			SyntheticCtSeries.put(a, TagFromName.PatientName, "Phantom^" + patient);
			SyntheticCtSeries.put(a, TagFromName.PatientID, patient);
			SyntheticCtSeries.put(a, TagFromName.StudyDescription, "SegLoop CT phantom");
			SyntheticCtSeries.put(a, TagFromName.SeriesDescription, "phantom seed " + seed);
			SyntheticCtSeries.put(a, TagFromName.SeriesNumber, "1");
			SyntheticCtSeries.put(a, TagFromName.WindowCenter, "40");
			SyntheticCtSeries.put(a, TagFromName.WindowWidth, "400");
			SyntheticCtSeries.write(a, folder.resolve(String.format("slice_%03d.dcm", s.z() + 1)));
		});
	}
}
