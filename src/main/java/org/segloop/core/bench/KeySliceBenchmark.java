package org.segloop.core.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.segloop.core.correction.KeySliceCorrection;
import org.segloop.core.correction.KeySlices;
import org.segloop.core.metrics.LabelVolume;

/**
 * Completing a CT volume (default 512 × 512 × 300) corrected on key slices: the proposal is a
 * {@link CtPhantom}'s organ and lesions, the annotator moved the labels 3 pixels on every
 * {@code step}-th slice that holds some, and {@link KeySliceCorrection#complete} interpolates the
 * gaps between. Reports the median time of a completion (wall and this thread's CPU) and per
 * interpolated slice. Blocking; holds
 * the proposal and the completed volume in memory (about 2 × 4 bytes per voxel).
 */
public final class KeySliceBenchmark {

	private KeySliceBenchmark() {}

	public static Map<String, Object> run(int size, int slices, int step, int repeats) throws IOException {
		if (step < 2) throw new IllegalArgumentException("the step between edited slices must be at least 2, not " + step);
		int[][] proposed = new int[slices][];
		new CtPhantom(11, size, size, slices).slices(s -> proposed[s.z()] = s.classes());
		int[][] painted = proposed.clone(); // unedited slices share the proposal's planes: they are equal by definition
		for (int z = 0; z < slices; z += step) {
			int[] moved = new int[size * size];
			for (int y = 0; y < size; y++) System.arraycopy(proposed[z], y * size, moved, y * size + 3, size - 3);
			if (!Arrays.equals(moved, proposed[z])) painted[z] = moved;
		}
		double[] spacing = { 0.7, 0.7, 2.5 };
		LabelVolume proposal = new LabelVolume(size, size, slices, 1, proposed, spacing), edited = new LabelVolume(size, size, slices, 1, painted, spacing);
		KeySlices options = KeySlices.interpolating(step);
		double[] seconds = new double[Math.max(1, repeats)], cpu = new double[seconds.length];
		// the completion runs on this thread alone: its CPU time is the figure a busy machine does not inflate
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		KeySliceCorrection.Result r = null;
		for (int i = 0; i < seconds.length; i++) {
			long t0 = System.nanoTime(), c0 = threads.getCurrentThreadCpuTime();
			r = KeySliceCorrection.complete(proposal, edited, options);
			seconds[i] = (System.nanoTime() - t0) / 1e9;
			cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
		}
		Arrays.sort(seconds);
		Arrays.sort(cpu);
		double median = seconds[seconds.length / 2];
		int interpolated = r.roles().interpolated().length;
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("volume", size + "x" + size + "x" + slices);
		m.put("editedSlices", r.roles().edited().length);
		m.put("interpolatedSlices", interpolated);
		m.put("keptSlices", r.roles().kept().length);
		m.put("seconds", median);
		m.put("cpuSeconds", cpu[cpu.length / 2]);
		if (interpolated > 0) m.put("msPerInterpolatedSlice", 1000 * median / interpolated);
		return m;
	}
}
