# Sourced by scripts/run-local.sh and scripts/des-pipeline: builds DES when its sources changed and
# sets DES_CLASSPATH (classes and every dependency, Flink included) and DES_OPENS (the JVM opens
# Flink needs on Java 17). Runs from the project's root.

command -v java >/dev/null || { echo "java 17 is required" >&2; exit 1; }
command -v mvn >/dev/null || { echo "maven is required to build DES" >&2; exit 1; }

stamp=target/.local-build-stamp
# The S3 file system plugin is copied by the same build (generate-resources); a clean of target/ needs it again.
if [ ! -f "$stamp" ] || [ ! -d target/plugins/s3-fs-hadoop ] || [ -n "$(find pom.xml src/main -newer "$stamp" -print -quit)" ]; then
  echo "Building DES (first run downloads dependencies; later runs are quick)..." >&2
  mvn -B -q -ntp -DskipTests compile dependency:build-classpath \
    -Dmdep.outputFile=target/local-classpath.txt -Dmdep.includeScope=compile
  touch "$stamp"
fi

DES_CLASSPATH="target/classes:$(cat target/local-classpath.txt)"
DES_OPENS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED \
--add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED \
--add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED \
--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"
