package org.segloop.fiji;

import org.scijava.event.EventHandler;
import org.scijava.log.LogService;
import org.scijava.module.event.ModuleErroredEvent;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.service.AbstractService;
import org.scijava.service.SciJavaService;
import org.scijava.service.Service;

/**
 * Words the core error a SegLoop command stopped with for Fiji. SciJava reports a command's
 * exception in Fiji's log as a stack trace of the core's message; this logs the message with
 * Fiji's way of doing its fix instead ({@link MenuHints}), and no stack trace, for SegLoop's
 * commands only. The exception still reaches whoever ran the command (a macro stops on it).
 */
@Plugin(type = Service.class)
public class CommandErrorService extends AbstractService implements SciJavaService {

	@Parameter
	private LogService log;

	@EventHandler
	protected void onEvent(ModuleErroredEvent e) {
		if (!e.getModule().getInfo().getDelegateClassName().startsWith(CommandErrorService.class.getPackageName() + ".")) return;
		for (Throwable t = e.getException(); t != null; t = t.getCause() == t ? null : t.getCause())
			if (MenuHints.isUserError(t)) {
				log.error("SegLoop: " + MenuHints.message(t));
				e.consume(); // SciJava logs what no one consumed, with its stack trace
				return;
			}
	}
}
