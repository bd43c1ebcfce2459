package org.segloop.core.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;

import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.model.ModelPackage;

/** Child-JVM entry of the large-image benchmark: prints one line "RESULT {json}". */
public final class LargeImageMain {

	private LargeImageMain() {}

	public static void main(String[] args) throws Exception {
		ModelPackage pkg = ModelPackage.open(Path.of(args[0]));
		InferenceBenchmark bench = new InferenceBenchmark(pkg, RuntimeOptions.withThreads(Integer.parseInt(args[3])), 1);
		Map<String, Object> m = bench.large(Integer.parseInt(args[1]), Path.of(args[2]));
		System.out.println("RESULT " + new Gson().toJson(m));
	}

	static Map<String, Object> parse(String json) {
		Map<String, Object> m = new Gson().fromJson(json, new TypeToken<LinkedHashMap<String, Object>>() {}.getType());
		return m;
	}
}
