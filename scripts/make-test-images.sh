#!/usr/bin/env bash
# Why: no image registry is reachable, so the busybox images the tests and examples use are made locally.
# Builds stackform-test/busybox:1 and stackform-example/busybox:1 (one image, two tags) with `docker import`
# from busybox-static; a tag that already exists is kept. Needs a reachable engine (scripts/ensure-engine.sh).
set -euo pipefail

TAGS=(stackform-test/busybox:1 stackform-example/busybox:1)
BUSYBOX=/bin/busybox

say() { echo "make-test-images: $*" >&2; }
die() {
  say "$*"
  exit 1
}

# shellcheck source=lib/missing-tags.sh
source "$(dirname "$0")/lib/missing-tags.sh"
missing_tags "${TAGS[@]}"

# A dynamically linked busybox (Debian's `busybox` package) would not run in an image without libc.
if ! [ -x "$BUSYBOX" ] || ldd "$BUSYBOX" >/dev/null 2>&1; then
  die "no static $BUSYBOX; run: bash scripts/ensure-engine.sh (installs busybox-static)"
fi

say "building ${missing[*]}"
rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT

mkdir -p "$rootfs"/{bin,etc,root,tmp,var/www}
chmod 1777 "$rootfs/tmp"
chmod 700 "$rootfs/root"
cp "$BUSYBOX" "$rootfs/bin/busybox"
for applet in $("$BUSYBOX" --list); do
  [ "$applet" = busybox ] || ln -s busybox "$rootfs/bin/$applet"
done
printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' \
  >"$rootfs/etc/passwd"
printf '%s\n' 'root:x:0:' 'nobody:x:65534:' >"$rootfs/etc/group"
echo "hello from stackform" >"$rootfs/var/www/index.html"

# Fixed owner, order and times: the same busybox gives the same layer.
tar -C "$rootfs" --numeric-owner --owner=0 --group=0 --sort=name --mtime=@0 -c . |
  docker import -c 'CMD ["sh"]' -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "${missing[0]}" >/dev/null
for tag in "${missing[@]:1}"; do docker tag "${missing[0]}" "$tag"; done
