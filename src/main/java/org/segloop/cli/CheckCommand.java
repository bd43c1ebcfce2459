package org.segloop.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segloop.core.project.ProjectAudit;
import org.segloop.core.project.ProjectStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
	description = "Check a project (reads only): database integrity, every stored file and every registered image (removed ones aside) "
		+ "present and unchanged, queue states consistent. Hashes every file, so it reads the whole project once; --quick only checks that "
		+ "the files exist. Lists files the orphan sweep set aside in files/.swept/. Exit 0 when healthy, 1 when problems were found.")
final class CheckCommand implements Callable<Integer> {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--quick", description = "check that files exist without hashing them (fast on big projects; does not notice changed content)")
	boolean quick;

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Override
	public Integer call() {
		List<String> problems;
		List<String> notes;
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			problems = ProjectAudit.run(p, quick, CommandHints::message);
			notes = ProjectAudit.notes(p);
		}
		var out = spec.commandLine().getOut();
		if (json) out.println(Json.GSON.toJson(Map.of("healthy", problems.isEmpty(), "problems", problems, "notes", notes)));
		else {
			if (problems.isEmpty()) out.println("project is healthy");
			else problems.forEach(pr -> out.println("problem: " + pr));
			notes.forEach(n -> out.println("note: " + n));
		}
		return problems.isEmpty() ? Main.OK : Main.USER_ERROR;
	}
}
