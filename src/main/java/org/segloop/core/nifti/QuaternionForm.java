package org.segloop.core.nifti;

/**
 * NIfTI's qform: a rotation as a unit quaternion (b, c, d; a ≥ 0 implied), a handedness flag
 * {@code qfac} (pixdim[0]), voxel sizes and an offset. It has no shear, so for a sheared affine
 * (a tilted gantry) it is the nearest orthogonal geometry: in-plane axes kept, the third axis along
 * their normal with the slice distance measured along it. Conversions follow nifti1_io.c
 * ({@code nifti_mat44_to_quatern}, {@code nifti_quatern_to_mat44}).
 *
 * @param spacing pixdim[1..3]
 * @param offset qoffset_x, _y, _z
 */
public record QuaternionForm(double b, double c, double d, double qfac, double[] spacing, double[] offset) {

	/** The qform nearest to a 4×4 voxel-to-RAS affine (row-major). */
	public static QuaternionForm of(double[][] m) {
		double[] c0 = column(m, 0), c1 = column(m, 1), c2 = column(m, 2);
		double sx = norm(c0), sy = norm(c1);
		double[] u0 = scale(c0, 1 / sx);
		double[] u1 = minus(scale(c1, 1 / sy), scale(u0, dot(u0, scale(c1, 1 / sy)))); // orthogonal to u0
		u1 = scale(u1, 1 / norm(u1));
		double[] u2 = cross(u0, u1);
		double along = dot(c2, u2); // slice distance along the normal (a shear's part is dropped)
		double qfac = along < 0 ? -1 : 1;
		double sz = Math.abs(along);
		double[][] r = { { u0[0], u1[0], u2[0] }, { u0[1], u1[1], u2[1] }, { u0[2], u1[2], u2[2] } };
		double a = r[0][0] + r[1][1] + r[2][2] + 1, b, c, d;
		if (a > 0.5) {
			a = 0.5 * Math.sqrt(a);
			b = 0.25 * (r[2][1] - r[1][2]) / a;
			c = 0.25 * (r[0][2] - r[2][0]) / a;
			d = 0.25 * (r[1][0] - r[0][1]) / a;
		}
		else {
			double xd = 1 + r[0][0] - (r[1][1] + r[2][2]), yd = 1 + r[1][1] - (r[0][0] + r[2][2]), zd = 1 + r[2][2] - (r[0][0] + r[1][1]);
			if (xd > 1) {
				b = 0.5 * Math.sqrt(xd);
				c = 0.25 * (r[0][1] + r[1][0]) / b;
				d = 0.25 * (r[0][2] + r[2][0]) / b;
				a = 0.25 * (r[2][1] - r[1][2]) / b;
			}
			else if (yd > 1) {
				c = 0.5 * Math.sqrt(yd);
				b = 0.25 * (r[0][1] + r[1][0]) / c;
				d = 0.25 * (r[1][2] + r[2][1]) / c;
				a = 0.25 * (r[0][2] - r[2][0]) / c;
			}
			else {
				d = 0.5 * Math.sqrt(zd);
				b = 0.25 * (r[0][2] + r[2][0]) / d;
				c = 0.25 * (r[1][2] + r[2][1]) / d;
				a = 0.25 * (r[1][0] - r[0][1]) / d;
			}
			if (a < 0) {
				b = -b;
				c = -c;
				d = -d;
			}
		}
		return new QuaternionForm(b, c, d, qfac, new double[] { sx, sy, sz }, new double[] { m[0][3], m[1][3], m[2][3] });
	}

	/** The 4×4 voxel-to-RAS affine this qform stands for. */
	public double[][] matrix() {
		double a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
		double[][] r = {
			{ a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c) },
			{ 2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b) },
			{ 2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b } };
		double[][] m = new double[4][4];
		for (int i = 0; i < 3; i++) {
			m[i][0] = r[i][0] * spacing[0];
			m[i][1] = r[i][1] * spacing[1];
			m[i][2] = r[i][2] * spacing[2] * (qfac < 0 ? -1 : 1);
			m[i][3] = offset[i];
		}
		m[3][3] = 1;
		return m;
	}

	private static double[] column(double[][] m, int j) {
		return new double[] { m[0][j], m[1][j], m[2][j] };
	}

	private static double norm(double[] v) {
		return Math.sqrt(dot(v, v));
	}

	private static double dot(double[] a, double[] b) {
		return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
	}

	private static double[] scale(double[] v, double s) {
		return new double[] { v[0] * s, v[1] * s, v[2] * s };
	}

	private static double[] minus(double[] a, double[] b) {
		return new double[] { a[0] - b[0], a[1] - b[1], a[2] - b[2] };
	}

	private static double[] cross(double[] a, double[] b) {
		return new double[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0] };
	}
}
