package org.segloop.core.nifti;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A NIfTI-1 file as read: its dimensions, voxel type, value scaling and geometry, with the voxels.
 *
 * @param dims nx, ny, nz, nt, nc (1 where absent)
 * @param pixdim pixdim[0..7] (pixdim[0] is qfac)
 * @param qform voxel → RAS from the quaternion, or null when {@code qform_code} is 0
 * @param sform voxel → RAS from srow_x/y/z, or null when {@code sform_code} is 0
 * @param units xyzt_units
 * @param data the voxels (in the file's byte order) from the first voxel on
 */
public record NiftiImage(Path file, int[] dims, NiftiDataType type, double sclSlope, double sclInter, double[] pixdim, double[][] qform,
	double[][] sform, int units, ByteBuffer data)
{

	public int nx() {
		return dims[0];
	}

	public int ny() {
		return dims[1];
	}

	public int nz() {
		return dims[2];
	}

	public int nt() {
		return dims[3];
	}

	public int nc() {
		return dims[4];
	}

	/** The value at a flat index ({@code x + nx*(y + ny*(z + nz*(t + nt*c)))}) with scl_slope/scl_inter applied (when the slope is not 0). */
	public double value(long index) {
		double v = stored(index);
		return sclSlope != 0 && Double.isFinite(sclSlope) ? v * sclSlope + sclInter : v;
	}

	/** The stored value at a flat index, without scaling. */
	public double stored(long index) {
		return type.get(data, Math.toIntExact(index * type.bytes()));
	}

	/** The affine a NIfTI reader uses: the sform if set, else the qform, else pixdim on the diagonal. */
	public double[][] affine() {
		if (sform != null) return sform;
		if (qform != null) return qform;
		return new double[][] { { pixdim[1], 0, 0, 0 }, { 0, pixdim[2], 0, 0 }, { 0, 0, pixdim[3], 0 }, { 0, 0, 0, 1 } };
	}
}
