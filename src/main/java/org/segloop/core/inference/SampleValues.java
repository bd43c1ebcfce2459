package org.segloop.core.inference;

import java.util.Arrays;
import java.util.List;

import org.segloop.core.image.PlaneReader;

/**
 * The multiset of finite values of one normalisation group (one channel, or all channels when
 * statistics are joint) of one sample, supporting exact order statistics and moments. Integer
 * images use a histogram (exact and O(1) memory in the image size); float images use a sorted
 * copy, sub-sampled on a regular grid above {@link #MAX_SORTED} values.
 */
final class SampleValues {

	static final int MAX_SORTED = 1 << 24;

	private final int[] histogram; // integer data: count per stored value
	private final float[] sorted; // float data
	private final long count;
	private final long nonFinite;

	private SampleValues(int[] histogram, float[] sorted, long count, long nonFinite) {
		this.histogram = histogram;
		this.sorted = sorted;
		this.count = count;
		this.nonFinite = nonFinite;
	}

	/** @param planes readers of plane arrays of equal type; @param sizes values per plane */
	static SampleValues of(List<Object> planes) {
		Object first = planes.get(0);
		if (first instanceof byte[] || first instanceof short[]) {
			int[] hist = new int[first instanceof byte[] ? 256 : 65536];
			long n = 0;
			for (Object p : planes) {
				if (p instanceof byte[] b) for (byte v : b) hist[v & 0xff]++;
				else for (short v : (short[]) p) hist[v & 0xffff]++;
				n += java.lang.reflect.Array.getLength(p);
			}
			return new SampleValues(hist, null, n, 0);
		}
		long total = 0;
		for (Object p : planes) total += java.lang.reflect.Array.getLength(p);
		long stride = Math.max(1, (total + MAX_SORTED - 1) / MAX_SORTED);
		float[] values = new float[(int) Math.min(total, MAX_SORTED + planes.size())];
		int n = 0;
		long bad = 0;
		long global = 0;
		for (Object p : planes) {
			PlaneReader r = PlaneReader.of(p);
			int len = java.lang.reflect.Array.getLength(p);
			for (int i = 0; i < len; i++, global++) {
				float v = r.get(i);
				if (!Float.isFinite(v)) {
					bad++;
					continue;
				}
				if (global % stride == 0 && n < values.length) values[n++] = v;
			}
		}
		float[] s = Arrays.copyOf(values, n);
		Arrays.sort(s);
		return new SampleValues(null, s, s.length, bad);
	}

	long count() {
		return count;
	}

	long nonFinite() {
		return nonFinite;
	}

	/** The k-th smallest value (0-based). */
	double orderStatistic(long k) {
		if (sorted != null) return sorted[(int) k];
		long seen = 0;
		for (int v = 0; v < histogram.length; v++) {
			seen += histogram[v];
			if (seen > k) return v;
		}
		return histogram.length - 1;
	}

	/** Percentile of f(values) with numpy's linear interpolation, for monotone f. */
	double percentile(double q, ValuePipeline f) {
		if (count == 0) return 0;
		double rank = q / 100 * (count - 1);
		long lo = (long) Math.floor(rank);
		long hi = Math.min(count - 1, lo + 1);
		double frac = rank - lo;
		boolean up = f.direction() > 0;
		double a = f.apply(orderStatistic(up ? lo : count - 1 - lo));
		double b = f.apply(orderStatistic(up ? hi : count - 1 - hi));
		return a + frac * (b - a);
	}

	/** Mean and population standard deviation of f(values), in two passes for precision. */
	double[] meanStd(ValuePipeline f) {
		if (count == 0) return new double[] { 0, 0 };
		double sum = 0;
		if (histogram != null) for (int v = 0; v < histogram.length; v++) {
			if (histogram[v] != 0) sum += f.apply(v) * histogram[v];
		}
		else for (float v : sorted) sum += f.apply(v);
		double mean = sum / count;
		double ss = 0;
		if (histogram != null) for (int v = 0; v < histogram.length; v++) {
			if (histogram[v] == 0) continue;
			double d = f.apply(v) - mean;
			ss += d * d * histogram[v];
		}
		else for (float v : sorted) {
			double d = f.apply(v) - mean;
			ss += d * d;
		}
		return new double[] { mean, Math.sqrt(ss / count) };
	}
}
