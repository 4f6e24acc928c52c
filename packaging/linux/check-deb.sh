#!/bin/sh
# Checks a built Debian package as a user would meet it: a file name without spaces; both
# programs, stripped, and cftrack runs; its manual pages (and the window's) and completions;
# the copyright file and the changelog; Maintainer with an address, Section, Depends on
# libc; and no error from lintian, whose other findings are printed.
#
# Usage: check-deb.sh PACKAGE.deb
set -eu

deb=$1
fail() {
    echo "check-deb: $deb: $*" >&2
    exit 1
}

[ -f "$deb" ] || fail "no such package (was it built under another name?)"
case $(basename "$deb") in
*[!a-z0-9.+~_-]*) fail "the file name holds a character other than a-z 0-9 . + ~ _ -" ;;
esac

files=$(dpkg-deb --contents "$deb" | awk '{ print $6 }' | sed 's|^\./||')
for path in \
    usr/bin/ceasefire-tracker \
    usr/bin/cftrack \
    usr/share/applications/ceasefire-tracker.desktop \
    usr/share/doc/ceasefire-tracker/copyright \
    usr/share/doc/ceasefire-tracker/changelog.gz \
    usr/share/man/man1/ceasefire-tracker.1.gz \
    usr/share/man/man1/cftrack.1.gz \
    usr/share/man/man1/cftrack-proposal-list.1.gz \
    usr/share/man/man1/cftrack-report.1.gz \
    usr/share/bash-completion/completions/cftrack \
    usr/share/zsh/vendor-completions/_cftrack \
    usr/share/fish/vendor_completions.d/cftrack.fish; do
    printf '%s\n' "$files" | grep -qx "$path" || fail "$path is missing"
done

maintainer=$(dpkg-deb --field "$deb" Maintainer)
printf '%s' "$maintainer" | grep -Eq '<[^<>@ ]+@[^<>@ ]+>$' || fail "Maintainer has no address: $maintainer"
[ -n "$(dpkg-deb --field "$deb" Section)" ] || fail "no Section"
dpkg-deb --field "$deb" Depends | grep -Eq '(^|, )libc6( |,|$)' || fail "no dependency on libc6"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb --extract "$deb" "$work"
for program in ceasefire-tracker cftrack; do
    ! readelf --section-headers "$work/usr/bin/$program" | grep -q '\.symtab' || fail "$program is not stripped"
done
"$work/usr/bin/cftrack" --version | grep -q '^cftrack ' || fail "the packaged cftrack does not run"
# `man` renders the page, and says what groff finds wrong with it.
man_warnings=$(MANWIDTH=80 man --warnings -l "$work/usr/share/man/man1/cftrack.1.gz" 2>&1 >/dev/null)
[ -z "$man_warnings" ] || fail "the manual page of cftrack has problems: $man_warnings"

# lintian fails on an error; warnings and notes are printed for the reader, as the
# README says which remain and why.
lintian --fail-on error --display-info "$deb" >"$work/lintian" 2>&1 || {
    cat "$work/lintian" >&2
    fail "lintian found errors"
}
sed 's/^/lintian: /' "$work/lintian"

pages=$(printf '%s\n' "$files" | grep -c '^usr/share/man/man1/.*\.1\.gz$')
size=$(du -k "$deb" | cut -f1)
echo "check-deb: $(basename "$deb"): ok, ${size} KiB, both programs, $pages manual pages," \
    "$(grep -c '^E:' "$work/lintian" || true) lintian errors, $(grep -c '^W:' "$work/lintian" || true) warnings"
