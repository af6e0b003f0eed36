# Sourced by .ci/run: a live Docker engine for the container targets and the harness's broker images.
# Where none answers, CI starts its own dockerd (its own pid file and log) and stops it by that PID at
# the end, also when the run fails or is interrupted; an engine that already answers is left alone.

CI_DOCKERD_PID=""
CI_DOCKERD_DIR=""
# Seconds: dockerd answers within a few here; a bound so a broken install fails CI instead of hanging it.
CI_DOCKERD_START_TIMEOUT="${CI_DOCKERD_START_TIMEOUT:-60}"
CI_DOCKERD_STOP_TIMEOUT="${CI_DOCKERD_STOP_TIMEOUT:-30}"

ci_docker_engine_up() {
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1 \
    || ! command -v debootstrap >/dev/null 2>&1 || ! command -v docker-compose >/dev/null 2>&1; then
    # docker-compose (1.29, Debian's standalone Compose) lets the compose: target's live test run.
    echo "ci: installing docker.io, debootstrap and docker-compose from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io debootstrap docker-compose >/dev/null
  fi
  if docker info >/dev/null 2>&1; then
    echo "ci: a Docker engine answers already; using it (and leaving it running)"
    return 0
  fi
  CI_DOCKERD_DIR="$(mktemp -d "${TMPDIR:-/tmp}/ci-dockerd.XXXXXX")"
  echo "ci: starting dockerd (log: $CI_DOCKERD_DIR/dockerd.log)"
  dockerd --pidfile "$CI_DOCKERD_DIR/dockerd.pid" >"$CI_DOCKERD_DIR/dockerd.log" 2>&1 &
  CI_DOCKERD_PID=$!
  local started=$SECONDS
  until docker info >/dev/null 2>&1; do
    if ! kill -0 "$CI_DOCKERD_PID" 2>/dev/null; then
      echo "ci: dockerd exited before it answered; the end of its log:" >&2
      tail -n 20 "$CI_DOCKERD_DIR/dockerd.log" >&2
      CI_DOCKERD_PID=""
      return 1
    fi
    if (( SECONDS - started >= CI_DOCKERD_START_TIMEOUT )); then
      echo "ci: dockerd did not answer within ${CI_DOCKERD_START_TIMEOUT} s; the end of its log:" >&2
      tail -n 20 "$CI_DOCKERD_DIR/dockerd.log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "ci: dockerd (pid $CI_DOCKERD_PID) answers after $(( SECONDS - started )) s"
}

# Stops the dockerd this run started (it stops its containers and its containerd with it); nothing else.
ci_docker_engine_down() {
  [ -n "$CI_DOCKERD_PID" ] || return 0
  local pid=$CI_DOCKERD_PID
  CI_DOCKERD_PID=""
  if kill -TERM "$pid" 2>/dev/null; then
    local waited=0
    while kill -0 "$pid" 2>/dev/null; do
      if (( waited >= CI_DOCKERD_STOP_TIMEOUT * 2 )); then
        echo "ci: dockerd (pid $pid) did not stop within ${CI_DOCKERD_STOP_TIMEOUT} s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.5
      waited=$(( waited + 1 ))
    done
    echo "ci: dockerd (pid $pid) stopped"
  fi
  rm -rf "$CI_DOCKERD_DIR"
}
