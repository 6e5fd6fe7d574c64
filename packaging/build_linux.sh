#!/usr/bin/env bash
# Build the Linux bundle and its tarball (`make package` runs this):
#   dist/assessor/                                  the one-folder app (run dist/assessor/assessor)
#   dist/assessor-<version>-linux-<arch>.tar.gz     the same folder, for users to unpack
# Usage: packaging/build_linux.sh [PYTHON]   (PYTHON: the interpreter with PyInstaller installed)
set -euo pipefail
cd "$(dirname "$0")/.."

python=${1:-.venv/bin/python}
app_id=io.github.assessor.Assessor
version=$("$python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
arch=$(uname -m)
bundle=dist/assessor
tarball=dist/assessor-${version}-linux-${arch}.tar.gz

started=$SECONDS
echo "building the Assessor ${version} bundle with PyInstaller (this takes a minute or two)"
# Expected warnings: libgtk-3/libgdk-3 "not found" for the GTK 3 theme plugin, which the spec
# drops; "required via ctypes not found" for the Windows libraries of click and platformdirs.
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/assessor.spec

# Desktop integration, laid out as under a prefix (share/...) so install.sh can copy it as is.
share=$bundle/share
install -D -m 644 packaging/linux/${app_id}.desktop "$share/applications/${app_id}.desktop"
install -D -m 644 packaging/linux/${app_id}.metainfo.xml "$share/metainfo/${app_id}.metainfo.xml"
install -D -m 644 packaging/linux/${app_id}.mime.xml "$share/mime/packages/${app_id}.xml"
install -D -m 644 ui/icons/assessor.svg "$share/icons/hicolor/scalable/apps/${app_id}.svg"
for png in packaging/icons/assessor-*.png; do
  size=$(basename "$png" .png)
  size=${size#assessor-}
  install -D -m 644 "$png" "$share/icons/hicolor/${size}x${size}/apps/${app_id}.png"
done
install -m 755 packaging/linux/install.sh "$bundle/install.sh"
install -m 644 LICENSE "$bundle/LICENSE"

# The tarball unpacks to one folder, assessor/; entries are sorted and owned by root, so the
# archive does not depend on who built it or on the order the file system lists files in.
rm -f "$tarball"
tar -C dist --owner=0 --group=0 --numeric-owner --sort=name -czf "$tarball" assessor

echo "built $bundle ($(du -sh "$bundle" | cut -f1)) and $tarball ($(du -h "$tarball" | cut -f1))" \
  "in $((SECONDS - started)) s"
