#!/bin/sh
# Packs the Windows programs built in RELEASE (target/x86_64-pc-windows-gnu/release) into
# ZIP, as one folder, "Ceasefire Tracker", that a user unpacks and runs from: the window
# ("Ceasefire Tracker.exe"), cftrack.exe, WebView2's loader, which the window loads when
# it starts, the licence and the read-me (both with Windows line ends, for Notepad).
#
# Usage: zip.sh RELEASE ZIP
set -eu

release=$1
zip=$2
here=$(cd "$(dirname "$0")" && pwd)
version=$(node -p "require('$here/../../src-tauri/tauri.conf.json').version")

# The webview2-com-sys crate's build copies the loader into its output folder; the newest
# is the one the window was just linked against.
loader=$(ls -t "$release"/build/webview2-com-sys-*/out/x64/WebView2Loader.dll 2>/dev/null | head -n 1)
[ -n "$loader" ] || {
    echo "zip: WebView2Loader.dll is not in $release/build: is the window built for Windows?" >&2
    exit 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
folder="$work/Ceasefire Tracker"
mkdir "$folder"
cp "$release/ceasefire-tracker.exe" "$folder/Ceasefire Tracker.exe"
cp "$release/cftrack.exe" "$loader" "$folder/"
sed 's/$/\r/' "$here/../../LICENSE" >"$folder/LICENSE.txt"
sed -e "s/@VERSION@/$version/" -e 's/$/\r/' "$here/README.txt" >"$folder/README.txt"

mkdir -p "$(dirname "$zip")"
zip=$(realpath "$zip")
rm -f "$zip"
(cd "$work" && zip -q -r -X "$zip" "Ceasefire Tracker")
echo "$zip"
