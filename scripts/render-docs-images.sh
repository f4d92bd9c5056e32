#!/usr/bin/env bash
# Render docs/*.png: the filled registration form, agreement and warning letter
# of the synthetic person in tests/archive/data/full/p001, through LibreOffice
# and pdftoppm (60 dpi, first page). The template font names are mapped to
# free faces with fontconfig aliases, as DOMAIN.md §4 describes.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat > "$work/fonts.conf" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>AR PL UKai CN</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>WenQuanYi Zen Hei</family></prefer></alias>
</fontconfig>
XML
export FONTCONFIG_FILE="$work/fonts.conf"

cp -r "$here/tests/archive/data/full" "$work/archive"
"$here/.venv/bin/rehab-archive" build "$work/archive/p001" --docx-only
docx="$work/archive/p001/out/docx"
soffice --headless "-env:UserInstallation=file://$work/profile" --convert-to pdf \
  --outdir "$work/pdf" "$docx/02-registration-1.docx" "$docx/03-agreement-1.docx" \
  "$docx/09-warning_letter-1.docx" >/dev/null
for name in registration agreement warning_letter; do
  pdf=$(ls "$work/pdf/"*"-$name-1.pdf")
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$pdf" "$here/docs/$name"
done
ls -l "$here/docs/"*.png
