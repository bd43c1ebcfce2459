package org.segloop.core.dicom;

/** The little 3D vector algebra series geometry needs. */
final class Vectors {

	private Vectors() {}

	static double[] cross(double[] a, double[] b) {
		return new double[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0] };
	}

	static double dot(double[] a, double[] b) {
		return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
	}

	static double[] minus(double[] a, double[] b) {
		return new double[] { a[0] - b[0], a[1] - b[1], a[2] - b[2] };
	}

	static double[] scale(double[] a, double s) {
		return new double[] { a[0] * s, a[1] * s, a[2] * s };
	}

	static double norm(double[] a) {
		return Math.sqrt(dot(a, a));
	}
}
