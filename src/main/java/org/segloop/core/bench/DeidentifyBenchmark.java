package org.segloop.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;

import org.segloop.core.dicom.deid.DeidKey;
import org.segloop.core.dicom.deid.DeidOptions;
import org.segloop.core.dicom.deid.DeidentifyFiles;
import org.segloop.core.util.Folders;

/**
 * De-identification throughput: N generated CT slice files (PixelMed, {@code size}² 16-bit, with
 * patient, physician, institution, description, date and private attributes; 100 slices a series,
 * 5 series a study) de-identified with all options into a new folder, timed end to end (listing,
 * header pass for burned-in text, read, de-identify, write, atomic move). Figures: files per second
 * and MB (input) per second.
 */
public final class DeidentifyBenchmark {

	private DeidentifyBenchmark() {}

	public static Map<String, Object> run(Path workDir, int files, int size) throws IOException {
		Path in = workDir.resolve("deid-in"), out = workDir.resolve("deid-out");
		Folders.deleteQuietly(in);
		Folders.deleteQuietly(out);
		long t0 = System.nanoTime();
		for (int i = 0; i < files; i++) write(in.resolve("study" + i / 500).resolve("series" + i / 100).resolve("IM" + i), i, size);
		double generate = (System.nanoTime() - t0) / 1e9;
		long bytes;
		try (Stream<Path> s = Files.walk(in)) {
			bytes = s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
		}
		DeidentifyFiles deid = new DeidentifyFiles(DeidKey.random(), new DeidOptions(true, true, true), false);
		long t1 = System.nanoTime();
		DeidentifyFiles.Outcome o = deid.run(List.of(in), out);
		double seconds = (System.nanoTime() - t1) / 1e9;
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("files", files);
		m.put("size", size + "x" + size);
		m.put("inputMB", InferenceBenchmark.round(bytes / 1e6));
		m.put("copies", o.copies().size());
		m.put("generateSeconds", InferenceBenchmark.round(generate));
		m.put("seconds", InferenceBenchmark.round(seconds));
		m.put("filesPerSecond", InferenceBenchmark.round(files / seconds));
		m.put("mbPerSecond", InferenceBenchmark.round(bytes / 1e6 / seconds));
		m.put("cores", Runtime.getRuntime().availableProcessors());
		Folders.deleteQuietly(in);
		Folders.deleteQuietly(out);
		return m;
	}

	/** File {@code i}: slice {@code i % 100} of one of ten series of two patients, with the attributes the profile acts on. */
	private static void write(Path file, int i, int size) throws IOException {
		String study = "1.2.826.0.1.3680043.8.498.77." + i / 500, series = study + "." + i / 100;
		short[] px = new short[size * size];
		for (int p = 0; p < px.length; p++) px[p] = (short) ((p * 7 + i * 131) % 2000 + 24);
		AttributeList a = SyntheticCtSeries.slice(study, series, i % 100, size, size, px);
		SyntheticCtSeries.put(a, TagFromName.PatientName, "Bench^Patient" + i / 500);
		SyntheticCtSeries.put(a, TagFromName.PatientID, "BENCH-" + i / 500);
		SyntheticCtSeries.put(a, TagFromName.PatientBirthDate, "19700101");
		SyntheticCtSeries.put(a, TagFromName.PatientSex, "O");
		SyntheticCtSeries.put(a, TagFromName.StudyDate, "20260115");
		SyntheticCtSeries.put(a, TagFromName.StudyTime, "101500");
		SyntheticCtSeries.put(a, TagFromName.ContentDate, "20260115");
		SyntheticCtSeries.put(a, TagFromName.AccessionNumber, "ACC" + i / 500);
		SyntheticCtSeries.put(a, TagFromName.ReferringPhysicianName, "Smith^John");
		SyntheticCtSeries.put(a, TagFromName.InstitutionName, "Bench Hospital");
		SyntheticCtSeries.put(a, TagFromName.StudyDescription, "CT chest Patient" + i / 500);
		SyntheticCtSeries.put(a, TagFromName.SeriesDescription, "Axial");
		SyntheticCtSeries.put(a, new AttributeTag(0x0029, 0x0010), "BENCH PRIVATE");
		SyntheticCtSeries.put(a, new AttributeTag(0x0029, 0x1001), "private value");
		SyntheticCtSeries.put(a, TagFromName.BurnedInAnnotation, "NO");
		SyntheticCtSeries.write(a, file);
	}
}
