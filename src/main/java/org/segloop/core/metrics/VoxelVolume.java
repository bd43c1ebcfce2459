package org.segloop.core.metrics;

import java.util.Locale;

/**
 * The physical volume of one voxel, from the spacing and its unit. Only a length unit SegLoop
 * knows (mm, cm, m, µm) gives millilitres (1 mL = 1000 mm³); a voxel of unknown spacing (unit
 * "pixel" or none) or an unknown unit has no volume in mL, and {@link #note()} says why, so nobody
 * reads pixel counts as millilitres. Immutable.
 *
 * @param millilitres of one voxel, NaN when unknown
 * @param unit the spacing's unit as the image declares it
 * @param note why there is no volume in mL, or null when there is
 */
public record VoxelVolume(double millilitres, String unit, String note) {

	/**
	 * @param spacing x, y, z spacing in {@code unit}
	 * @param slices the image's slices: a single plane has an area, not a volume
	 */
	public static VoxelVolume of(double[] spacing, String unit, int slices) {
		String u = unit == null ? "" : unit.trim();
		if (slices < 2) return new VoxelVolume(Double.NaN, u, SINGLE_PLANE);
		double mmPerUnit = switch (u.toLowerCase(Locale.ROOT)) {
			case "mm", "millimeter", "millimetre", "millimeters", "millimetres" -> 1;
			case "cm", "centimeter", "centimetre" -> 10;
			case "m", "meter", "metre" -> 1000;
			case "µm", "um", "micron", "microns", "micrometer", "micrometre", "\u03bcm" -> 1e-3;
			default -> Double.NaN;
		};
		if (Double.isNaN(mmPerUnit)) return new VoxelVolume(Double.NaN, u, u.isEmpty() || u.equalsIgnoreCase("pixel") || u.equalsIgnoreCase("pixels")
			? "the image has no physical spacing (voxels only)" : "spacing in '" + u + "', not a length SegLoop converts to mL (voxels only)");
		for (double s : spacing)
			if (!(s > 0 && Double.isFinite(s))) return new VoxelVolume(Double.NaN, u, "the spacing is not a positive number (voxels only)");
		return new VoxelVolume(spacing[0] * spacing[1] * spacing[2] * mmPerUnit * mmPerUnit * mmPerUnit / 1000, u, null);
	}

	private static final String SINGLE_PLANE = "a single plane has an area, not a volume";

	/** Whether this is a plane's "voxel" (no volume at all, whatever the unit). */
	public boolean planar() {
		return SINGLE_PLANE.equals(note);
	}

	/** For images whose spacing is unknown. */
	public static VoxelVolume unknown() {
		return new VoxelVolume(Double.NaN, "pixel", "the image has no physical spacing (voxels only)");
	}

	public boolean known() {
		return note == null;
	}

	/** The volume of {@code voxels} voxels in mL, or null when it is not known. */
	public Double ml(long voxels) {
		return known() ? voxels * millilitres : null;
	}
}
