package org.segloop.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The DICOM command-line tools tests check SegLoop's output with: dciodvfy (dicom3tools) and dcmdump (dcmtk). */
public final class DicomTools {

	private DicomTools() {}

	/** Output of a tool (stdout and stderr together); fails when it does not run. */
	public static String run(String... command) throws IOException, InterruptedException {
		assertTrue(Files.isExecutable(Path.of("/usr/bin", command[0])), command[0] + " is missing: install dicom3tools and dcmtk (see .ci/run)");
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		p.waitFor();
		return out;
	}

	/** dciodvfy's error lines (an IOD violation) for a file; its warnings are not errors. */
	public static List<String> dciodvfyErrors(Path file) throws IOException, InterruptedException {
		String out = run("dciodvfy", file.toString());
		assertTrue(out.contains("Segmentation") || out.contains("SEG"), "dciodvfy did not recognise a Segmentation:\n" + out);
		return out.lines().filter(l -> l.startsWith("Error")).toList();
	}

	/** What dcmdump reads from a BINARY Segmentation: its segment labels, per frame the segment, source image and frame number, and the pixel bits. */
	public record Dumped(List<String> segmentLabels, List<Integer> frameSegments, List<String> frameSources, List<Integer> frameSourceFrames,
		int rows, int columns, byte[] pixelData, String text) {

		public boolean bit(int frame, int pixel) {
			long b = (long) frame * rows * columns + pixel;
			return (pixelData[(int) (b >>> 3)] & (1 << (b & 7))) != 0;
		}
	}

	/** Reads a Segmentation with dcmdump: the text (+L) and the pixel data written raw (+W). */
	public static Dumped dump(Path seg, Path scratch) throws IOException, InterruptedException {
		Files.createDirectories(scratch);
		String text = run("dcmdump", "+L", "+W", scratch.toString(), seg.toString());
		List<Path> raw;
		try (var s = Files.list(scratch)) {
			raw = s.filter(f -> f.getFileName().toString().endsWith(".raw")).toList();
		}
		assertEquals(1, raw.size(), "dcmdump +W wrote " + raw + "\n" + text);
		List<String> labels = new ArrayList<>();
		List<Integer> segments = new ArrayList<>();
		List<String> sources = new ArrayList<>();
		List<Integer> sourceFrames = new ArrayList<>();
		boolean inFrames = false;
		Pattern value = Pattern.compile("^\\s*\\((\\w{4}),(\\w{4})\\) \\w\\w (?:\\[([^\\]]*)\\]|(\\S+))");
		for (String line : text.lines().toList()) {
			if (line.contains("PerFrameFunctionalGroupsSequence")) inFrames = true;
			Matcher m = value.matcher(line);
			if (!m.find()) continue;
			String tag = (m.group(1) + "," + m.group(2)).toLowerCase();
			String v = m.group(3) != null ? m.group(3) : m.group(4);
			if (tag.equals("0062,0005")) labels.add(v);
			if (!inFrames) continue;
			if (tag.equals("0062,000b")) segments.add(Integer.parseInt(v));
			if (tag.equals("0008,1155")) {
				sources.add(v);
				sourceFrames.add(1);
			}
			if (tag.equals("0008,1160")) sourceFrames.set(sourceFrames.size() - 1, Integer.parseInt(v));
		}
		return new Dumped(labels, segments, sources, sourceFrames, intValue(text, "0028,0010"), intValue(text, "0028,0011"), Files.readAllBytes(raw.get(0)), text);
	}

	private static int intValue(String text, String tag) {
		Matcher m = Pattern.compile("\\(" + tag + "\\) US (\\d+)").matcher(text);
		assertTrue(m.find(), "dcmdump shows no " + tag);
		return Integer.parseInt(m.group(1));
	}
}
