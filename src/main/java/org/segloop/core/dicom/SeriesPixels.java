package org.segloop.core.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;

import org.segloop.core.SegLoopException;
import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.Planes;

/**
 * Reads a registered series' pixels into one volume: each file once (hashed in the same pass and
 * checked against the hash it was registered with, so a changed slice is never used), files in
 * parallel on the common fork-join pool, frames decoded by PixelMed, stored values kept and the
 * rescale as the calibration, so physical values (HU) are exact. Signed 16-bit values are shifted into the unsigned range ImageJ works in,
 * with the intercept moved by the same amount; slices whose rescale differs (as in PET) are stored
 * as physical float values instead.
 */
final class SeriesPixels {

	private SeriesPixels() {}

	static ImageVolume read(DicomSeries s, Path manifest) {
		requireWithinBudget(s, manifest);
		Map<String, List<Integer>> byFile = new LinkedHashMap<>();
		for (int z = 0; z < s.depth(); z++) byFile.computeIfAbsent(s.slices().get(z).file(), k -> new ArrayList<>()).add(z);
		Object[][] planes = new Object[s.depth()][]; // per slice: one array per channel
		double[][] rescale = new double[s.depth()][];
		// files in parallel (hashing and decoding dominate); errors reported for the first bad file in slice order
		List<FileResult> results = byFile.entrySet().parallelStream().map(e -> readFile(s, Path.of(e.getKey()), e.getValue(), planes, rescale)).toList();
		for (FileResult r : results)
			if (r.error() != null) throw r.error();
		int bits = 0;
		boolean signed = false;
		for (FileResult r : results) {
			if (bits != 0 && bits != r.bits()) throw new ImageInputException(r.file(), "stores " + r.bits() + "-bit pixels where the series' other files store " + bits,
				"export the series again from the archive");
			bits = r.bits();
			signed |= r.signed();
		}
		return volume(s, manifest, planes, rescale, signed, bits);
	}

	/** What one file contributed, or why it could not. */
	private record FileResult(Path file, int bits, boolean signed, SegLoopException error) {}

	/**
	 * Reads one file once — hash, header and pixels in one pass — checks it is the file that was
	 * registered, and puts its frames' planes and rescales at their slice indices {@code zs}.
	 */
	private static FileResult readFile(DicomSeries s, Path file, List<Integer> zs, Object[][] planes, double[][] rescale) {
		try {
			DicomSeries.Slice firstSlice = s.slices().get(zs.get(0));
			if (!java.nio.file.Files.isRegularFile(file)) throw new ImageInputException(file, "is a slice of a registered DICOM series but is gone",
				"put the file back where it was, or remove the series from the project");
			DicomFiles.Hashed read;
			try {
				read = DicomFiles.readAndHash(file, false);
			}
			catch (ImageInputException e) {
				// PixelMed fails on pixel data it has no codec for, or that its codec cannot decode: say which encoding it is
				AttributeList header = DicomFiles.header(file);
				TransferSyntaxes.requireDecodable(file, header);
				String codec = TransferSyntaxes.compressedName(DicomFiles.string(header, TagFromName.TransferSyntaxUID));
				if (codec == null) throw e;
				String why = e.getCause() == null || e.getCause().getMessage() == null ? "" : " (" + e.getCause().getMessage() + ")";
				throw new ImageInputException(file, "holds " + codec + " compressed pixel data that cannot be decoded" + why + "; the file is damaged",
					"replace the file with an intact copy from the archive or PACS", e);
			}
			if (!read.sha256().equals(firstSlice.sha256())) throw new ImageInputException(file, "changed after its series was registered",
				"restore the original file, or, if the new content is meant, replace the registered series with it");
			AttributeList a = read.list();
			TransferSyntaxes.requireDecodable(file, a);
			int bits = DicomFiles.integer(a, TagFromName.BitsAllocated, 16);
			boolean signed = DicomFiles.integer(a, TagFromName.PixelRepresentation, 0) == 1;
			List<FrameHeader> frames = FrameHeader.of(file, firstSlice.sha256(), a);
			Object values = values(file, a, bits);
			int plane = s.rows() * s.columns(), spp = s.samplesPerPixel();
			boolean planar = DicomFiles.string(a, TagFromName.PlanarConfiguration).equals("1");
			for (int z : zs) {
				int f = s.slices().get(z).frame();
				if (f >= frames.size()) throw new ImageInputException(file, "has fewer frames than when it was registered", "add the series again");
				rescale[z] = frames.get(f).rescale();
				planes[z] = split(file, values, f, plane, spp, planar);
			}
			return new FileResult(file, bits, signed, null);
		}
		catch (SegLoopException e) {
			return new FileResult(file, 0, false, e);
		}
	}

	/**
	 * Refuses a series whose declared size would not fit in the memory left (as ImageJ-read images
	 * are, with the same {@code -Dsegloop.maxImageBytes} budget), before anything is allocated: a
	 * damaged or hostile header gets a clear error, not an OutOfMemoryError.
	 */
	private static void requireWithinBudget(DicomSeries s, Path manifest) {
		long declared = 2L * s.rows() * s.columns() * Math.max(1, s.samplesPerPixel()) * s.depth();
		Runtime rt = Runtime.getRuntime();
		long budget = Long.getLong("segloop.maxImageBytes", (long) ((rt.maxMemory() - (rt.totalMemory() - rt.freeMemory())) * 0.8));
		if (declared > budget || (long) s.rows() * s.columns() * Math.max(1, s.samplesPerPixel()) > Integer.MAX_VALUE / 2)
			throw new ImageInputException(s.slices().get(0).path(), String.format(java.util.Locale.ROOT,
				"declares %d × %d pixels × %d slices (%d MB), more than the %d MB this program can hold", s.columns(), s.rows(), s.depth(),
				declared >> 20, budget >> 20), "check that the files are not damaged; for genuinely large series give Java more memory (-Xmx)");
	}

