#!/usr/bin/env bash
# Prints a new random API key and the SHA-256 digest to put in the tenants document
# (docs/tenancy.md). Give the key to the tenant over a secure channel; DES stores only the digest.
set -euo pipefail
key="des_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
digest="$(printf %s "$key" | sha256sum | cut -d' ' -f1)"
echo "key:    $key"
echo "digest: $digest"
