package org.segloop.core.nifti;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import org.segloop.core.image.ImageInputException;

/**
 * Reads NIfTI-1 single files ({@code .nii}, {@code .nii.gz}) of either byte order with up to five
 * dimensions and the integer or float voxel types of {@link NiftiDataType}. Refuses NIfTI-2,
 * header/image pairs ({@code .hdr}/{@code .img}), other voxel types and truncated files with an
 * {@link ImageInputException} that names the file and what to do. Blocking; stateless.
 */
public final class NiftiReader {

	/** The largest file SegLoop reads (the voxels are held in one buffer). */
	private static final long MAX_BYTES = Integer.MAX_VALUE - 1024;

	private NiftiReader() {}

	/** Whether the file name ends in .nii or .nii.gz. */
	public static boolean isNifti(Path file) {
		String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
		return n.endsWith(".nii") || n.endsWith(".nii.gz");
	}

	public static NiftiImage read(Path file) {
		byte[] bytes;
		try (InputStream raw = Files.newInputStream(file)) {
			InputStream in = raw;
			if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) in = new GZIPInputStream(raw, 1 << 16);
			bytes = in.readNBytes((int) Math.min(MAX_BYTES, Integer.MAX_VALUE - 8));
		}
		catch (IOException e) {
			throw new ImageInputException(file, "cannot be read as NIfTI: " + e.getMessage(), "check that the file is a complete .nii or .nii.gz file");
		}
		if (bytes.length < 348) throw bad(file, "is too short for a NIfTI-1 header (" + bytes.length + " bytes)");
		ByteBuffer h = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		if (h.getInt(0) != 348) {
			h.order(ByteOrder.BIG_ENDIAN);
			if (h.getInt(0) != 348) {
				if (h.getInt(0) == 540 || Integer.reverseBytes(h.getInt(0)) == 540)
					throw new ImageInputException(file, "is NIfTI-2; SegLoop reads NIfTI-1", "save it as NIfTI-1 (e.g. nibabel's Nifti1Image)");
				throw bad(file, "does not start with a NIfTI-1 header");
			}
		}
		String magic = new String(bytes, 344, 3, java.nio.charset.StandardCharsets.US_ASCII);
		if (!magic.equals("n+1")) throw new ImageInputException(file, "is not a single-file NIfTI-1 image (magic '" + magic.trim() + "')",
			"save the image and header as one .nii.gz file");
		int rank = h.getShort(40);
		if (rank < 1 || rank > 7) throw bad(file, "declares " + rank + " dimensions");
		int[] dims = { 1, 1, 1, 1, 1 };
		long voxels = 1;
		for (int i = 1; i <= rank; i++) {
			int n = h.getShort(40 + 2 * i);
			if (n < 1) throw bad(file, "has a dimension of size " + n);
			if (i <= 5) dims[i - 1] = n;
			else if (n > 1) throw new ImageInputException(file, "has " + rank + " dimensions; SegLoop reads up to five (x, y, z, time, channels)",
				"save it with at most five dimensions");
			voxels *= n;
		}
		NiftiDataType type = NiftiDataType.of(h.getShort(70));
		if (type == null) throw new ImageInputException(file, "stores voxels of NIfTI data type " + h.getShort(70) + ", which SegLoop does not read",
			"save it as 8/16/32-bit integers or 32/64-bit floats");
		long offset = (long) h.getFloat(108);
		if (offset < 348) offset = 352;
		if (offset + voxels * type.bytes() > bytes.length) throw new ImageInputException(file, "holds fewer voxels than its header declares ("
			+ describe(dims) + "); it is truncated or too large", "save the image again");
		double[] pixdim = new double[8];
		for (int i = 0; i < 8; i++) pixdim[i] = h.getFloat(76 + 4 * i);
		double[][] qform = h.getShort(252) > 0 ? qform(h, pixdim) : null;
		double[][] sform = h.getShort(254) > 0 ? sform(h) : null;
		ByteBuffer data = ByteBuffer.wrap(bytes, (int) offset, bytes.length - (int) offset).slice().order(h.order());
		return new NiftiImage(file, dims, type, h.getFloat(112), h.getFloat(116), pixdim, qform, sform, h.get(123) & 0xff, data);
	}

	private static double[][] qform(ByteBuffer h, double[] pixdim) {
		double[] spacing = { pixdim[1], pixdim[2], pixdim[3] };
		double[] offset = { h.getFloat(268), h.getFloat(272), h.getFloat(276) };
		return new QuaternionForm(h.getFloat(256), h.getFloat(260), h.getFloat(264), pixdim[0] < 0 ? -1 : 1, spacing, offset).matrix();
	}

	private static double[][] sform(ByteBuffer h) {
		double[][] m = new double[4][4];
		for (int r = 0; r < 3; r++)
			for (int c = 0; c < 4; c++) m[r][c] = h.getFloat(280 + 16 * r + 4 * c);
		m[3][3] = 1;
		return m;
	}

	static String describe(int[] d) {
		StringBuilder b = new StringBuilder().append(d[0]).append('×').append(d[1]);
		for (int i = 2; i < 5; i++) if (d[i] > 1 || i == 2) b.append('×').append(d[i]);
		return b.toString();
	}

	private static ImageInputException bad(Path file, String problem) {
		return new ImageInputException(file, problem + "; it is not a readable NIfTI-1 file", "save it as NIfTI-1 (.nii.gz)");
	}
}
