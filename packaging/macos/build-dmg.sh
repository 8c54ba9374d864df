#!/usr/bin/env bash
# macOS: build "Host Console.app" with the shared spec, self-test it, sign and notarize it when
# the credentials are present, and wrap it in a .dmg. Runs on a macOS machine (CI: macos-14).
#   APPLE_SIGN_IDENTITY  "Developer ID Application: …"   (signing)
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD            (notarization)
set -euo pipefail
cd "$(dirname "$0")/../.."
version="$(python -c 'import hostconsole; print(hostconsole.__version__)')"
python packaging/make_icons.py
iconset="build/hostconsole.iconset"
mkdir -p "$iconset"
for size in 16 32 128 256; do
    sips -z "$size" "$size" packaging/icons/hostconsole.png --out "$iconset/icon_${size}x${size}.png" >/dev/null
done
iconutil -c icns "$iconset" -o packaging/icons/hostconsole.icns
python -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/hostconsole.spec
app="dist/Host Console.app"
"$app/Contents/MacOS/hostconsole" --self-test
if [[ -n "${APPLE_SIGN_IDENTITY:-}" ]]; then
    codesign --force --deep --options runtime --timestamp --sign "$APPLE_SIGN_IDENTITY" "$app"
    codesign --verify --strict --verbose=2 "$app"
fi
dmg="dist/HostConsole-${version}.dmg"
hdiutil create -volname "Host Console" -srcfolder "$app" -ov -format UDZO "$dmg"
if [[ -n "${APPLE_SIGN_IDENTITY:-}" && -n "${APPLE_ID:-}" ]]; then
    codesign --sign "$APPLE_SIGN_IDENTITY" --timestamp "$dmg"
    xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
        --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$dmg"
fi
hdiutil attach "$dmg" -nobrowse -mountpoint /tmp/hostconsole-dmg
"/tmp/hostconsole-dmg/Host Console.app/Contents/MacOS/hostconsole" --self-test
hdiutil detach /tmp/hostconsole-dmg
echo "$dmg"
