#!/usr/bin/env bash
# Re-creates the vendored PixelMed artifacts in src/vendor/maven from Debian's packages.
# PixelMed (BSD-3-clause, see PIXELMED-LICENSE.txt) is not on Maven Central; keeping Debian's jars
# in this file-based Maven repository lets `mvn` build on any OS without apt, and lets
# `mvn -Dscijava.app.directory=... install` copy them into Fiji like any other dependency.
# The changes to Debian's jars: the manifest's Class-Path (absolute /usr/share/java paths to
# hsqldb, jmdns, slf4j bindings, ... that SegLoop does not use) is dropped, so the class path is the
# same on every machine; and pixelmed-imageio's META-INF/services entry for its JPEG lossless
# ImageIO reader is dropped: that reader prints a line to stderr whenever ImageIO probes it (for
# every PNG or JPEG ImageJ opens), so SegLoop registers a quiet subclass itself
# (org.segloop.core.image.QuietImageIo), which PixelMed finds by format name as before. Run as root on Debian 12: src/vendor/update-pixelmed.sh
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download libpixelmed-java libpixelmed-imageio-java)
repack() { # deb, jar inside it, artifactId, version
  local x="$work/$3"; mkdir -p "$x"; dpkg-deb -x "$1" "$x/deb"
  mkdir -p "$x/classes"; (cd "$x/classes" && unzip -q "$x/deb/usr/share/java/$2")
  sed -i '/^Class-Path:/,/^[^ ]/{/^Class-Path:/d;/^ /d}' "$x/classes/META-INF/MANIFEST.MF"
  rm -f "$x/classes/META-INF/services/javax.imageio.spi.ImageReaderSpi"
  local dir="maven/com/pixelmed/$3/$4"; mkdir -p "$dir"
  (cd "$x/classes" && rm -f "$OLDPWD/$dir/$3-$4.jar" && jar --create --file "$OLDPWD/$dir/$3-$4.jar" --manifest META-INF/MANIFEST.MF -C . .)
  cat > "$dir/$3-$4.pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
	<modelVersion>4.0.0</modelVersion>
	<groupId>com.pixelmed</groupId>
	<artifactId>$3</artifactId>
	<version>$4</version>
	<name>PixelMed Java DICOM Toolkit ($3), from Debian's $5</name>
	<url>http://www.pixelmed.com/</url>
	<licenses><license><name>BSD-3-Clause</name></license></licenses>
	<!-- No dependencies: the classes SegLoop uses (com.pixelmed.dicom reading, writing and
	     de-identification; the JPEG lossless ImageIO reader) need only the JDK. -->
</project>
POM
}
repack "$work"/libpixelmed-java_*.deb pixelmed-20220618.jar pixelmed 20220618 "libpixelmed-java 20220618+dfsg-1"
# -segloop1: without the services entry (see above), so that no cached copy of the original is taken for it
repack "$work"/libpixelmed-imageio-java_*.deb pixelmed_imageio-20200328.jar pixelmed-imageio 20200328-segloop1 "libpixelmed-imageio-java 20200328-5"
cp "$work/pixelmed/deb/usr/share/doc/libpixelmed-java/copyright" PIXELMED-LICENSE.txt
(cd maven && find . -name '*.jar' -o -name '*.pom' | sort | xargs sha256sum > ../SHA256SUMS)
