package org.segloop.core.dicom;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

import org.segloop.core.image.ImageInputException;

/**
 * The transfer syntaxes SegLoop decodes (uncompressed, deflated, RLE, JPEG baseline and lossless
 * with PixelMed and its ImageIO plugin, JPEG 2000 with jai-imageio-jpeg2000) and the names of
 * those it cannot, so a refusal names the encoding and a tool that converts it.
 */
final class TransferSyntaxes {

	static final Set<String> DECODED = Set.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99",
		"1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.90",
		"1.2.840.10008.1.2.4.91");

	private static final Map<String, String> NAMES = Map.ofEntries(
		Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4, 12-bit)"),
		Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
		Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)"),
		Map.entry("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component (Lossless Only)"),
		Map.entry("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component"),
		Map.entry("1.2.840.10008.1.2.4.100", "MPEG2 video"),
		Map.entry("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 video"),
		Map.entry("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)"),
		Map.entry("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options (Lossless Only)"),
		Map.entry("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000"));

	/** The compressed transfer syntaxes SegLoop decodes, by name. */
	private static final Map<String, String> DECODED_COMPRESSED = Map.of("1.2.840.10008.1.2.5", "RLE Lossless", "1.2.840.10008.1.2.4.50",
		"JPEG Baseline", "1.2.840.10008.1.2.4.57", "JPEG Lossless (Process 14)", "1.2.840.10008.1.2.4.70", "JPEG Lossless (Process 14 SV1)",
		"1.2.840.10008.1.2.4.90", "JPEG 2000 (Lossless Only)", "1.2.840.10008.1.2.4.91", "JPEG 2000", "1.2.840.10008.1.2.1.99",
		"Deflated Explicit VR Little Endian");

	private TransferSyntaxes() {}

	/** The name of a compressed transfer syntax SegLoop decodes, or null for an uncompressed or unknown one. */
	static String compressedName(String ts) {
		return DECODED_COMPRESSED.get(ts);
	}

	/** Throws when the file's pixel data are encoded in a way SegLoop cannot decode. */
	static void requireDecodable(Path file, AttributeList header) {
		String ts = DicomFiles.string(header, TagFromName.TransferSyntaxUID);
		if (ts.isEmpty() || DECODED.contains(ts)) return;
		String name = NAMES.getOrDefault(ts, "an unknown encoding");
		String tool = ts.startsWith("1.2.840.10008.1.2.4.8") ? "dcmdjpls (dcmtk) or gdcmconv --raw" : "gdcmconv --raw (GDCM)";
		throw new ImageInputException(file, "holds compressed pixel data in transfer syntax " + name + " (" + ts
			+ "), which SegLoop cannot decode (it reads uncompressed, RLE, JPEG baseline, JPEG lossless and JPEG 2000)",
			"convert the files to an uncompressed transfer syntax first, e.g. with " + tool);
	}
}
