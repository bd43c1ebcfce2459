package org.segloop.core.output;

import java.io.IOException;
import java.nio.file.Path;

import org.segloop.core.SegLoopException;
import org.segloop.core.image.TiffWriter;
import org.segloop.core.inference.ProbabilityChunk;
import org.segloop.core.inference.ProbabilitySink;
import org.segloop.core.inference.SegmentationGeometry;

/**
 * Streams class probabilities into a TIFF hyperstack (one channel per class) as they are finished,
 * as float32 or quantised to 8 bits (value × 255). The file appears under its name only after the
 * whole image is done; a failed or cancelled run leaves nothing behind.
 */
public final class ProbabilityTiffSink implements ProbabilitySink, AutoCloseable {

	public enum Encoding {
		FLOAT32, UINT8
	}

	private final Path file;
	private final Encoding encoding;
	private TiffWriter writer;
	private SegmentationGeometry geometry;
	private byte[] bytes = new byte[0];

	public ProbabilityTiffSink(Path file, Encoding encoding) {
		this.file = file;
		this.encoding = encoding;
	}

	@Override
	public void begin(SegmentationGeometry g) {
		geometry = g;
		try {
			writer = new TiffWriter(file, g.width(), g.height(), g.classes(), g.slices(), g.frames(),
				encoding == Encoding.FLOAT32 ? TiffWriter.PixelType.FLOAT32 : TiffWriter.PixelType.UINT8, g.calibration());
		}
		catch (IOException e) {
			throw unwritable(e);
		}
	}

	@Override
	public void accept(ProbabilityChunk chunk) {
		int plane = chunk.rows() * chunk.width();
		try {
			for (int c = 0; c < geometry.classes(); c++) {
				float[] p = chunk.probabilities()[c];
				for (int dz = 0; dz < chunk.depth(); dz++) {
					int page = c + geometry.classes() * geometry.planeIndex(chunk.z0() + dz, chunk.frame());
					if (encoding == Encoding.FLOAT32) writer.writeRows(page, chunk.y0(), chunk.rows(), p, dz * plane);
					else {
						if (bytes.length < plane) bytes = new byte[plane];
						for (int i = 0; i < plane; i++)
							bytes[i] = (byte) Math.round(Math.max(0, Math.min(1, p[dz * plane + i])) * 255);
						writer.writeRows(page, chunk.y0(), chunk.rows(), bytes, 0);
					}
				}
			}
		}
		catch (IOException e) {
			throw unwritable(e);
		}
	}

	@Override
	public void end() {
		try {
			writer.commit();
		}
		catch (IOException e) {
			throw unwritable(e);
		}
	}

	/** A typed error naming the file and the cause (no space, no permission, a file where a folder should be). */
	private SegLoopException unwritable(IOException e) {
		return new SegLoopException(file, "cannot be written: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
			"check that the output folder can be written and has free space for the probabilities (or leave them out)", e);
	}

	@Override
	public void close() throws IOException {
		if (writer != null) writer.close();
	}
}
