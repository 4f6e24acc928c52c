#!/bin/sh
# Makes what the Debian package holds beside the two programs, into DIR:
#   man1/         the manual pages: cftrack's, one per command, generated from its own
#                 definitions, and the window's; compressed as Debian wants them
#   completions/  cftrack's completions for bash, zsh and fish
#   tauri.json    the package's settings that are worked out here, given to `tauri bundle`
#
# Usage: stage.sh CFTRACK APP DIR  (CFTRACK and APP: the release programs)
set -eu

cftrack=$(realpath "$1")
app=$(realpath "$2")
dir=$3
here=$(dirname "$0")

rm -rf "$dir"
mkdir -p "$dir/man1" "$dir/completions"

"$cftrack" generate man "$dir/man1" >/dev/null
cp "$here/ceasefire-tracker.1" "$dir/man1/"
gzip -9n "$dir"/man1/*.1
for shell in bash zsh fish; do
    "$cftrack" generate completions "$shell" "$dir/completions" >/dev/null
done

# The libraries the programs load, as dpkg-shlibdeps names their packages and the least
# versions that have every symbol used. It reads the package list from debian/control,
# which this project has no use for otherwise: a minimal one in a folder of its own.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/debian"
printf 'Source: ceasefire-tracker\n\nPackage: ceasefire-tracker\nArchitecture: any\n' >"$work/debian/control"
depends=$(cd "$work" && dpkg-shlibdeps -O "$app" "$cftrack" 2>"$work/warnings") || {
    cat "$work/warnings" >&2
    exit 1
}
# It would rather find the programs where a Debian source package installs them; they are
# read all the same.
grep -v 'should already be installed in their package' "$work/warnings" >&2 || true
depends=$(printf '%s\n' "$depends" | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || {
    echo "dpkg-shlibdeps named no dependency" >&2
    exit 1
}

# The product is called "ceasefire-tracker" here, not "Ceasefire Tracker": the bundler
# names the package's file, its documentation folder and its menu entry's file after it,
# and none of them should hold a space. The menu entry's template writes the name out.
json_list=$(printf '%s' "$depends" | sed -e 's/, /", "/g' -e 's/^/"/' -e 's/$/"/')
cat >"$dir/tauri.json" <<EOF
{
  "productName": "ceasefire-tracker",
  "bundle": { "linux": { "deb": { "depends": [$json_list] } } }
}
EOF
