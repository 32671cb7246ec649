#!/usr/bin/env bash
# frontdesk for macOS: the .app (PyInstaller, from ../frontdesk.spec) in a .dmg.
# NOT RUN OR TESTED YET: written on Linux. The CI workflow (../ci/build-installers.yml) runs it
# on a macOS runner.
#
#     bash resources/packaging/macos/make_dmg.sh      (from the checkout, in the venv)
# gives dist/frontdesk.app and dist/frontdesk-<version>.dmg.
#
# The .app is signed ad hoc only (PyInstaller does that on Apple silicon). To hand it to a hotel
# it must be signed with a Developer ID and notarized (codesign --deep --options runtime, then
# xcrun notarytool submit --wait and xcrun stapler staple); that needs the team's certificate.
# Upgrade: drag the new frontdesk.app over the old one. Removing it (to the Bin) leaves the
# database in ~/Library/Application Support/frontdesk.
set -euo pipefail
cd "$(dirname "$0")/../../.."

python -m PyInstaller --noconfirm --distpath dist --workpath build/pyinstaller \
    resources/packaging/frontdesk.spec
version=$(python -c 'import frontdesk; print(frontdesk.__version__)')
app=dist/frontdesk.app
"$app/Contents/MacOS/frontdesk" --version
QT_QPA_PLATFORM=offscreen "$app/Contents/MacOS/frontdesk" selftest

staging=build/dmg
rm -rf "$staging"
mkdir -p "$staging"
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "dist/frontdesk-$version.dmg"
hdiutil create -volname "frontdesk $version" -srcfolder "$staging" -ov -format UDZO \
    "dist/frontdesk-$version.dmg"
echo "dist/frontdesk-$version.dmg"
