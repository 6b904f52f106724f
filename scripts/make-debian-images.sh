#!/usr/bin/env bash
# Why: no image registry is reachable, and the zero-downtime example and tests need real Debian packages
# (nginx). Builds stackform-test/debian:bookworm and stackform-example/debian:bookworm (one image, two
# tags) with debootstrap from the host's Debian mirror; a tag that already exists is kept (~40 s otherwise).
# Needs root, apt-get and a reachable engine (scripts/ensure-engine.sh).
set -euo pipefail

TAGS=(stackform-test/debian:bookworm stackform-example/debian:bookworm)
SUITE=bookworm

say() { echo "make-debian-images: $*" >&2; }
die() {
  say "$*"
  exit 1
}

# shellcheck source=lib/missing-tags.sh
source "$(dirname "$0")/lib/missing-tags.sh"
missing_tags "${TAGS[@]}"

if ! command -v debootstrap >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || die "debootstrap is missing; install it (Debian package debootstrap)"
  say "installing debootstrap (apt-get)"
  apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq debootstrap >/dev/null
fi

# The host's own mirror: the only one known to be reachable here.
mirror=""
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
fi
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
  mirror=$(awk '/^deb / { print $2; exit }' /etc/apt/sources.list)
fi
mirror=${mirror:-http://deb.debian.org/debian}

say "building ${missing[*]} from $mirror (about 40 s)"
rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
log=$(mktemp)
if ! debootstrap --variant=minbase "$SUITE" "$rootfs" "$mirror" >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  rm -f "$log"
  die "debootstrap failed"
fi
rm -f "$log"
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*

tar -C "$rootfs" --numeric-owner -c . |
  docker import -c 'CMD ["bash"]' -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "${missing[0]}" >/dev/null
for tag in "${missing[@]:1}"; do docker tag "${missing[0]}" "$tag"; done
