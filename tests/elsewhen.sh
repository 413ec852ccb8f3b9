#!/bin/sh
# The unit and API tests once more, as if run in another time zone on a day far from today:
# a test (or a rule) that silently depends on the real date or on the server's zone fails here.
# The far instant is just after the 2031 spring DST change in Paris, on a Sunday night.
set -eu
export TZ="${ELSEWHEN_TZ:-America/Los_Angeles}"
FAR="${ELSEWHEN_DATE:-2031-03-30 01:30:00}"
if command -v faketime >/dev/null 2>&1; then
  echo "[elsewhen] TZ=$TZ, system date $FAR (faketime)"
  FAKETIME_DONT_FAKE_MONOTONIC=1 exec faketime -f "@$FAR" npx vitest run tests/unit tests/api
fi
echo "[elsewhen] faketime is missing (apt-get install -y faketime; .ci/run installs it): TZ=$TZ only"
exec npx vitest run tests/unit tests/api