	/** All frames' stored values: byte[] for 8-bit, short[] for 16-bit. */
	private static Object values(Path file, AttributeList a, int bits) {
		Attribute px = a.getPixelData();
		// PixelMed drops pixel data that the file ends in the middle of: for an image, that is a truncated file
		if (px == null) throw new ImageInputException(file, "is truncated: its header declares a " + DicomFiles.integer(a, TagFromName.Columns, 0) + " × "
			+ DicomFiles.integer(a, TagFromName.Rows, 0) + " image but the file ends before its pixel data are complete",
			"the file was not copied completely; copy or export it again from the archive");
		Object values = null;
		try {
			if (bits == 8) values = px.getByteValues();
			else if (bits == 16) values = px.getShortValues();
		}
		catch (DicomException | RuntimeException e) {
			throw DicomFiles.unreadable(file, e);
		}
		if (bits != 8 && bits != 16) throw new ImageInputException(file, "stores " + bits + "-bit pixels; SegLoop reads 8- and 16-bit DICOM images",
			"convert the series to 16 bits per pixel");
		// an empty PixelData element (length 0): PixelMed gives no array at all
		if (values == null || java.lang.reflect.Array.getLength(values) == 0) throw new ImageInputException(file,
			"has no pixel data (its PixelData element is empty) although its header declares a " + DicomFiles.integer(a, TagFromName.Columns, 0)
				+ " × " + DicomFiles.integer(a, TagFromName.Rows, 0) + " image", "replace the file with an intact copy from the archive or export the series again");
		return values;
	}

	/** One frame's channels as separate planes. */
	private static Object[] split(Path file, Object values, int frame, int plane, int spp, boolean planar) {
		int length = values instanceof byte[] b ? b.length : ((short[]) values).length;
		int start = frame * plane * spp;
		if (start + plane * spp > length) throw new ImageInputException(file, "holds fewer pixels than its Rows × Columns × frames declare; it is truncated",
			"replace the file with an intact copy from the archive");
		if (spp == 1 && start == 0 && length == plane) return new Object[] { values }; // one grey frame: PixelMed's array as it is
		Object[] out = new Object[spp];
		for (int c = 0; c < spp; c++) {
			Object p = values instanceof byte[] ? new byte[plane] : new short[plane];
			for (int i = 0; i < plane; i++) {
				int src = start + (planar ? c * plane + i : i * spp + c);
				if (p instanceof byte[] bp) bp[i] = ((byte[]) values)[src];
				else ((short[]) p)[i] = ((short[]) values)[src];
			}
			out[c] = p;
		}
		return out;
	}

	private static ImageVolume volume(DicomSeries s, Path manifest, Object[][] planes, double[][] rescale, boolean signed, int bits) {
		boolean uniform = true;
		for (double[] r : rescale) uniform &= r[0] == rescale[0][0] && r[1] == rescale[0][1];
		double slope = rescale[0][0], intercept = rescale[0][1];
		String unit = s.modality().equals("CT") ? "HU" : "";
		List<Object> list = new ArrayList<>();
		double offset = intercept;
		for (int z = 0; z < planes.length; z++)
			for (Object p : planes[z]) {
				if (!uniform) list.add(physical(p, signed, rescale[z]));
				else if (signed && p instanceof short[] sp) {
					for (int i = 0; i < sp.length; i++) sp[i] = (short) (sp[i] + 32768); // two's complement → offset binary
					list.add(sp);
				}
				else if (signed) {
					byte[] bp = (byte[]) p;
					for (int i = 0; i < bp.length; i++) bp[i] = (byte) (bp[i] + 128);
					list.add(bp);
				}
				else list.add(p);
			}
		if (uniform && signed) offset = intercept - slope * (bits == 8 ? 128 : 32768);
		Calibration cal = uniform ? new Calibration(s.columnSpacing(), s.rowSpacing(), s.sliceSpacing(), "mm", offset, slope, unit)
			: new Calibration(s.columnSpacing(), s.rowSpacing(), s.sliceSpacing(), "mm", 0, 1, unit);
		return Planes.volume(list, new long[] { s.columns(), s.rows(), s.samplesPerPixel(), s.depth(), 1 }, cal, s.displayName(), manifest);
	}

	private static float[] physical(Object p, boolean signed, double[] r) {
		float[] out;
		if (p instanceof short[] sp) {
			out = new float[sp.length];
			for (int i = 0; i < sp.length; i++) out[i] = (float) (r[0] * (signed ? sp[i] : sp[i] & 0xFFFF) + r[1]);
		}
		else {
			byte[] bp = (byte[]) p;
			out = new float[bp.length];
			for (int i = 0; i < bp.length; i++) out[i] = (float) (r[0] * (signed ? bp[i] : bp[i] & 0xFF) + r[1]);
		}
		return out;
	}
}
