#!/usr/bin/env bash
# The README's run command, used as a person uses it, on this tree: `mvn -Prun` in the background, a bounded wait
# until Keycloak and the demo app answer, what its banner promises checked by RunCommandCheck (every printed URL
# answers; bob signs in to the demo app through its OIDC redirect in headless Chromium; the My access page; /me with a
# token), then SIGINT to its process group as Ctrl-C would, and no process of it or listener on its ports left.
# Twice: the second start of the same tree is the README's restart. Run on a clean clone, before anything else built
# in it, so a build that only works in trees with an old target/ fails here.
set -euo pipefail
cd "$(dirname "$0")/.."
ports=(8080 8081 9000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

listening() { ss -ltnH "( sport = :$1 )" | grep -q .; }
for port in "${ports[@]}"; do
  if listening "$port"; then echo "Port $port is in use before the run command starts"; exit 1; fi
done
bash src/dev/ensure-browser.sh
mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >/dev/null

run_once() { # name, seconds allowed until the banner
  local name=$1 limit=$2 log="$work/$1.log" started pid
  started=$(date +%s)
  # A terminal's foreground job has the default SIGINT action; a script's background job ignores SIGINT, so perl
  # restores the default before it becomes mvn, in a session of its own (its process group is what Ctrl-C reaches).
  setsid perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV or die "exec: $!"' mvn -B -Prun >"$log" 2>&1 &
  pid=$!
  until grep -q "Viewgate is running on Keycloak" "$log" && curl -fsS -o /dev/null http://localhost:8081/; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "mvn -Prun ($name) ended before its banner:"; tail -40 "$log"; exit 1
    fi
    if [ $(( $(date +%s) - started )) -gt "$limit" ]; then
      echo "mvn -Prun ($name) printed no banner within $limit s:"; tail -40 "$log"; kill -KILL -- -"$pid"; exit 1
    fi
    sleep 1
  done
  echo "mvn -Prun ($name): banner after $(( $(date +%s) - started )) s"
  if ! java -cp "target/test-classes:$(cat "$work/classpath")" dev.viewgate.it.RunCommandCheck "$log"; then
    kill -KILL -- -"$pid"; exit 1
  fi
  # The README's token example, run as written there.
  local example me
  example=$(awk '/^A token to try the JSON API with/ {found = 1} found && /^```bash/ {inside = 1; next}
                 inside && /^```/ {exit} inside' README.md)
  me=$(bash -c "$example")
  if ! grep -q '"username":"ada"' <<<"$me"; then
    echo "The README's token example printed: $me"; kill -KILL -- -"$pid"; exit 1
  fi
  echo "  the README's token example: $me"
  # The README's steps for app developers (register a view, share it, exchange the secret), run as written there.
  local steps exchanged
  steps=$(awk '/^## For app developers/ {found = 1} found && /^   ```bash/ {inside = 1; blocks++; next}
               inside && /^   ```/ {inside = 0; if (blocks == 3) exit; next} inside {sub(/^   /, ""); print}' README.md)
  exchanged=$(bash -c "$steps")
  if ! grep -q '"access_token"' <<<"$exchanged"; then
    echo "The README's steps for app developers printed: $exchanged"; kill -KILL -- -"$pid"; exit 1
  fi
  echo "  the README's steps for app developers: a guest token of $(wc -c <<<"$exchanged") bytes of JSON"
  if [ "$name" = restart ] && grep -q "Updating the configuration and installing your custom providers" "$log"; then
    echo "The restart re-augmented Keycloak, which the README says it does not"; kill -KILL -- -"$pid"; exit 1
  fi

  local interrupted
  interrupted=$(date +%s)
  kill -INT -- -"$pid"
  while pgrep -s "$pid" >/dev/null; do
    if [ $(( $(date +%s) - interrupted )) -gt 60 ]; then
      echo "Still running 60 s after Ctrl-C:"; pgrep -a -s "$pid"; kill -KILL -- -"$pid"; exit 1
    fi
    sleep 1
  done
  for port in "${ports[@]}"; do
    if listening "$port"; then echo "Port $port is still in use after Ctrl-C"; ss -ltnp "( sport = :$port )"; exit 1; fi
  done
  echo "mvn -Prun ($name): Ctrl-C left no process and no listener after $(( $(date +%s) - interrupted )) s"
}

run_once first-start 900
run_once restart 300
