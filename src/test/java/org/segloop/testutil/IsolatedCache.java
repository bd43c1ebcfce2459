package org.segloop.testutil;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Points SegLoop's cache (unpacked packages, probe results) at a fresh folder for each test, so
 * tests neither see nor leave state in ~/.cache/segloop. Use with {@code @ExtendWith}; the folder
 * is {@link #folder()}.
 */
public final class IsolatedCache implements BeforeEachCallback, AfterEachCallback {

	private static Path current;

	public static Path folder() {
		return current;
	}

	@Override
	public void beforeEach(ExtensionContext context) throws Exception {
		current = Files.createTempDirectory("segloop-cache");
		System.setProperty("segloop.cache", current.toString());
	}

	@Override
	public void afterEach(ExtensionContext context) {
		System.clearProperty("segloop.cache");
	}
}
