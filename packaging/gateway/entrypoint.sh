#!/bin/sh
# Runs desk-gateway with the secret TOML file when one is mounted (GATEWAY_CONFIG_FILE,
# default /run/secrets/desk-gateway.toml); environment variables win over the file.
#   docker run IMAGE                  -> desk-gateway [--config FILE] serve --host 0.0.0.0 --port 8080
#   docker run IMAGE check-config     -> desk-gateway [--config FILE] check-config
set -eu
if [ -n "${GATEWAY_CONFIG_FILE:-}" ] && [ -f "$GATEWAY_CONFIG_FILE" ]; then
    set -- --config "$GATEWAY_CONFIG_FILE" "$@"
fi
exec desk-gateway "$@"
