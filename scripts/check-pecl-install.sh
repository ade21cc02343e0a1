#!/usr/bin/env bash
# What a PECL user does: `pecl package` on bindings/php/ext/package.xml, then `pecl install` of
# the archive, then `php --ri vipps` on the extension it installed. PEAR gets a configuration and
# registry of its own under WORK, and --packagingroot, so that the check needs no root and the
# built vipps.so lands under WORK instead of PHP's extension directory. PEAR unpacks the sources
# under the packaging root but builds in its temp_dir outside it, so the temp_dir inside the root
# is a link to the one outside. libvipps is found the way the extension's config.m4 finds it:
# pkg-config (libvipps-dev, or PKG_CONFIG_PATH pointing at a vipps.pc).
# Usage: scripts/check-pecl-install.sh WORK
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:?usage: check-pecl-install.sh WORK}
version=$(cat "$root/VERSION")
fail() { echo "check-pecl-install: $*" >&2; exit 1; }
command -v pecl >/dev/null || fail "pecl is missing (Debian package php-pear)"

mkdir -p "$work"
work=$(cd "$work" && pwd)
pear_root=$work/pear
rc=$work/pearrc
rm -rf "$pear_root" "$rc"
# PEAR prints PHP 8 deprecation warnings on every command; only its exit status and files count.
pecl config-create "$pear_root" "$rc" > "$work/pecl-config.out" 2>&1 || { cat "$work/pecl-config.out" >&2; fail "pecl config-create failed"; }
for setting in temp_dir=temp cache_dir=cache download_dir=download man_dir=man; do
  pear -c "$rc" config-set "${setting%%=*}" "$pear_root/${setting#*=}" >> "$work/pecl-config.out" 2>&1 \
    || { cat "$work/pecl-config.out" >&2; fail "pear config-set ${setting%%=*} failed"; }
done

(cd "$work" && pecl -c "$rc" package "$root/bindings/php/ext/package.xml") > "$work/pecl-package.out" 2>&1 \
  || { cat "$work/pecl-package.out" >&2; fail "pecl package failed"; }
archive=$work/vipps-$version.tgz
[ -f "$archive" ] || fail "pecl package wrote no $archive"
# package.xml lists its files by hand: one the checkout has and the package lacks is a file a
# PECL user never gets.
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
  missing=$(comm -23 <(git -C "$root/bindings/php/ext" ls-files | grep -v '^package.xml$' | sort) \
    <(tar -tzf "$archive" | sed -n "s|^vipps-$version/||p" | sort))
  [ -z "$missing" ] || fail "package.xml does not list: $missing"
fi

packaging_root=$work/installed
mkdir -p "$pear_root/temp" "$packaging_root$(dirname "$pear_root")"
ln -s "$pear_root" "$packaging_root$pear_root"
echo "check-pecl-install: pecl install vipps-$version.tgz (phpize, configure, make, install)"
pecl -c "$rc" install --nodeps --packagingroot="$packaging_root" "$archive" > "$work/pecl-install.out" 2>&1 \
  || { grep -v 'Warning' "$work/pecl-install.out" | tail -30 >&2; fail "pecl install failed"; }
extension=$packaging_root$(php-config8.2 --extension-dir)/vipps.so
[ -f "$extension" ] || { tail -20 "$work/pecl-install.out" >&2; fail "pecl install left no $extension"; }
php -n -d extension="$extension" --ri vipps > "$work/pecl-ri.out" 2>&1 || { cat "$work/pecl-ri.out" >&2; fail "the installed extension does not load"; }
grep -q "libvipps library version => $version" "$work/pecl-ri.out" || { cat "$work/pecl-ri.out" >&2; fail "php --ri vipps shows no library version"; }
grep -q "OpenSSL => OpenSSL 3" "$work/pecl-ri.out" || { cat "$work/pecl-ri.out" >&2; fail "php --ri vipps shows no OpenSSL version"; }
echo "check-pecl-install: $extension loads (libvipps $version)"
