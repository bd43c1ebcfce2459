package org.segloop.core.model;

/** How large a tensor axis may be: one size, a parameterised family, or another axis's size. */
public sealed interface AxisSize {

	/** Largest size, min, step or |offset| an axis may declare: 2^20 pixels, far beyond any tile a model runs on. */
	int MAX_DECLARED = 1 << 20;

	/** Largest |offset| between an output and its input axis: outputs are at input resolution, give or take a border. */
	int MAX_OFFSET = 4096;

	/** Exactly {@code size}. */
	record Fixed(int size) implements AxisSize {}

	/** {@code min + n * step} for any n ≥ 0; step 0 means exactly min. */
	record Parameterized(int min, int step) implements AxisSize {}

	/** {@code size(tensorId.axisId) * scale + offset}, as outputs usually declare. */
	record Referenced(String tensorId, String axisId, double scale, int offset) implements AxisSize {}

	/** Nothing declared: any size the runtime accepts. */
	record Any() implements AxisSize {}

	/** The smallest admissible size that is ≥ {@code wanted}; fixed sizes return themselves. */
	default int atLeast(int wanted) {
		if (this instanceof Fixed f) return f.size();
		if (this instanceof Parameterized p) {
			if (wanted <= p.min() || p.step() == 0) return p.min();
			int n = (wanted - p.min() + p.step() - 1) / p.step();
			return p.min() + n * p.step();
		}
		return Math.max(1, wanted);
	}

	/** Whether {@code size} is admissible (references are checked elsewhere). */
	default boolean admits(int size) {
		if (this instanceof Fixed f) return size == f.size();
		if (this instanceof Parameterized p)
			return size >= p.min() && (p.step() == 0 ? size == p.min() : (size - p.min()) % p.step() == 0);
		return size > 0;
	}
}
