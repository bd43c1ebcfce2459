package org.segloop.core.inference;

import java.util.List;

import org.segloop.core.model.AxisDescription;
import org.segloop.core.model.AxisType;
import org.segloop.core.model.TensorDescription;

/**
 * Where each logical axis (channel, z, y, x) of a concrete tensor shape lives in the flat buffer,
 * whatever order the model declares (NCHW, NHWC, NCZYX, …). Missing axes have size 1, stride 0.
 */
record TensorLayout(long[] shape, int channels, int depth, int height, int width, int cStride, int zStride,
	int yStride, int xStride)
{

	/** @param spatial sizes in model order of the tensor's space axes, e.g. [h, w] or [d, h, w] */
	static TensorLayout of(TensorDescription tensor, int channels, int[] spatial) {
		List<AxisDescription> axes = tensor.axes();
		long[] shape = new long[axes.size()];
		int s = 0;
		for (int i = 0; i < axes.size(); i++) {
			AxisDescription a = axes.get(i);
			shape[i] = switch (a.type()) {
				case CHANNEL -> channels;
				case SPACE -> spatial[s++];
				default -> 1;
			};
		}
		int[] strides = new int[axes.size()];
		int stride = 1;
		for (int i = axes.size() - 1; i >= 0; i--) {
			strides[i] = stride;
			stride = Math.multiplyExact(stride, (int) shape[i]);
		}
		int c = 0, z = 0, y = 0, x = 0, depth = 1, height = 1, width = 1;
		for (int i = 0; i < axes.size(); i++) {
			AxisDescription a = axes.get(i);
			if (a.type() == AxisType.CHANNEL) c = strides[i];
			else if (a.type() == AxisType.SPACE) switch (a.id()) {
				case "z" -> { z = strides[i]; depth = (int) shape[i]; }
				case "y" -> { y = strides[i]; height = (int) shape[i]; }
				case "x" -> { x = strides[i]; width = (int) shape[i]; }
				default -> throw new IllegalArgumentException("space axis " + a.id());
			}
		}
		return new TensorLayout(shape, channels, depth, height, width, c, z, y, x);
	}

	int size() {
		return channels * depth * height * width;
	}

	int index(int c, int z, int y, int x) {
		return c * cStride + z * zStride + y * yStride + x * xStride;
	}
}
