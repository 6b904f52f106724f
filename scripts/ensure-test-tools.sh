#!/usr/bin/env bash
# Why: the ssh:// and TLS connection tests, the Compose parity test and the private-registry test need
# tools beyond the engine.
# Installs, only when missing: openssh-server, openssh-client, openssl, docker-compose (v1),
# docker-registry and apache2-utils (htpasswd); makes the
# Debian base image (scripts/make-debian-images.sh). Idempotent.
set -euo pipefail

say() { echo "ensure-test-tools: $*" >&2; }
die() {
  say "$*"
  exit 1
}

has() { command -v "$1" >/dev/null 2>&1; }

# The Debian base the zero-downtime example's nginx proxy builds from (cached by tag; ~40 s once).
bash "$(dirname "$0")/make-debian-images.sh"

need=()
# sshd lives in /usr/sbin, which a non-root PATH may lack.
has sshd || [ -x /usr/sbin/sshd ] || need+=(openssh-server)
{ has ssh && has ssh-keygen; } || need+=(openssh-client)
has openssl || need+=(openssl)
has docker-compose || need+=(docker-compose)
# The private-registry test runs a Distribution registry with htpasswd basic auth.
has docker-registry || need+=(docker-registry)
has htpasswd || need+=(apache2-utils)

[ "${#need[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ] || ! [ -f /etc/debian_version ] || ! has apt-get; then
  die "missing: ${need[*]}. Install these (Debian package names), or run this script as root on Debian."
fi

say "installing ${need[*]} (apt-get)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Waits for the dpkg lock: another setup script may be installing at the same time.
if ! { apt-get -o DPkg::Lock::Timeout=300 update -qq &&
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${need[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  die "apt-get install ${need[*]} failed"
fi
