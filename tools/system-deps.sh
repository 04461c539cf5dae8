#!/bin/sh
# Install from Debian (or Ubuntu) what is missing of what the site's tools need beyond Python:
#   pdf   - the PDF editions (make publish): Pango and HarfBuzz for WeasyPrint, Japanese fonts
#   test  - the tests (make test): Chromium, Japanese fonts, poppler-utils (pdftotext, pdftoppm)
# With no argument, both.
set -e
groups="${*:-pdf test}"
missing=""
has_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
need() { case " $missing " in *" $1 "*) ;; *) missing="$missing $1" ;; esac; }
for group in $groups; do
  case "$group" in
    pdf)
      has_lib libpango-1.0.so.0 || need libpango-1.0-0
      has_lib libpangoft2-1.0.so.0 || need libpangoft2-1.0-0
      has_lib libharfbuzz-subset.so.0 || need libharfbuzz-subset0
      fc-list 2>/dev/null | grep -q "Noto Sans CJK" || need fonts-noto-cjk
      ;;
    test)
      command -v chromium >/dev/null 2>&1 || need chromium
      fc-list 2>/dev/null | grep -q "Noto Sans CJK" || need fonts-noto-cjk
      command -v pdftotext >/dev/null 2>&1 || need poppler-utils
      ;;
    *) echo "Unknown group: $group (pdf or test)" >&2; exit 2 ;;
  esac
done
[ -z "$missing" ] && exit 0
echo "Installing:$missing"
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
