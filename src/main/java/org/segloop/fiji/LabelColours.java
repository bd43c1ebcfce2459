package org.segloop.fiji;

import java.awt.Color;

import ij.process.LUT;

/** A lookup table that gives neighbouring labels well-separated colours (golden-angle hues), 0 black. */
final class LabelColours {

	private LabelColours() {}

	static LUT lut() {
		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		for (int i = 1; i < 256; i++) {
			int rgb = Color.HSBtoRGB((i * 0.618034f) % 1f, 0.8f, 1f);
			r[i] = (byte) (rgb >> 16);
			g[i] = (byte) (rgb >> 8);
			b[i] = (byte) rgb;
		}
		return new LUT(r, g, b);
	}
}
