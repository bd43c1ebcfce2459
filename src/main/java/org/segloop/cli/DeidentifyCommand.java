package org.segloop.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segloop.core.SegLoopException;
import org.segloop.core.dicom.deid.DeidKey;
import org.segloop.core.dicom.deid.DeidentifyFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "deidentify", mixinStandardHelpOptions = true, description = {
	"Write de-identified copies of DICOM files (DICOM PS3.15 Annex E, Basic Application Level Confidentiality Profile, with the options below) "
		+ "as OUT/<study>/<series>/<instance>.dcm, names derived from the replacement UIDs. The inputs are never changed. "
		+ "Files that are not DICOM images (reports, segmentations, DICOMDIR, other files) are left out and counted; "
		+ "unreadable files are listed (exit code 1).",
	"UIDs, patient pseudonyms and date shifts come from a keyed hash: give the same --key file in every run so that later series of a "
		+ "study keep the same study UID. Pixels are not changed: images that may show burned-in text are refused unless accepted." })
final class DeidentifyCommand implements Callable<Integer> {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(arity = "1..*", paramLabel = "IN", description = "DICOM files or folders (searched recursively)")
	List<Path> inputs;

	@Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the de-identified copies")
	Path out;

	@Option(names = "--key", paramLabel = "FILE", description = "the secret of the keyed hash (created if missing; keep it private and "
		+ "apart from the copies); without it a new random key is used once and replacements differ from run to run")
	Path key;

	@Mixin
	DeidentifyOptions deid;

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Override
	public Integer call() {
		for (Path in : inputs)
			if (out.toAbsolutePath().normalize().equals(in.toAbsolutePath().normalize()))
				throw new ParameterException(spec.commandLine(), "--out must be a new folder or a folder of copies, not one of the inputs");
		DeidKey k = key == null ? DeidKey.random() : DeidKey.loadOrCreate(key);
		DeidentifyFiles.Outcome o = new DeidentifyFiles(k, deid.options(), deid.acceptBurnedInText, true).run(inputs, out);
		var err = spec.commandLine().getErr();
		List<String> unreadable = o.unreadable().stream().map(CommandHints::message).toList();
		unreadable.forEach(m -> err.println("left out: " + m));
		if (o.notImages() > 0) err.println("note: " + o.notImages() + " DICOM object(s) that are not images (reports, segmentations, ...) were left out");
		if (o.notDicom() > 0) err.println("note: " + o.notDicom() + " file(s) that are not DICOM were left out");
		if (o.burnedInAccepted() > 0) err.println("note: " + o.burnedInAccepted() + " cop(ies) may show burned-in text (accepted); check their pixels");
		if (key == null) err.println("note: no --key given: UIDs and pseudonyms of this run cannot be reproduced in a later run");
		long studies = o.seriesFolders().stream().map(Path::getParent).distinct().count();
		if (json) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("out", out.toString());
			m.put("profile", deid.options().id());
			m.put("copies", o.copies().size());
			m.put("studies", studies);
			m.put("series", o.seriesFolders().size());
			m.put("seriesFolders", o.seriesFolders().stream().map(p -> out.relativize(p).toString()).toList());
			m.put("notDicom", o.notDicom());
			m.put("notImages", o.notImages());
			m.put("burnedInAccepted", o.burnedInAccepted());
			m.put("leftOut", unreadable);
			spec.commandLine().getOut().println(Json.GSON.toJson(m));
		}
		else spec.commandLine().getOut().printf("%d de-identified cop(ies) of %d series in %d stud(ies) in %s (%s)%n", o.copies().size(),
			o.seriesFolders().size(), studies, out, deid.options().id());
		if (o.copies().isEmpty()) throw new SegLoopException(inputs.get(0), "holds no DICOM file that could be de-identified", "give DICOM files or folders");
		return unreadable.isEmpty() ? Main.OK : Main.USER_ERROR;
	}
}
