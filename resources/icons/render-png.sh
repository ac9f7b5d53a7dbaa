#!/usr/bin/env bash
# Regenerates the committed PNG renders of the application icon and the Windows .ico from kirotray.svg.
# Run after editing kirotray.svg; needs rsvg-convert (Debian: librsvg2-bin) and python3.
set -euo pipefail
cd "$(dirname "$0")"
for n in 16 22 24 32 48 64 128 256; do
  mkdir -p "hicolor/${n}x${n}/apps"
  rsvg-convert -w "$n" -h "$n" kirotray.svg -o "hicolor/${n}x${n}/apps/kirotray.png"
done
# An .ico holding PNG images (supported since Windows Vista), for the NSIS installer and the .exe.
python3 - <<'PY'
import struct
sizes = [16, 24, 32, 48, 64, 128, 256]
images = [open(f"hicolor/{n}x{n}/apps/kirotray.png", "rb").read() for n in sizes]
out = struct.pack("<HHH", 0, 1, len(sizes))
offset = 6 + 16 * len(sizes)
for n, data in zip(sizes, images):
    out += struct.pack("<BBBBHHII", n % 256, n % 256, 0, 0, 1, 32, len(data), offset)
    offset += len(data)
open("kirotray.ico", "wb").write(out + b"".join(images))
PY
