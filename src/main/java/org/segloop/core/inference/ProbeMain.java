package org.segloop.core.inference;

import org.segloop.core.util.OrtLogging;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** Child-process side of {@link ModelProbe}: creates a session for one ONNX file and reports. */
public final class ProbeMain {

	static final String OK = "SEGLOOP-PROBE-OK";
	static final String ERROR = "SEGLOOP-PROBE-ERROR:";
	static final int EXIT_ORT_ERROR = 3;

	private ProbeMain() {}

	public static void main(String[] args) {
		ai.onnxruntime.OrtEnvironment env = OrtLogging.environment(); // first: it loads ORT's library from SegLoop's cache
		try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
			OrtSession session = env.createSession(args[0], so))
		{
			session.getInputInfo();
			session.getOutputInfo();
			System.out.println(OK);
		}
		catch (OrtException e) {
			String msg = e.getMessage() == null ? e.toString() : e.getMessage().replace('\n', ' ');
			System.out.println(ERROR + " " + msg);
			System.exit(EXIT_ORT_ERROR);
		}
	}
}
