package org.segloop.core.training;

import java.util.Arrays;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.segloop.core.model.ModelPackageException;

/**
 * The twin's classes (argmax) of a whole volume, predicted tile by tile so that memory stays that
 * of one tile whatever the volume's size: each tile is {@link VolumeShapes#tile()} voxels (mirrored
 * beyond the volume's edges), and only its core inside the output halo is kept; cores tile the
 * volume without overlap. Blocking; not thread-safe (uses the twin).
 */
final class VolumeTiles {

	private VolumeTiles() {}

	/** @return {@code [(z * height + y) * width + x]} */
	static int[] predict(TorchScriptTwin twin, TrainingSample s, VolumeShapes shapes) {
		int[] extent = { s.depth(), s.height(), s.width() };
		int[] tile = shapes.tile(), halo = shapes.halo(), core = new int[3], count = new int[3];
		for (int a = 0; a < 3; a++) {
			core[a] = tile[a] - 2 * halo[a];
			count[a] = (extent[a] + core[a] - 1) / core[a];
		}
		int[] out = new int[(int) s.voxels()];
		int tileVoxels = tile[0] * tile[1] * tile[2];
		float[] in = new float[s.channels() * tileVoxels];
		long volume = s.voxels();
		for (int tz = 0; tz < count[0]; tz++)
			for (int ty = 0; ty < count[1]; ty++)
				for (int tx = 0; tx < count[2]; tx++) {
					int[] start = { tz * core[0], ty * core[1], tx * core[2] };
					int[][] src = new int[3][];
					for (int a = 0; a < 3; a++) {
						src[a] = new int[tile[a]];
						for (int i = 0; i < tile[a]; i++) src[a][i] = CropSampler.mirror(start[a] - halo[a] + i, extent[a]);
					}
					for (int c = 0; c < s.channels(); c++)
						for (int z = 0, dst = c * tileVoxels; z < tile[0]; z++)
							for (int y = 0; y < tile[1]; y++) {
								int row = (int) (c * volume) + (src[0][z] * s.height() + src[1][y]) * s.width();
								for (int x = 0; x < tile[2]; x++) in[dst++] = s.image()[row + src[2][x]];
							}
					int[] classes = argmax(twin, in, new Shape(1, s.channels(), tile[0], tile[1], tile[2]));
					for (int z = 0; z < Math.min(core[0], extent[0] - start[0]); z++)
						for (int y = 0; y < Math.min(core[1], extent[1] - start[1]); y++) {
							int from = ((halo[0] + z) * tile[1] + halo[1] + y) * tile[2] + halo[2];
							int to = ((start[0] + z) * s.height() + start[1] + y) * s.width() + start[2];
							System.arraycopy(classes, from, out, to, Math.min(core[2], extent[2] - start[2]));
						}
				}
		return out;
	}

	private static int[] argmax(TorchScriptTwin twin, float[] in, Shape shape) {
		try (NDManager m = twin.model().getNDManager().newSubManager()) {
			NDArray logits = twin.logits(m, in, shape);
			long[] got = logits.getShape().getShape();
			if (got.length != 5 || got[2] != shape.get(2) || got[3] != shape.get(3) || got[4] != shape.get(4))
				throw new ModelPackageException(twin.modelPackage().description().torchscript().source(),
					"returns logits of shape " + Arrays.toString(got) + " for an input of shape " + shape
						+ "; fine-tuning needs one value per class and input voxel",
					"export a TorchScript twin whose output is [batch, classes, z, y, x] at the input's size");
			return logits.argMax(1).toType(DataType.INT32, false).toIntArray();
		}
	}
}
