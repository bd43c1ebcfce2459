package org.segloop.testutil;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;
import java.util.function.IntFunction;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import com.pixelmed.dicom.TagFromName;

import org.segloop.testutil.DicomSeriesMaker.Spec;

/**
 * Really compressed DICOM files for tests, made by codecs rather than by hand: dcmtk's
 * {@code dcmcrle}, {@code dcmcjpeg}, {@code dcmcjpls} and {@code dcmconv} (deflate, big endian, implicit VR); JPEG 2000 frames by jai-imageio's
 * encoder wrapped into encapsulated pixel data by PixelMed (dcmtk has no JPEG 2000 encoder). PixelMed
 * alone cannot be used to compress: written with a compressed transfer syntax it keeps the
 * pixels uncompressed under the compressed label.
 */
public final class CompressedDicom {

	/** The encodings (and the other transfer syntaxes dcmtk writes), with their UID and name. */
	public enum Encoding {
		RLE("1.2.840.10008.1.2.5", "RLE Lossless"),
		JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", "JPEG Lossless, First-Order Prediction (Process 14 SV1)"),
		JPEG_LOSSLESS_PROCESS_14("1.2.840.10008.1.2.4.57", "JPEG Lossless (Process 14)"),
		JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", "JPEG 2000 (Lossless Only)"),
		JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
		DEFLATED("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian"),
		EXPLICIT_BIG_ENDIAN("1.2.840.10008.1.2.2", "Explicit VR Big Endian (retired)"),
		IMPLICIT_LITTLE_ENDIAN("1.2.840.10008.1.2", "Implicit VR Little Endian");

		public final String uid, title;

		Encoding(String uid, String title) {
			this.uid = uid;
			this.title = title;
		}
	}

	private CompressedDicom() {}

	/** Writes {@code in} (an uncompressed file, single- or multi-frame) compressed as {@code out}. */
	public static Path compress(Path in, Path out, Encoding e) throws IOException {
		Files.createDirectories(out.toAbsolutePath().getParent());
		switch (e) {
			case RLE -> Dcmtk.require("dcmcrle", in.toString(), out.toString());
			case JPEG_LOSSLESS_SV1 -> Dcmtk.require("dcmcjpeg", "--encode-lossless-sv1", in.toString(), out.toString());
			case JPEG_LOSSLESS_PROCESS_14 -> Dcmtk.require("dcmcjpeg", "--encode-lossless", in.toString(), out.toString());
			case JPEG_LS_LOSSLESS -> Dcmtk.require("dcmcjpls", "--encode-lossless", in.toString(), out.toString());
			case JPEG_2000_LOSSLESS -> jpeg2000(in, out);
			case DEFLATED -> Dcmtk.require("dcmconv", "+td", in.toString(), out.toString());
			case EXPLICIT_BIG_ENDIAN -> Dcmtk.require("dcmconv", "+tb", in.toString(), out.toString());
			case IMPLICIT_LITTLE_ENDIAN -> Dcmtk.require("dcmconv", "+ti", in.toString(), out.toString());
		}
		return out;
	}

	/** Every slice of the series, compressed; returns the files in slice order. */
	public static List<Path> writeSeries(Spec s, Path dir, IntFunction<String> names, Encoding e) throws IOException {
		List<Path> out = new ArrayList<>();
		Path tmp = Files.createTempFile("segloop-raw", ".dcm");
		try {
			for (int z = 0; z < s.slices(); z++) out.add(compress(DicomSeriesMaker.writeSlice(s, z, tmp), dir.resolve(names.apply(z)), e));
		}
		finally {
			Files.deleteIfExists(tmp);
		}
		return out;
	}

