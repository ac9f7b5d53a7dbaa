#!/bin/sh
# Container entrypoint: the proxy listens on all of the container's interfaces there, so it must not
# start without a client key. Extra arguments are passed to kirotray (e.g. --port 9000).
set -eu
key=$(printf '%s' "${API_KEY:-}" | tr -d '[:space:]')
if [ -z "$key" ]; then
  echo "kirotray: refusing to start without an API key: the proxy listens on ${HOST:-0.0.0.0} in this container." >&2
  echo "kirotray: pass one with  docker run -e API_KEY=<secret> ...  (clients send it as x-api-key)." >&2
  exit 64
fi
exec /usr/bin/kirotray --headless "$@"
