package org.segloop.core.dicom.seg;

import java.util.Locale;

/** Decimal strings (DS) of at most 16 characters, as precise as that allows. */
final class Decimals {

	private Decimals() {}

	static String of(double v) {
		for (int digits = 6; digits >= 0; digits--) {
			String s = String.format(Locale.ROOT, "%." + digits + "f", v);
			if (digits > 0) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
			if (s.equals("-0")) s = "0";
			if (s.length() <= 16) return s;
		}
		return String.format(Locale.ROOT, "%.8e", v);
	}

	static String of(double[] values) {
		StringBuilder b = new StringBuilder();
		for (double d : values) b.append(b.length() == 0 ? "" : "\\").append(of(d));
		return b.toString();
	}
}