	/**
	 * Slice {@code z} of the series as an 8-bit JPEG Baseline (lossy) image with the slice's
	 * geometry, made by dcmtk's {@code img2dcm} from a JPEG of {@code gray.applyAsInt(xy, z)} (0..255):
	 * a Secondary Capture with the original's patient, study, series and plane attributes.
	 */
	public static Path writeJpegBaselineSlice(Spec s, int z, Path file, IntBinaryOperator gray) throws IOException {
		BufferedImage img = new BufferedImage(s.width(), s.height(), BufferedImage.TYPE_BYTE_GRAY);
		for (int i = 0; i < s.width() * s.height(); i++) img.getRaster().setSample(i % s.width(), i / s.width(), 0, gray.applyAsInt(i, z));
		Path raw = Files.createTempFile("segloop-raw", ".dcm"), jpeg = Files.createTempFile("segloop", ".jpg");
		try {
			DicomSeriesMaker.writeSlice(s.withRescale(false, 1, 0), z, raw);
			ImageIO.write(img, "jpeg", jpeg.toFile());
			Files.createDirectories(file.toAbsolutePath().getParent());
			Dcmtk.require("img2dcm", "--dataset-from", raw.toString(), jpeg.toString(), file.toString());
			return file;
		}
		finally {
			Files.deleteIfExists(raw);
			Files.deleteIfExists(jpeg);
		}
	}

	/**
	 * A colour ultrasound-like image (Modality US, no patient geometry) in JPEG Baseline with
	 * YBR_FULL_422 photometric interpretation, as scanners store them; {@code rgb.applyAsInt(x, y)}
	 * is the 0xRRGGBB colour.
	 */
	public static Path writeColourJpeg(Path file, int width, int height, IntBinaryOperator rgb) throws IOException {
		BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) img.setRGB(x, y, rgb.applyAsInt(x, y));
		Path jpeg = Files.createTempFile("segloop", ".jpg");
		try {
			javax.imageio.ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
			javax.imageio.ImageWriteParam p = w.getDefaultWriteParam();
			p.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
			p.setCompressionQuality(0.95f);
			try (ImageOutputStream os = ImageIO.createImageOutputStream(jpeg.toFile())) {
				w.setOutput(os);
				w.write(null, new IIOImage(img, null, null), p);
			}
			finally {
				w.dispose();
			}
			Files.createDirectories(file.toAbsolutePath().getParent());
			Dcmtk.require("img2dcm", "-k", "Modality=US", "-k", "StudyInstanceUID=1.2.826.0.1.3680043.9.7.44", "-k",
				"SeriesInstanceUID=1.2.826.0.1.3680043.9.7.44.1", jpeg.toString(), file.toString());
			return file;
		}
		finally {
			Files.deleteIfExists(jpeg);
		}
	}

	/** JPEG 2000 lossless: each 16-bit frame encoded by jai-imageio (reversible 5/3 wavelet), encapsulated by PixelMed. */
	private static void jpeg2000(Path in, Path out) throws IOException {
		try {
			AttributeList a = new AttributeList();
			a.read(in.toFile());
			int w = Attribute.getSingleIntegerValueOrDefault(a, TagFromName.Columns, 0), h = Attribute.getSingleIntegerValueOrDefault(a, TagFromName.Rows, 0);
			int frames = Math.max(1, Attribute.getSingleIntegerValueOrDefault(a, TagFromName.NumberOfFrames, 1));
			short[] all = a.getPixelData().getShortValues();
			byte[][] encoded = new byte[frames][];
			for (int f = 0; f < frames; f++) {
				BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
				System.arraycopy(all, f * w * h, ((DataBufferUShort) img.getRaster().getDataBuffer()).getData(), 0, w * h);
				encoded[f] = encodeJ2k(img);
			}
			a.remove(TagFromName.PixelData);
			a.put(new OtherByteAttributeMultipleCompressedFrames(TagFromName.PixelData, encoded));
			String ts = Encoding.JPEG_2000_LOSSLESS.uid;
			a.remove(TagFromName.TransferSyntaxUID);
			FileMetaInformation.addFileMetaInformation(a, ts, "SEGLOOPTEST");
			a.write(out.toFile(), ts, true, true);
		}
		catch (DicomException e) {
			throw new IOException(e);
		}
	}

	private static byte[] encodeJ2k(BufferedImage img) throws IOException {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg2000").next();
		J2KImageWriteParam p = (J2KImageWriteParam) writer.getDefaultWriteParam();
		p.setLossless(true);
		p.setFilter(J2KImageWriteParam.FILTER_53);
		p.setWriteCodeStreamOnly(true);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream os = ImageIO.createImageOutputStream(bytes)) {
			writer.setOutput(os);
			writer.write(null, new IIOImage(img, null, null), p);
		}
		finally {
			writer.dispose();
		}
		byte[] b = bytes.toByteArray();
		return b.length % 2 == 0 ? b : java.util.Arrays.copyOf(b, b.length + 1); // fragments have even length
	}
}
