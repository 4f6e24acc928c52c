#!/bin/sh
# Checks the Windows zip: the folder holds both programs, 64-bit Windows executables, the
# WebView2 loader, the licence and the read-me; and the programs load no DLL that is in
# neither the folder nor Windows itself (MinGW's runtime DLLs, lib*.dll, would be missing
# on the user's machine). Lists the zip's contents.
#
# Usage: check-zip.sh ZIP
set -eu

zip=$1
fail() {
    echo "check-zip: $zip: $*" >&2
    exit 1
}

[ -f "$zip" ] || fail "no such zip"
unzip -l "$zip"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unzip -q "$zip" -d "$work"
folder="$work/Ceasefire Tracker"
for file in "Ceasefire Tracker.exe" cftrack.exe WebView2Loader.dll LICENSE.txt README.txt; do
    [ -s "$folder/$file" ] || fail "Ceasefire Tracker/$file is missing"
done

for program in "Ceasefire Tracker.exe" cftrack.exe; do
    x86_64-w64-mingw32-objdump -f "$folder/$program" | grep -q 'file format pei-x86-64' ||
        fail "$program is not a 64-bit Windows program"
    for dll in $(x86_64-w64-mingw32-objdump -p "$folder/$program" | sed -n 's/^[[:space:]]*DLL Name: //p'); do
        if [ ! -e "$folder/$dll" ] && printf '%s' "$dll" | grep -qi '^lib'; then
            fail "$program needs $dll, which is not in the zip"
        fi
    done
done
x86_64-w64-mingw32-objdump -p "$folder/Ceasefire Tracker.exe" | grep -q 'DLL Name: WebView2Loader.dll' ||
    fail "the window does not load WebView2Loader.dll: is it linked another way?"

echo "check-zip: $(basename "$zip"): ok, $(du -k "$zip" | cut -f1) KiB"
