#!/usr/bin/env bash
# Builds the Debian base image the broker images start FROM, without any container registry:
# debootstrap a minimal bookworm from a Debian mirror, then `docker import` the tree as an image.
# Where a registry is reachable this step is unnecessary: build the broker images with
# `--build-arg BASE=debian:bookworm-slim` instead.
#
# usage: build-base.sh [IMAGE] [MIRROR]
#   IMAGE   the tag to create (default mqtt-harness/debian:bookworm); nothing is done when it exists
#   MIRROR  a Debian mirror URL (default: the first `URIs:` line of the host's apt sources, else
#           http://deb.debian.org/debian)
# Needs root (debootstrap), debootstrap and a Docker engine.
set -euo pipefail

IMAGE="${1:-mqtt-harness/debian:bookworm}"
SUITE=bookworm
MIRROR="${2:-}"
if [ -z "$MIRROR" ]; then
  MIRROR="$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1 || true)"
fi
MIRROR="${MIRROR:-http://deb.debian.org/debian}"

# Two builds at once (CI and a user, two helpers) would debootstrap twice and race on the tag.
exec 9>"${TMPDIR:-/tmp}/mqtt-harness-base-image.lock"
flock 9

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "base: $IMAGE exists, nothing to do"
  exit 0
fi
if ! command -v debootstrap >/dev/null 2>&1; then
  echo "base: debootstrap is not installed (apt-get install -y debootstrap), or pull a base and tag it $IMAGE" >&2
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  echo "base: debootstrap needs root; run as root, or pull debian:bookworm-slim and tag it $IMAGE" >&2
  exit 1
fi

ROOT="$(mktemp -d "${TMPDIR:-/tmp}/mqtt-harness-base.XXXXXX")"
# A debootstrap that fails midway can leave /proc or /sys mounted inside the tree: unmount before removing.
cleanup() {
  awk -v root="$ROOT/" 'index($2, root) == 1 { print $2 }' /proc/mounts | sort -r | xargs -r umount -l || true
  rm -rf --one-file-system "$ROOT"
}
trap cleanup EXIT

echo "base: debootstrap --variant=minbase $SUITE from $MIRROR"
debootstrap --variant=minbase "$SUITE" "$ROOT" "$MIRROR"

# What debian:bookworm-slim does to stay small: no docs, man pages or translations from later
# installs, no downloaded package files or lists kept in layers.
mkdir -p "$ROOT/etc/dpkg/dpkg.cfg.d" "$ROOT/etc/apt/apt.conf.d"
cat >"$ROOT/etc/dpkg/dpkg.cfg.d/mqtt-harness-slim" <<'CFG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
CFG
cat >"$ROOT/etc/apt/apt.conf.d/mqtt-harness-slim" <<'CFG'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Acquire::Languages "none";
CFG
rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/lib/apt/lists/* "$ROOT"/usr/share/doc/* \
  "$ROOT"/usr/share/man/* "$ROOT"/usr/share/info/* "$ROOT"/var/log/*.log "$ROOT"/tmp/*

echo "base: docker import as $IMAGE"
tar --numeric-owner -C "$ROOT" -c . | docker import \
  --change 'CMD ["/bin/bash"]' \
  --change 'ENV LANG=C.UTF-8' \
  --change "LABEL org.opencontainers.image.title=debian org.opencontainers.image.version=$SUITE org.opencontainers.image.vendor=mqtt-harness org.opencontainers.image.description=\"Debian $SUITE minbase from $MIRROR (debootstrap)\"" \
  --message "debootstrap --variant=minbase $SUITE $MIRROR" \
  - "$IMAGE"
echo "base: $IMAGE built"
