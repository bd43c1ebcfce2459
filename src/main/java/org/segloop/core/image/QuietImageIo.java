package org.segloop.core.image;

import java.util.Iterator;

import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;

import com.pixelmed.imageio.JPEGLosslessImageReaderSpi;

/**
 * PixelMed's JPEG lossless ImageIO reader prints a line to stderr
 * ("JPEGLosslessImageReaderSpi.canDecodeInput() = false") whenever ImageIO asks it whether it reads
 * a stream, as ImageJ does for every PNG or JPEG it opens. SegLoop's copy of pixelmed-imageio
 * therefore does not register it (see src/vendor/update-pixelmed.sh); this class registers a
 * subclass that answers "no" without printing. PixelMed never asks that question: it picks the
 * reader for a JPEG lossless transfer syntax by format name.
 */
public final class QuietImageIo {

	/** The reader, named as PixelMed asks for it; never offered for auto-detected files. */
	static final class QuietJpegLosslessSpi extends JPEGLosslessImageReaderSpi {

		@Override
		public boolean canDecodeInput(Object source) {
			return false;
		}
	}

	private QuietImageIo() {}

	/** Registers the quiet reader once (and drops PixelMed's own, should a jar register it). Safe from any thread. */
	public static synchronized void registerJpegLosslessReader() {
		IIORegistry registry = IIORegistry.getDefaultInstance();
		boolean registered = false;
		for (Iterator<ImageReaderSpi> it = registry.getServiceProviders(ImageReaderSpi.class, false); it.hasNext();) {
			ImageReaderSpi spi = it.next();
			if (spi instanceof QuietJpegLosslessSpi) registered = true;
			else if (spi.getClass() == JPEGLosslessImageReaderSpi.class) registry.deregisterServiceProvider(spi, ImageReaderSpi.class);
		}
		if (!registered) registry.registerServiceProvider(new QuietJpegLosslessSpi(), ImageReaderSpi.class);
	}
}
