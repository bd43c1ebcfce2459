package org.segloop.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

final class Json {

	static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

	private Json() {}
}
