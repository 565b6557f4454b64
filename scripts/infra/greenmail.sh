#!/usr/bin/env bash
# GreenMail 2.1 (standalone): a real SMTP and IMAP server in one JVM, for the e-mail channel's tests
# and `make dev` (issue 25). It accepts mail for any address and keeps it in memory; a mailbox is
# created on first use, and with authentication off any password opens it (IMAP login = address).
#   SMTP 127.0.0.1:$SC_MAIL_SMTP_PORT, IMAP 127.0.0.1:$SC_MAIL_IMAP_PORT
# The jar comes from Maven Central (com.icegreen:greenmail-standalone) into $SC_CACHE/greenmail-<version>.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

NAME=greenmail
GREENMAIL_VERSION=2.1.3
DIR=$(sc_dir $NAME)
CACHE=$SC_CACHE/$NAME-$GREENMAIL_VERSION

do_install() {
  # The standalone jar carries its own dependencies: it alone is fetched.
  maven_fetch "$CACHE" "    <dependency><groupId>com.icegreen</groupId><artifactId>greenmail-standalone</artifactId><version>$GREENMAIL_VERSION</version>
      <exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions></dependency>"
}

do_start() {
  mkdir -p "$DIR/log"
  ensure_port_free $NAME "$SC_MAIL_IMAP_PORT"
  nohup setsid java -Xms64m -Xmx256m \
    -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$SC_MAIL_SMTP_PORT" \
    -Dgreenmail.imap.hostname=127.0.0.1 -Dgreenmail.imap.port="$SC_MAIL_IMAP_PORT" \
    -Dgreenmail.auth.disabled \
    -jar "$CACHE/lib/greenmail-standalone-$GREENMAIL_VERSION.jar" >>"$(sc_log $NAME)" 2>&1 &
  echo $! >"$(sc_pidfile $NAME)"
}

mail_ready() { port_open "$SC_MAIL_SMTP_PORT" && port_open "$SC_MAIL_IMAP_PORT"; }
do_wait() { wait_until $NAME 60 mail_ready; }
do_stop() { stop_pid $NAME 20; }

infra_main $NAME "$SC_MAIL_SMTP_PORT" "$@"
