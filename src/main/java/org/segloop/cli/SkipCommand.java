package org.segloop.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.segloop.core.project.ProjectStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "skip", mixinStandardHelpOptions = true, description = "Take a leased image out of the queue without correcting it.")
final class SkipCommand implements Callable<Integer> {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Parameters(index = "1", paramLabel = "ID")
	long id;

	@Option(names = "--token", required = true, description = "the token printed by 'next'")
	String token;

	@Option(names = "--reason", description = "why (kept in the journal)")
	String reason;

	@Override
	public Integer call() {
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
			p.queue().skip(id, token, reason);
			spec.commandLine().getOut().printf("skipped image %d%n", id);
		}
		return Main.OK;
	}
}
