#!/usr/bin/env bash
# Start a throw-away CUPS server with one cups-pdf queue (FS-PDF) for the printing tests, like
# pg-test-server.sh does for PostgreSQL. It is private: its own configuration, spool and socket in DIR,
# so the machine's own CUPS (if any) and another test run are left alone. Needs root (cups-pdf is a
# root-only backend) and Debian's cups + printer-driver-cups-pdf (scripts/setup.sh test installs them).
# Usage: scripts/cups-test-queue.sh start DIR   -> prints "SOCKET OUTPUT_DIR QUEUE" on success
#        scripts/cups-test-queue.sh stop DIR
# Clients reach it with CUPS_SERVER=SOCKET (libcups, so Qt's QPrinter too); printed PDFs land in OUTPUT_DIR.
set -euo pipefail
action="$1"; dir="$2"
queue=FS-PDF
ppd=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd

case "$action" in
  start)
    [ "$(id -u)" = 0 ] || { echo "cups-test-queue: needs root (the cups-pdf backend runs only as root)" >&2; exit 1; }
    for need in /usr/sbin/cupsd /usr/sbin/lpadmin /usr/lib/cups/backend/cups-pdf "$ppd"; do
      [ -e "$need" ] || { echo "cups-test-queue: $need is missing (apt-get install cups printer-driver-cups-pdf)" >&2; exit 1; }
    done
    mkdir -p "$dir"/{etc/ppd,spool/tmp,cache,state,log,out}
    chmod 755 "$dir" "$dir/out"
    chgrp lp "$dir/spool" "$dir/spool/tmp" "$dir/cache" "$dir/state"
    chmod 0770 "$dir/spool/tmp" "$dir/cache" "$dir/state"
    chmod 0710 "$dir/spool"
    socket="$dir/cups.sock"
    cat >"$dir/etc/cups-files.conf" <<EOF
ServerRoot $dir/etc
RequestRoot $dir/spool
TempDir $dir/spool/tmp
CacheDir $dir/cache
StateDir $dir/state
ServerBin /usr/lib/cups
DataDir /usr/share/cups
AccessLog $dir/log/access_log
ErrorLog $dir/log/error_log
PageLog $dir/log/page_log
User lp
Group lp
SystemGroup root
FileDevice No
EOF
    cat >"$dir/etc/cupsd.conf" <<EOF
Listen $socket
LogLevel warn
Browsing No
WebInterface No
DefaultAuthType None
MaxJobs 50
PreserveJobFiles No
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
    # cups-pdf reads /etc/cups/cups-pdf-NAME.conf for the device URI cups-pdf:/NAME (its path is built in):
    # a name per server, so two runs at once each write into their own folder.
    name="fstest$(basename "$dir" | tr -cd 'A-Za-z0-9')"
    cat >"/etc/cups/cups-pdf-$name.conf" <<EOF
Out $dir/out
AnonDirName $dir/out
Spool $dir/spool/cups-pdf
Label 0
UserUMask 0022
Grp root
Log $dir/log
LogType 1
DecodeHexStrings 1
EOF
    echo "$name" >"$dir/cups-pdf-name"
    /usr/sbin/cupsd -f -c "$dir/etc/cupsd.conf" -s "$dir/etc/cups-files.conf" >"$dir/log/cupsd.out" 2>&1 &
    echo $! >"$dir/cupsd.pid"
    for _ in $(seq 1 50); do
      [ -S "$socket" ] && break
      sleep 0.1
    done
    [ -S "$socket" ] || { echo "cups-test-queue: cupsd did not start (see $dir/log)" >&2; exit 1; }
    # (lpadmin warns that PPD drivers are deprecated: kept in the log, shown only when it fails)
    if ! { CUPS_SERVER="$socket" /usr/sbin/lpadmin -p "$queue" -E -v "cups-pdf:/$name" -P "$ppd" \
             -o printer-error-policy=abort-job && CUPS_SERVER="$socket" /usr/sbin/lpadmin -d "$queue"; } \
           2>"$dir/log/lpadmin.err"; then
      echo "cups-test-queue: the queue could not be made: $(cat "$dir/log/lpadmin.err")" >&2; exit 1
    fi
    echo "$socket $dir/out $queue"
    ;;
  stop)
    if [ -f "$dir/cupsd.pid" ]; then
      pid=$(cat "$dir/cupsd.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do  # until it has written its last state (a zombie counts as gone)
        state=$(ps -o stat= -p "$pid" 2>/dev/null || true)
        [ -z "$state" ] || [ "${state:0:1}" = Z ] && break
        sleep 0.1
      done
    fi
    if [ -f "$dir/cups-pdf-name" ]; then
      rm -f "/etc/cups/cups-pdf-$(cat "$dir/cups-pdf-name").conf"
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start DIR | stop DIR" >&2; exit 2
    ;;
esac
