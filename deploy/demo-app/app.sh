#!/bin/sh
# The demo application: what any application on the /con interface does.
# 1. At start, check the layout and warn where the image's defaults are in use (vaas-agent doctor;
#    its warnings never stop the app).
# 2. With APP_WAIT_FOR set (a ..ready sentinel), start only once the files are complete.
# 3. Read /con/configuration/app.properties and /con/secret/db_password, and print a line
#    whenever what it reads changes: the greeting, and the secret's sha256 (never the secret).
#    The same line goes to /con/log/seen when /con/log is writable.
set -u
/opt/vaas-agent/runtime/bin/java -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xshare:auto \
  -jar /opt/vaas-agent/vaas-agent.jar doctor --root /con || true
if [ -n "${APP_WAIT_FOR:-}" ]; then
  echo "demo-app: waiting for $APP_WAIT_FOR"
  while [ ! -e "$APP_WAIT_FOR" ]; do sleep 0.1; done
fi
last=""
while true; do
  greeting=$(sed -n 's/^greeting=//p' /con/configuration/app.properties 2>/dev/null)
  if [ -r /con/secret/db_password ]; then
    secret=$(sha256sum /con/secret/db_password | cut -c1-64)
  else
    secret=none
  fi
  seen="greeting=$greeting db_password.sha256=$secret"
  if [ "$seen" != "$last" ]; then
    echo "demo-app reads: $seen"
    if [ -w /con/log ]; then echo "$seen" > /con/log/seen.tmp && mv /con/log/seen.tmp /con/log/seen; fi
    last=$seen
  fi
  sleep 0.1
done
