#!/usr/bin/env bash
# Install Assessor from this unpacked folder for the current user (no root needed):
#   ./install.sh                  copies the app to ~/.local/lib/assessor, adds ~/.local/bin/assessor,
#                                 the menu entry, the icons, the software-centre metadata and the
#                                 file type of respondent files (*.assessor open with Assessor)
#   ./install.sh --prefix DIR     the same under DIR instead of ~/.local (e.g. /usr/local, as root)
#   ./install.sh --uninstall      removes all of that again
# Your assessments live in the data folder (~/.local/share/Assessor) and are never touched here.
set -euo pipefail

app_id=io.github.assessor.Assessor
here=$(cd "$(dirname "$0")" && pwd)
prefix=${HOME}/.local
action=install
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
    --uninstall) action=uninstall; shift ;;
    -h | --help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 1 ;;
  esac
done

app_dir=$prefix/lib/assessor
installed=(
  "$prefix/bin/assessor"
  "$prefix/share/applications/${app_id}.desktop"
  "$prefix/share/metainfo/${app_id}.metainfo.xml"
  "$prefix/share/mime/packages/${app_id}.xml"
  "$prefix/share/icons/hicolor/scalable/apps/${app_id}.svg"
)
for icon in "$here"/share/icons/hicolor/*x*/apps/${app_id}.png; do
  installed+=("$prefix/share/icons/hicolor/$(basename "$(dirname "$(dirname "$icon")")")/apps/${app_id}.png")
done

refresh_caches() {
  # An icon cache that exists must be brought up to date, or the new icons stay invisible; but
  # none is created where there was none (a new cache would hide icons other apps add later).
  local hicolor=$prefix/share/icons/hicolor
  if [ -f "$hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q -t "$hicolor" 2>/dev/null || true
  elif [ -d "$hicolor" ]; then
    touch "$hicolor"
  fi
  # The MIME database (from share/mime/packages) and the index of which desktop entry opens
  # which file type, so a file manager opens *.assessor files with Assessor. Everything in
  # share/mime but packages/ is generated: with no package left, the generated files go too.
  local mime=$prefix/share/mime applications=$prefix/share/applications
  if [ -d "$mime/packages" ] && [ -n "$(ls -A "$mime/packages")" ]; then
    if command -v update-mime-database >/dev/null; then
      update-mime-database "$mime" 2>/dev/null || true
    fi
  elif [ -d "$mime" ]; then
    rm -rf "$mime"
  fi
  if [ -d "$applications" ] && [ -n "$(ls -A "$applications"/*.desktop 2>/dev/null)" ]; then
    if command -v update-desktop-database >/dev/null; then
      update-desktop-database -q "$applications" 2>/dev/null || true
    fi
  elif [ -d "$applications" ]; then
    rm -f "$applications/mimeinfo.cache"
  fi
}

if [ "$action" = uninstall ]; then
  rm -f "${installed[@]}"
  rm -rf "$app_dir"
  refresh_caches
  echo "Assessor removed from $prefix (your data folder is untouched)"
  exit 0
fi

if [ "$here" != "$app_dir" ]; then
  rm -rf "$app_dir"
  mkdir -p "$app_dir"
  cp -a "$here"/. "$app_dir"/
fi
mkdir -p "$prefix/bin"
ln -sfn "$app_dir/assessor" "$prefix/bin/assessor"
# The desktop entry starts the app by its full path: ~/.local/bin is not on every desktop's PATH.
mkdir -p "$prefix/share/applications"
sed "s|^Exec=assessor |Exec=\"$app_dir/assessor\" |" \
  "$here/share/applications/${app_id}.desktop" >"$prefix/share/applications/${app_id}.desktop"
install -D -m 644 "$here/share/metainfo/${app_id}.metainfo.xml" \
  "$prefix/share/metainfo/${app_id}.metainfo.xml"
install -D -m 644 "$here/share/mime/packages/${app_id}.xml" "$prefix/share/mime/packages/${app_id}.xml"
for icon in "$here"/share/icons/hicolor/*/apps/${app_id}.*; do
  install -D -m 644 "$icon" "$prefix/share/icons/${icon#"$here/share/icons/"}"
done
refresh_caches
echo "Assessor installed in $app_dir; start it from the applications menu or with $prefix/bin/assessor"
