package org.segloop.core.nifti;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one NIfTI-1 single file ({@code .nii.gz} gzip-compressed, else {@code .nii}), little endian:
 * the 348-byte header, 4 bytes of (no) extension, then the voxels with x fastest, then y, z, t and
 * the fifth dimension (channels). The affine is stored twice, exactly as the sform
 * ({@code sform_code} 1, scanner anatomical) and as the nearest {@link QuaternionForm} (qform,
 * code 1); {@code scl_slope} 1 and {@code scl_inter} 0, so stored values are the values.
 *
 * <p>Written to a temporary file next to the target and moved into place, so a failure never leaves
 * a partial file. Blocking; stateless.
 */
public final class NiftiWriter {

	/** xyzt_units: millimetres. */
	public static final int UNITS_MM = 2;
	/** xyzt_units: micrometres. */
	public static final int UNITS_MICRON = 3;
	/** xyzt_units: unknown. */
	public static final int UNITS_UNKNOWN = 0;

	/** The value of every voxel: {@code plane = z + nz * (t + nt * c)}, {@code index = x + nx * y}. */
	@FunctionalInterface
	public interface Voxels {
		double value(int plane, int index);
	}

	/**
	 * What to write.
	 *
	 * @param dims nx, ny, nz, nt, nc (1 where absent)
	 * @param affine 4×4 row-major voxel index → RAS (NIfTI world) coordinates
	 * @param units xyzt_units code ({@link #UNITS_MM}...)
	 * @param type voxel type; values must fit it (they are cast)
	 * @param description descrip field (≤ 79 ASCII characters kept)
	 */
	public record Content(int[] dims, double[][] affine, int units, NiftiDataType type, Voxels voxels, String description) {}

	private NiftiWriter() {}

	public static void write(Content content, Path file) throws IOException {
		Path dir = file.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		Path tmp = Files.createTempFile(dir, ".nifti", ".tmp");
		try {
			try (OutputStream raw = Files.newOutputStream(tmp);
				OutputStream out = new BufferedOutputStream(file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw, 1 << 16))
			{
				out.write(header(content).array());
				int[] d = content.dims();
				int planes = d[2] * d[3] * d[4], n = d[0] * d[1];
				ByteBuffer plane = ByteBuffer.allocate(n * content.type().bytes()).order(ByteOrder.LITTLE_ENDIAN);
				for (int p = 0; p < planes; p++) {
					plane.clear();
					for (int i = 0; i < n; i++) content.type().put(plane, content.voxels().value(p, i));
					out.write(plane.array(), 0, plane.position());
				}
			}
			Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	static ByteBuffer header(Content c) {
		int[] d = c.dims();
		int rank = d[4] > 1 ? 5 : d[3] > 1 ? 4 : 3;
		ByteBuffer h = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
		h.putInt(0, 348);
		h.put(38, (byte) 'r');
		h.putShort(40, (short) rank);
		for (int i = 0; i < 5; i++) h.putShort(42 + 2 * i, (short) d[i]);
		for (int i = 5; i < 7; i++) h.putShort(42 + 2 * i, (short) 1);
		h.putShort(70, (short) c.type().code);
		h.putShort(72, (short) c.type().bitsPerVoxel);
		QuaternionForm q = QuaternionForm.of(c.affine());
		float[] pixdim = { (float) q.qfac(), (float) q.spacing()[0], (float) q.spacing()[1], (float) q.spacing()[2], 1, 1, 1, 1 };
		for (int i = 0; i < 8; i++) h.putFloat(76 + 4 * i, pixdim[i]);
		h.putFloat(108, 352); // vox_offset
		h.putFloat(112, 1); // scl_slope
		h.putFloat(116, 0); // scl_inter
		h.put(123, (byte) c.units());
		byte[] text = (c.description() == null ? "" : c.description()).replaceAll("[^\\x20-\\x7e]", "?").getBytes(StandardCharsets.US_ASCII);
		h.position(148);
		h.put(text, 0, Math.min(79, text.length));
		h.putShort(252, (short) 1); // qform_code: scanner anatomical
		h.putShort(254, (short) 1); // sform_code: scanner anatomical
		h.putFloat(256, (float) q.b());
		h.putFloat(260, (float) q.c());
		h.putFloat(264, (float) q.d());
		for (int i = 0; i < 3; i++) h.putFloat(268 + 4 * i, (float) q.offset()[i]);
		for (int r = 0; r < 3; r++)
			for (int col = 0; col < 4; col++) h.putFloat(280 + 16 * r + 4 * col, (float) c.affine()[r][col]);
		h.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1').put(347, (byte) 0);
		return h;
	}
}
