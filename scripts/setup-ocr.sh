#!/usr/bin/env bash
# Tesseract for the offline analyser, from the distribution. Tess4J loads libtesseract.so and
# libleptonica.so by their unversioned names, which Debian and Ubuntu ship in the -dev packages.
# Japanese and Korean too: the screenshots people save hold them (vision.ocrLanguages; the time
# they cost is in docs/search-quality.md).
set -euo pipefail
log() { printf '[setup-ocr] %s\n' "$*" >&2; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
lib_dir() { for d in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib; do [ -e "$d/$1" ] && return 0; done; return 1; }
has_data() { ls /usr/share/tesseract-ocr/*/tessdata/"$1".traineddata >/dev/null 2>&1; }
if lib_dir libtesseract.so && lib_dir libleptonica.so && has_data eng && has_data jpn && has_data kor; then
  exit 0
fi
log "installing Tesseract OCR (English, Japanese, Korean)"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq tesseract-ocr-eng tesseract-ocr-jpn tesseract-ocr-kor \
  libtesseract-dev libleptonica-dev >/dev/null
