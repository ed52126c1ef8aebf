# Sourced by .ci/run and infrastructure/local/run: selects a JDK >= 21 (JAVA_HOME if it is one, else the
# first one in /usr/lib/jvm or /Library/Java/JavaVirtualMachines) and exports JAVA_HOME and PATH.

java_major() { # the major version of the JDK in folder $1
  "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

select_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(select_jdk); then
  echo "no JDK >= 21 found (looked at JAVA_HOME, /usr/lib/jvm/*): install one and set JAVA_HOME" >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
