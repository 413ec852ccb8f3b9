#!/bin/sh
# The browser tests as if run at other instants (not part of npm test: about 7 minutes an
# instant for the domain files). The demo the browser tests start is built around "now", so a
# test or a demo that holds only on some weekdays, hours or seasons fails here. The server and
# the test code run under libfaketime at each instant (UTC); Chromium cannot load a page under
# it, so Chromium runs on the real clock and each page's clock is set to the instant.
#   [E2E_FILES="tests/e2e/shares.e2e.test.ts ..."] sh tests/elsewhen-e2e.sh "2027-03-28 00:30:00" ...
# Stops at the first instant with a failing test (exit 1).
set -eu
command -v faketime >/dev/null 2>&1 || { echo "faketime is missing: apt-get install -y faketime" >&2; exit 2; }
[ $# -gt 0 ] || { echo "usage: [E2E_FILES=...] sh tests/elsewhen-e2e.sh 'YYYY-MM-DD HH:MM:SS' ..." >&2; exit 2; }
for at in "$@"; do
  echo "[elsewhen-e2e] $at UTC"
  # shellcheck disable=SC2086
  E2E_ELSEWHEN=1 TZ=UTC FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@$at" npx vitest run ${E2E_FILES:-tests/e2e}
done
