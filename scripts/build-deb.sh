#!/usr/bin/env bash
# Builds the Debian packages (libvipps0, libvipps-dev, php8.2-vipps, python3-vipps, vipps-sim,
# vipps-cli) with dpkg-buildpackage into build/deb/, then runs lintian on them.
# The version is VERSION's: debian/changelog is written from it here, not kept by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(cat VERSION)
out=build/deb
rm -rf "$out" && mkdir -p "$out"
when=$(git log -1 --format=%aD 2>/dev/null || date -R)
cat > debian/changelog <<CHANGELOG
libvipps ($version) unstable; urgency=medium

  * Release $version (see CHANGELOG.md).

 -- libvipps maintainers <libvipps@example.org>  $when
CHANGELOG
# -b: binary packages only (the source is this repository). The Swift toolchain is not a
# Debian package and not in Build-Depends: ensure-deps.sh checks for it.
dpkg-buildpackage -b -uc -us \
  --buildinfo-option=-u"$out" --changes-option=-u"$out" \
  --buildinfo-file="$out/libvipps_${version}_amd64.buildinfo" \
  --changes-file="$out/libvipps_${version}_amd64.changes"
ls "$out"
if command -v lintian >/dev/null; then
  echo "build-deb: lintian"
  lintian --info "$out"/*.changes | tee "$out/lintian.txt"
fi
