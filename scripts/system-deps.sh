#!/usr/bin/env bash
# Debian packages the project uses: CJK fonts for the PDF engine, LibreOffice as the
# reference renderer, qpdf and poppler-utils for checking PDFs. Installed only when
# run as root on a machine with apt-get and only when something is missing; else a
# note says what the tests will skip.
set -euo pipefail

packages=(fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei qpdf poppler-utils
          libreoffice-writer-nogui)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "note: not root or no apt-get; missing Debian packages: ${missing[*]}" >&2
  echo "      tests that need them are skipped" >&2
fi
