#!/bin/sh
# A side container: the same volumes, with logic. It renders app.properties from its
# environment and writes the secret into memory (tmpfs), then re-renders every few seconds
# (a stand-in for etcd, confd, a decrypting tool, …), each time by an atomic rename.
set -eu
while true; do
  printf 'greeting=%s\n' "${GREETING:-hello from a side container}" > /con/configuration/.app.properties.tmp
  mv /con/configuration/.app.properties.tmp /con/configuration/app.properties
  printf '%s' "${DB_PASSWORD:-side-container-secret}" > /con/secret/.db_password.tmp
  mv /con/secret/.db_password.tmp /con/secret/db_password
  touch /con/configuration/..ready
  sleep 5
done
