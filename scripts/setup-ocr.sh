#!/usr/bin/env bash
# Tesseract for the offline analyser, from the distribution. Tess4J loads libtesseract.so and
# libleptonica.so by their unversioned names, which Debian and Ubuntu ship in the -dev packages.
set -euo pipefail
log() { printf '[setup-ocr] %s\n' "$*" >&2; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
lib_dir() { for d in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib; do [ -e "$d/$1" ] && return 0; done; return 1; }
if lib_dir libtesseract.so && lib_dir libleptonica.so && ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata >/dev/null 2>&1; then
  exit 0
fi
log "installing Tesseract OCR (English)"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq tesseract-ocr-eng libtesseract-dev libleptonica-dev >/dev/null
