#!/usr/bin/env python3
"""Copy an .xlsx, replacing text in one of its parts (a control for the LibreOffice tests).

    python3 scripts/verify/patch_xlsx.py IN.xlsx OUT.xlsx PART OLD NEW

PART is the zip entry (xl/worksheets/sheet1.xml). OLD must occur exactly once in it.
"""
import sys
import zipfile


def main(argv):
    src, dst, part, old, new = argv[1:6]
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                text = data.decode("utf-8")
                n = text.count(old)
                if n != 1:
                    raise SystemExit(f"{part}: {old!r} occurs {n} times, not once")
                data = text.replace(old, new).encode("utf-8")
            zout.writestr(info, data)


if __name__ == "__main__":
    main(sys.argv)
