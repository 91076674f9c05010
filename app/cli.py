"""Admin and script commands: ``fever-sentinel <command>``; ui.launcher adds the desktop app.

Exit codes carry the result. A refusal prints one line, ``error [code]: sentence``, the sentence from
app/vocabulary/errors.py in the data directory's language (as the desks say it).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from app import __version__
from app.actor import Actor
from app.disk_full import is_disk_full
from app.errors import FeverSentinelError, StorageError, ValidationError
from app.files import owner_only_umask, write_private_bytes
from app.paths import DataPaths, resolve_paths
from app.permissions import Role
from app.clinic_info import DEFAULT_TIMEZONE, ClinicLevel
from app.vocabulary import cli_language
from app.vocabulary import errors as error_words

if TYPE_CHECKING:  # the database stack loads when a command needs it: the desktop app opens it behind its window
    from app.context import AppContext
    from app.selftest import ProbeFactory

_language = "en"  # the language of this run's messages: the data directory's (set by _main)


def describe(err: FeverSentinelError) -> str:
    """One line for a refusal: ``error [code]: sentence (details)``; the code and details are for scripts and
    whoever supports the desk, the sentence (app/vocabulary/errors.py, as on the desks) for the person."""
    text = error_words.sentence(err.code, err.details, _language)
    # the sentence does not say which value
    generic = err.code in ("required", "too_long", "hub_list_invalid", "list_item")
    extra = ", ".join(f"{k}={v}" for k, v in err.details.items() if k != "field" or generic)
    return f"error [{err.code}]: {text}" + (f" ({extra})" if extra else "")


def clinic_time(when: Any, zone: Any) -> str:
    """A time as the CLI prints it for people (issue 14): clinic local time with its zone, e.g.
    ``2026-12-03 09:15 +08:00`` (``--json`` keeps ISO 8601 in UTC, with its ``+00:00``)."""
    local = when.astimezone(zone)
    offset = int(local.utcoffset().total_seconds()) // 60
    sign = "-" if offset < 0 else "+"
    return f"{local:%Y-%m-%d %H:%M} {sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"


def clinic_zone(ctx: AppContext) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(ctx.clinic.get().timezone)


def read_password(stdin: TextIO, prompt: str = "Password: ") -> str:
    """From a terminal: asked twice without echo. From a pipe: the first line."""
    if stdin.isatty():
        import getpass  # a terminal only; the desktop's start never prompts

        first = getpass.getpass(prompt)
        if first != getpass.getpass("Repeat: "):
            raise FeverSentinelError("password_mismatch")
        password = first
    else:
        password = stdin.readline().rstrip("\r\n")
    if not password:
        raise FeverSentinelError("empty_password")
    return password


# ----- commands --------------------------------------------------------------------------------

def cmd_init(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    password = read_password(sys.stdin)
    clinic, admin = ctx.clinic.initialize(
        Actor.system(), code=args.clinic_code, name=args.clinic_name, level=args.level,
        admin_username=args.admin, admin_full_name=args.admin_name or args.admin, admin_password=password,
        timezone=args.timezone, mode=args.mode,
    )
    print(f"clinic {clinic.code} ({clinic.name}) created; admin '{admin.username}'; "
          f"mode {ctx.clinic.mode().mode}; "
          f"signing key {clinic.key_id} in {ctx.clinic.keys.path_for(clinic.code)}", file=out)
    return 0


def cmd_user_add(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    password = read_password(sys.stdin)
    user = ctx.users.create(Actor.system(), username=args.name, full_name=args.full_name or args.name,
                            roles=args.role, password=password)
    print(f"user '{user.username}' added with roles {', '.join(sorted(user.roles))}", file=out)
    return 0


def cmd_user_list(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    users = ctx.users.list(Actor.system())
    if args.json:
        json.dump([{"username": u.username, "full_name": u.full_name, "roles": sorted(u.roles),
                    "active": u.active, "locked_until": u.locked_until.isoformat() if u.locked_until else None}
                   for u in users], out, ensure_ascii=False, indent=2)
        print(file=out)
        return 0
    from app import vocabulary as V
    from app.vocabulary.clinic import ROLE
    from app.vocabulary.phrases import LIST_SEPARATOR

    for u in users:
        state = "active" if u.active else "disabled"
        if u.locked_until and u.locked_until > ctx.clock.now():
            state += f", locked until {clinic_time(u.locked_until, clinic_zone(ctx))}"
        roles = LIST_SEPARATOR.say(_language).join(V.labels(ROLE, u.roles, _language))
        print(f"{u.username:<20} {u.full_name:<16} {roles:<28} {state}", file=out)
    return 0


def cmd_user_disable(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """A doctor's open cases are listed first; disabling them anyway needs --force (then reassign them)."""

    cases = ctx.reassign.open_cases_of(Actor.system(), args.name)
    for c in cases:
        waiting = f"  hand-over waiting for {c.handover_to}" if c.handover_to else ""
        print(f"open case {c.visit_no}  {c.classification:<12} doctor {c.doctor_username}"
              f"{'  in a ward' if c.in_ward else ''}{waiting}", file=out)
    if cases and not args.force:
        print(f"error [doctor_has_open_cases]: '{args.name}' still has {len(cases)} open case(s); reassign them "
              "in the desktop app (Users), or disable anyway with --force", file=sys.stderr)
        return 1
    ctx.users.set_active(Actor.system(), args.name, False, open_cases_seen=bool(cases))
    print(f"user '{args.name}' disabled" + (f"; reassign its {len(cases)} open case(s)" if cases else ""), file=out)
    return 0


def cmd_user_enable(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    ctx.users.set_active(Actor.system(), args.name, True)
    print(f"user '{args.name}' enabled", file=out)
    return 0


def cmd_user_reset_password(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    ctx.users.reset_password(Actor.system(), args.name, read_password(sys.stdin, "New password: "))
    print(f"password of '{args.name}' reset; any lockout cleared", file=out)
    return 0


def cmd_audit_verify(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    if args.hub:  # issue 13: the local trail against every anchor the county hub holds
        from app.reporting.anchor_check import AnchorService

        check = AnchorService(ctx.sync).check(Actor.system(), args.hub)
        if args.json:
            json.dump({"ok": check.ok, "problem": check.problem, "anchors_checked": check.anchors_checked,
                       "local_head_seq": check.local_head_seq, "seq": check.seq, "hub_seq": check.hub_seq,
                       "restores": [r.seq for r in check.restores]}, out)
            print(file=out)
        else:
            print(check.line(), file=out)
        return 0 if check.ok else 1
    report = ctx.audit.verify(Actor.system())
    if args.json:
        json.dump({"ok": report.ok, "rows": report.rows, "head_seq": report.head_seq, "head_hash": report.head_hash,
                   "first_broken_seq": report.first_broken_seq, "problem": report.problem}, out)
        print(file=out)
    elif report.ok:
        print(f"audit chain intact: {report.rows} rows, head {report.head_seq} {report.head_hash}", file=out)
    elif report.edited is not None:
        e = report.edited
        print(f"audit trail BROKEN: {e.entity} {e.entity_id} was edited outside the program after its audit row "
              f"at seq {e.seq} (business_row_edited)", file=out)
    else:
        print(f"audit chain BROKEN at sequence number {report.first_broken_seq} ({report.problem})", file=out)
    return 0 if report.ok else 1


def cmd_sync_hub_key(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """Show, or pin, the county hub's public key (its receipts and anchor lists are checked against it)."""
    from app.reporting.anchor_check import AnchorService

    service = AnchorService(ctx.sync)
    pinned = service.set_hub_key(Actor.system(), args.key) if args.key else service.hub_key()
    print(f"hub key {pinned.public_key} (fingerprint {pinned.fingerprint}, from {pinned.source})" if pinned
          else "no hub key pinned yet: the first receipt pins it, or set it with: sync hub-key KEY", file=out)
    return 0


def cmd_hub_public_key(args: argparse.Namespace, out: TextIO) -> int:
    """Print the hub's public key (made on first start next to the hub database) for the clinics to pin."""
    from app.hub import anchors

    url = _hub_url(args)
    beside = Path(url.removeprefix("sqlite:///")).parent if url.startswith("sqlite:///") else \
        resolve_paths(getattr(args, "data_dir", None)).root
    key = anchors.load_or_create_key(beside)
    if args.quiet:
        print(key.public_text, file=out)
    else:
        print(f"hub public key: {key.public_text}\nfingerprint: "
              f"{' '.join(key.key_id[i:i + 4] for i in range(0, 16, 4))}", file=out)
    return 0


def read_passphrase(stdin: TextIO, prompt: str, *, repeat: bool) -> str:
    """The signing keys' passphrase: from a terminal without echo (asked twice when ``repeat``), from a pipe
    the first line — never from the command line (it would stay in the shell history and the process list)."""
    if stdin.isatty():
        import getpass  # a terminal only; the desktop's start never prompts

        first = getpass.getpass(prompt)
        if repeat and first != getpass.getpass("Repeat: "):
            raise FeverSentinelError("password_mismatch")
        passphrase = first
    else:
        passphrase = stdin.readline().rstrip("\r\n")
    if not passphrase:
        raise FeverSentinelError("empty_password")
    return passphrase


def cmd_backup(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """A checked backup; --force to overwrite; --with-key adds the signing keys, encrypted, as FILE.keys."""
    passphrase = (read_passphrase(sys.stdin, "Passphrase for the signing keys: ", repeat=True)
                  if args.with_key else None)
    result = ctx.backup.backup(Actor.system(), Path(args.out), overwrite=args.force, key_passphrase=passphrase)
    print(f"backup written: {result.path} ({result.size_bytes} bytes, audit head {result.audit_seq})", file=out)
    if result.keys_file is not None:
        print(f"signing keys ({', '.join(result.key_names)}) encrypted with the passphrase in {result.keys_file}; "
              "keep both files together and the passphrase apart from them", file=out)
    else:
        print("the signing keys are NOT in this backup; keep keys/ safe or use --with-key", file=out)
    return 0


def cmd_restore(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """Replace the database by a backup: confirmed (--yes, or the clinic code typed on a terminal); the
    replaced database is kept beside the live one; --with-key also restores the set's signing keys."""
    from app.services.backup import keys_file_of

    confirm = "yes" if args.yes else None
    if confirm is None:
        if not sys.stdin.isatty():
            raise FeverSentinelError("restore_needs_yes")
        try:
            code: str | None = ctx.clinic.get().code
        except FeverSentinelError:
            code = None
        print(f"This replaces ALL data{f' of clinic {code}' if code else ''} in {ctx.paths.database} with "
              f"{args.file}. Everything recorded after that backup is lost; the current database is kept beside "
              "it as a dated '.before-restore-' copy.", file=out)
        confirm = input(f"Type the clinic code ({code}) or 'yes' to go on: " if code else "Type 'yes' to go on: ")
    passphrase = None
    if args.with_key:
        print(f"signing keys from {keys_file_of(Path(args.file).expanduser())}", file=out)
        passphrase = read_passphrase(sys.stdin, "Passphrase of the signing keys: ", repeat=False)
    result = ctx.backup.restore(Actor.system(), Path(args.file), confirm=confirm, key_passphrase=passphrase)
    print(f"restored {result.source} (clinic {result.clinic_code}, {result.audit_rows} audit rows, chain verified)",
          file=out)
    if result.kept_copy is not None:
        print(f"the replaced database is kept as {result.kept_copy}", file=out)
    if args.with_key:
        print(f"signing keys restored: {', '.join(result.keys_restored) or 'none (already the same)'}", file=out)
        for path in result.keys_set_aside:
            print(f"a different key was kept aside as {path}", file=out)
    return 0


def cmd_import_visits(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """Paper records (CSV UTF-8/GBK or XLSX); the rejected rows are listed in Chinese (offices read them):
    row, column, value and what to correct. ``--template FILE`` writes a file to fill in instead."""
    from app.errors import ValidationError
    from app.triage.paper_import import write_template

    if args.template:
        path = write_template(Path(args.template))
        print(f"template written: {path} (Chinese headers and one example row; fill it in and import it)", file=out)
        return 0
    if not args.file:
        raise ValidationError("required", field="file")
    report = ctx.paper_import.import_visits(Actor.system(), Path(args.file))
    rejections = report.rejected
    if args.json:
        json.dump(report.as_json(), out, ensure_ascii=False)
        print(file=out)
    else:
        print(f"imported {report.imported}, skipped {report.skipped_duplicates} duplicates, "
              f"rejected {len(rejections)}", file=out)
        print(f"导入 {report.imported} 行，已导入过而跳过 {report.skipped_duplicates} 行，"
              f"未导入 {len(rejections)} 行", file=out)
        for rejected in rejections:
            print(f"  {rejected['reason']}", file=out)
    return 0 if not rejections else 1


def cmd_risk_areas_import(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    count = ctx.triage_config.import_risk_areas(Actor.system(), Path(args.file), force=args.force)
    print(f"risk-area list replaced: {count} areas", file=out)
    return 0


def cmd_risk_areas_list(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """The current medium/high-risk area list: level in words, since-date, source."""
    from app.vocabulary import label
    from app.vocabulary.phrases import SINCE, SOURCE
    from app.vocabulary.triage import RISK_AREA_SOURCE, RISK_LEVEL

    areas = ctx.triage_config.risk_areas()
    if args.json:
        json.dump([{"name": a.name, "level": a.level, "level_words": label(RISK_LEVEL, a.level),
                    "since": a.since.isoformat() if a.since else None, "source": a.source,
                    "source_words": label(RISK_AREA_SOURCE, a.source)} for a in areas], out, ensure_ascii=False)
        print(file=out)
        return 0
    for a in areas:
        print(f"{label(RISK_LEVEL, a.level, language=_language)}  {a.name}  "
              f"{SINCE.say(_language).format(date=a.since.isoformat()) if a.since else '-'}  "
              f"{SOURCE.say(_language).format(source=label(RISK_AREA_SOURCE, a.source, language=_language))}",
              file=out)
    high = sum(a.level == "high" for a in areas)
    print(f"{len(areas)} areas ({high} high risk) · 共 {len(areas)} 个地区（高风险 {high} 个）", file=out)
    return 0


def cmd_clocks(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """Open deadline clocks, most urgent first (times in UTC for --json, clinic time otherwise)."""
    from zoneinfo import ZoneInfo

    entries = ctx.deadlines.all_open(Actor.system())
    if args.json:
        json.dump([{"visit_no": e.clock.visit_no, "kind": e.clock.kind, "started": e.clock.started_at.isoformat(),
                    "due": e.clock.due_at.isoformat(), "state": e.state.value, "doctor": e.doctor_username}
                   for e in entries], out)
        print(file=out)
        return 0
    from app.vocabulary import label
    from app.vocabulary.casework import CLOCK_KIND, CLOCK_STATE

    zone = ZoneInfo(ctx.clinic.get().timezone)
    for e in entries:
        left = e.seconds_left
        when = f"{abs(left) // 3600}h{abs(left) % 3600 // 60:02d}m {'left' if left >= 0 else 'overdue'}"
        kind, state = label(CLOCK_KIND, e.clock.kind, language=_language), label(CLOCK_STATE, e.state, language=_language)
        print(f"{e.clock.visit_no:<22} {kind:<10} started {clinic_time(e.clock.started_at, zone)}  "
              f"due {clinic_time(e.clock.due_at, zone)}  {state:<8} {when}  {e.doctor_username}",
              file=out)
    if not entries:
        print("no open clocks", file=out)
    return 0


def cmd_clinic_public_key(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    clinic = ctx.clinic.get()
    print(clinic.public_key, file=out)
    if not args.quiet:
        print(f"# clinic {clinic.code} ({clinic.name}), key id {clinic.key_id}", file=sys.stderr)
    return 0


def cmd_clinic_trust(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    ctx.transfers.trust_clinic(Actor.system(), code=args.code, name=args.name, public_key=args.public_key,
                               purpose=args.purpose)
    print(f"clinic {args.code.upper()} trusted: its signed transfer forms and receipts now verify here "
          f"(purpose {args.purpose}; never a permit)", file=out)
    return 0


def _desk_json(d: Any) -> dict[str, Any]:
    return {"key_id": d.key_id, "workstation": d.workstation, "state": d.state, "purposes": list(d.purposes),
            "first_seen": d.first_seen.isoformat(), "enrolled_by": d.enrolled_by,
            "enrolled_at": d.enrolled_at.isoformat() if d.enrolled_at else None, "revoked_by": d.revoked_by,
            "revoked_at": d.revoked_at.isoformat() if d.revoked_at else None, "revoke_reason": d.revoke_reason,
            "this_desk": d.this_desk, "enrolment_valid": d.enrolment_valid}


def _desk_line(d: Any) -> str:
    from app.vocabulary import label, labels
    from app.vocabulary.clinic import DESK_KEY_STATE, DESK_PURPOSE

    state = label(DESK_KEY_STATE, d.state, language=_language)
    state = state if d.state != "enrolled" or d.enrolment_valid else f"{state} (enrolment does not verify!)"
    extra = f"  for {', '.join(labels(DESK_PURPOSE, d.purposes, _language))}" if d.purposes else ""
    if d.revoke_reason:
        extra += f"  reason: {d.revoke_reason}"
    return f"{d.key_id}  {d.workstation:<20} {state}{extra}{'  (this desk)' if d.this_desk else ''}"


def cmd_desk_key(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """This desk's key id and state (registered as pending at first use; enrolled at once where the clinic key is)."""
    from app.actor import default_workstation
    from app.errors import NotInitialized
    from app.settings import WORKSTATION_NAME

    desk = ctx.desk_keys.this_desk(ctx.settings.get(WORKSTATION_NAME).strip() or default_workstation())
    if desk is None:
        raise NotInitialized()
    if args.json:
        json.dump(_desk_json(desk), out, ensure_ascii=False, indent=2)
        print(file=out)
    else:
        print(_desk_line(desk), file=out)
        if desk.state == "pending":
            print(f"not enrolled yet: on the desk where the clinic was set up, run `desk enrol {desk.key_id}`",
                  file=out)
    return 0


def cmd_desk_list(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    desks = ctx.desk_keys.list(Actor.system())
    if args.json:
        json.dump([_desk_json(d) for d in desks], out, ensure_ascii=False, indent=2)
        print(file=out)
        return 0
    for d in desks:
        print(_desk_line(d), file=out)
    if not desks:
        print("no desk keys", file=out)
    return 0


def cmd_desk_enrol(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    desk = ctx.desk_keys.enrol(Actor.system(), args.key_id, args.purpose or None)
    print(f"desk key {desk.key_id} ({desk.workstation}) enrolled for {','.join(desk.purposes)}", file=out)
    return 0


def cmd_desk_revoke(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    desk = ctx.desk_keys.revoke(Actor.system(), args.key_id, args.reason)
    print(f"desk key {desk.key_id} ({desk.workstation}) revoked: what it signs is refused from the next check",
          file=out)
    return 0


def cmd_clinic_trusted(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """The clinics trusted here, by code (added: UTC for --json, clinic time otherwise)."""
    from zoneinfo import ZoneInfo

    clinics = ctx.transfers.trusted_clinics(Actor.system())
    if args.json:
        json.dump([{"code": c.code, "name": c.name, "key_id": c.key_id, "public_key": c.public_key,
                    "added_at": c.added_at.isoformat(), "purpose": c.purpose} for c in clinics], out,
                  ensure_ascii=False, indent=2)
        print(file=out)
        return 0
    zone = ZoneInfo(ctx.clinic.get().timezone)
    for c in clinics:
        print(f"{c.code:<20} {c.name:<24} key {c.key_id}  for {c.purpose}  "
              f"added {clinic_time(c.added_at, zone)}", file=out)
    if not clinics:
        print("no trusted clinics", file=out)
    return 0


def cmd_clinic_distrust(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    ctx.transfers.distrust_clinic(Actor.system(), args.code, args.reason)
    print(f"clinic {args.code.strip().upper()} no longer trusted: its transfer forms and receipts are refused here",
          file=out)
    return 0


def cmd_permit_verify(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """The gate's own check from the command line: exit 0 admit (or exit, or a repeated scan), 1 deny.
    A dry check — nothing is recorded — unless ``--record`` (then it is a passage, audited)."""
    from app.wards.gate import GateStation

    station = GateStation(ctx.gate, ctx.clock, ctx.paths.root, args.gate)
    decision = station.check(Actor.system(), args.payload, direction=args.direction, record=args.record)
    if args.json:
        json.dump({"decision": "deny" if decision.outcome == "deny" else "admit", "outcome": decision.outcome,
                   "reason": decision.reason, "kind": decision.kind, "holder": decision.masked_name,
                   "id_last4": decision.id_last4, "ward": decision.ward, "bed": decision.bed,
                   "valid_until": decision.valid_until.isoformat() if decision.valid_until else None,
                   "offline": decision.offline, "direction": decision.direction, "flags": list(decision.flags),
                   "recorded": args.record}, out, ensure_ascii=False)
        print(file=out)
    else:
        verdict = {"admit": "ADMIT", "exit": "EXIT", "deny": "DENY", "repeat": "REPEAT"}[decision.outcome]
        print(f"{verdict}{' (' + decision.reason + ')' if decision.reason else ''}"
              f"{' [' + ', '.join(decision.flags) + ']' if decision.flags else ''}"
              f"{' ' + (decision.masked_name or '') + ' ****' + (decision.id_last4 or '') if decision.kind else ''}"
              f"{' [offline]' if decision.offline else ''}{'' if args.record else ' (dry check: not recorded)'}",
              file=out)
    return 1 if decision.outcome == "deny" else 0


def cmd_permit_list(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    permits = ctx.permits.list(Actor.system(), exported=True)  # recorded: the list leaves the app
    now = ctx.clock.now()

    def state(p: Any) -> str:  # issue 14: computed against now, so an active permit past its end is "expired"
        return "expired" if p.state == "active" and p.valid_until <= now else p.state

    if args.json:
        json.dump([{"number": p.number, "id": p.id, "kind": p.kind, "state": state(p), "stored_state": p.state,
                    "ward": p.ward_name,
                    "bed": p.bed, "gates": list(p.gates), "valid_from": p.valid_from.isoformat(),
                    "valid_until": p.valid_until.isoformat(), "payload": p.payload} for p in permits],
                  out, ensure_ascii=False)
        print(file=out)
        return 0
    from app.vocabulary import label
    from app.vocabulary.wards import PERMIT_KIND, PERMIT_STATE

    zone = clinic_zone(ctx) if permits else None
    for p in permits:
        kind, words = label(PERMIT_KIND, p.kind, language=_language), label(PERMIT_STATE, state(p), language=_language)
        print(f"{p.number} {kind:<8} {words:<8} {p.ward_name} {p.bed:<6} gates={','.join(p.gates)} "
              f"until {clinic_time(p.valid_until, zone)}\n    {p.payload}", file=out)
    return 0


def cmd_ears(args: argparse.Namespace, out: TextIO) -> int:
    """EARS C1/C2/C3 on any daily series, so an epidemiologist can check the method."""
    from app.reporting.ears import ears, read_series

    days, counts = read_series(Path(args.file).read_bytes())
    result = ears(days, counts, args.min_sd)
    if args.json:
        json.dump([d.as_json() for d in result], out)
        print(file=out)
        return 0

    def fmt(v: float | None, alarm: bool) -> str:
        return "    -  " if v is None else f"{v:6.2f}{'*' if alarm else ' '}"

    print("date        count     C1      C2      C3   (* = alarm)", file=out)
    for d in result:
        print(f"{d.day}  {d.count:5d}  {fmt(d.c1, d.c1_alarm)} {fmt(d.c2, d.c2_alarm)} {fmt(d.c3, d.c3_alarm)}", file=out)
    return 0


def cmd_severity(args: argparse.Namespace, out: TextIO) -> int:
    """NEWS2 and the emergency triage level of each row of a CSV file (issue 17), so a clinician can check the
    method, as ``ears`` does for early warning. The default figures; a bad row gets one line on stderr, the
    others still print, and the exit code is 1."""
    from app.severity.rows import as_json, read_rows, text_lines
    from app.vocabulary.severity import CLI

    rows = read_rows(Path(args.file).read_bytes())
    for row in rows:
        if row.error is not None:
            where = CLI["bad_line"].say(_language).format(line=row.line)
            said = error_words.sentence(row.error.code, row.error.details, _language)
            print(f"error [{row.error.code}]: {where}{said}", file=sys.stderr)
    good = [row for row in rows if row.error is None]
    if args.json:
        json.dump([as_json(row) for row in good], out, ensure_ascii=False)
        print(file=out)
    else:
        print("\n".join(text_lines(good, _language)), file=out)
    return 1 if len(good) < len(rows) else 0


def cmd_report_daily(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """Show a day's report: the submitted versions if any, otherwise the draft (counts only)."""
    from datetime import date as date_type

    try:
        day = date_type.fromisoformat(args.date)
    except ValueError:
        print("error [date_format]: --date must be YYYY-MM-DD", file=sys.stderr)
        return 2
    versions = ctx.reports.versions(Actor.system(), day)
    if versions:
        latest = versions[-1]
        data = {"date": day.isoformat(), "status": "submitted", "version": latest.version,
                "zero_report": latest.zero_report, "automatic": latest.automatic, "counts": latest.counts,
                "audit_head": {"seq": latest.audit_seq, "hash": latest.audit_hash},
                "submitted_at": latest.submitted_at.isoformat(), "versions": len(versions)}
    else:
        draft = ctx.reports.preview(Actor.system(), day, since_clinic=True)  # before_clinic (issue 14)
        data = {"date": day.isoformat(), "status": "draft", "version": None, "zero_report": draft.zero_report,
                "automatic": False, "counts": draft.counts,
                "audit_head": {"seq": draft.audit_seq, "hash": draft.audit_hash}}
    if args.pdf:
        from app.printing.daily_report import CHART_DAYS, daily_report_pdf
        from app.reporting.series import EARS_LEAD, fever_clinic_series

        status = "draft" if not versions else ("automatic" if data["automatic"] else "submitted")
        pdf = daily_report_pdf(
            ctx.clinic.get(), day, data["counts"], zero_report=bool(data["zero_report"]),  # type: ignore[arg-type]
            status=status, version=data["version"],  # type: ignore[arg-type]
            series=fever_clinic_series(ctx.db, day, CHART_DAYS + EARS_LEAD),
            audit_seq=data["audit_head"]["seq"], audit_hash=data["audit_head"]["hash"],  # type: ignore[index]
            printed_at=ctx.clock.now(), open_alerts=len(ctx.alerts.open_alerts(Actor.system())),
            contacts=ctx.transfers.contacts()[0])  # 填报人 left to write: the command line is nobody's name
        write_private_bytes(args.pdf, pdf)  # owner-only (app/files.py)
    if args.json:
        json.dump(data, out, ensure_ascii=False)
        print(file=out)
        return 0
    kind = "ZERO REPORT" if data["zero_report"] else "daily report"
    print(f"{kind} {day} ({data['status']}{' v' + str(data['version']) if data['version'] else ''})", file=out)
    from app.vocabulary import label
    from app.vocabulary.report import REPORT_COUNT

    counts: dict[str, int] = data["counts"]  # type: ignore[assignment]  # compute_counts: row key → count
    for key, value in counts.items():
        print(f"  {label(REPORT_COUNT, key, language=_language)}  {value}", file=out)
    print(f"  audit head #{data['audit_head']['seq']} {data['audit_head']['hash']}", file=out)  # type: ignore[index]
    return 0


def _print_report(report: Any, out: TextIO, heading: str) -> None:
    """A submitted report in words: the rows as the printed report names them (no raw keys)."""
    from app.vocabulary import label
    from app.vocabulary.report import REPORT_COUNT

    kind = "ZERO REPORT (零报告)" if report.zero_report else "daily report (日报告)"
    print(f"{heading} {report.day}: {kind}, version {report.version}"
          f"{' (automatic)' if report.automatic else ''}", file=out)
    keys = [k for k in REPORT_COUNT if k in report.counts] + sorted(k for k in report.counts if k not in REPORT_COUNT)
    for key in keys:
        print(f"  {label(REPORT_COUNT, key, language=_language)}: {report.counts[key]}", file=out)


def _print_push(result: Any, status: Any, out: TextIO) -> None:
    print(f"delivered {result.delivered} to the county hub; still queued {status.pending} (retried later); "
          f"refused by the hub {status.needs_admin} (waiting for the admin: see the report page)", file=out)


def cmd_report_submit(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """Submit a finished clinic day's report — or, when it is in already, a correction (a new version;
    --note says what was wrong), as the report page does — then deliver it when a hub address is set."""
    from datetime import date as date_type

    try:
        day = date_type.fromisoformat(args.date)
    except ValueError:
        print("error [date_format]: --date must be YYYY-MM-DD", file=sys.stderr)
        return 2
    correcting = bool(ctx.reports.versions(Actor.system(), day))
    report = ctx.reports.submit(Actor.system(), day, note=args.note or "", correcting=correcting)
    _print_report(report, out, "correction submitted for" if correcting else "report submitted for")
    if not ctx.sync.hub_url():
        print("no county hub address set: the report is queued (set it with 'sync push --hub URL')", file=out)
        return 0
    try:
        result = ctx.sync.push(Actor.system())
    except FeverSentinelError as err:  # submitted all the same: it waits in the queue
        print(f"submitted, not delivered yet: {describe(err)}", file=out)
        return 0
    _print_push(result, ctx.sync.status(), out)
    return 0


def cmd_sync_push(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """Submit what is due first (the automatic submissions, as the system), then deliver everything queued."""
    from app.reporting.automatic import automatic_actor

    if args.hub:
        ctx.sync.set_hub_url(Actor.system(), args.hub)
    if args.ca_file is not None:
        ca = ctx.sync.set_hub_ca(Actor.system(), args.ca_file)
        print(f"hub CA set: {ca.subject}, valid until {ca.not_after:%Y-%m-%d}, sha256 {ca.sha256}" if ca
              else "hub CA cleared: the usual certificate authorities only", file=out)
    for report in ctx.reports.auto_submit_due(automatic_actor()):
        _print_report(report, out, "submitted automatically (overdue):")
    result = ctx.sync.push(Actor.system(), force=True)
    _print_push(result, ctx.sync.status(), out)
    return 0 if result.retrying == 0 and result.refused == 0 else 1


def cmd_sync_pull(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """Apply the county's lists, all or nothing (a bad item: neither list is applied, exit 1)."""
    words = {"risk_areas": "medium/high-risk area list (中高风险地区)", "hospitals": "designated hospital list (定点医院)"}
    applied = ctx.sync.pull(Actor.system(), hub_url=args.hub)
    for name, count in applied.items():
        print(f"applied from the county hub: {words.get(name, name)}, {count} items", file=out)
    if not applied:
        print("nothing new from the county hub: no list published, or the versions here are current", file=out)
    return 0


def cmd_sync_export(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """Everything queued for the hub in one signed file, to carry to the county (nothing is marked delivered)."""
    from app.reporting.sneakernet import SneakernetService

    service = SneakernetService(ctx.sync)
    done = service.export_outbox(Actor.system(), args.out or service.default_name())
    print(f"{done.count} queued submission(s) written to {done.path} (digest {done.digest[:16]}); carry it to the "
          "county, then import the county's receipt with 'sync import-receipt FILE'", file=out)
    return 0


def cmd_sync_import_receipt(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """The county's signed receipt for an exported file: marks the entries it holds delivered."""
    from app.reporting.sneakernet import SneakernetService

    done = SneakernetService(ctx.sync).import_receipt(Actor.system(), args.file)
    print(f"receipt applied: {done.delivered} delivered now, {done.already} delivered before, "
          f"{done.refused} refused by the county (see 'sync push'), {done.unknown} not in this outbox", file=out)
    return 1 if done.refused else 0


def cmd_sync_import_lists(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """The county's lists file (from 'hub export-lists'), applied as a pull applies them."""
    from app.reporting.sneakernet import SneakernetService

    applied = SneakernetService(ctx.sync).import_lists(Actor.system(), args.file)
    for name, count in applied.items():
        print(f"applied from the county's file: {name.replace('_', '-')}, {count} items", file=out)
    if not applied:
        print("nothing new in the county's file: the versions here are current", file=out)
    return 0


def _open_hub_signing(args: argparse.Namespace) -> Any:
    """The hub database with the hub's own key (beside it, as 'hub serve' uses it) for what it signs."""
    from app.hub import anchors
    from app.hub.store import open_hub

    url = _hub_url(args)
    db = open_hub(url)
    beside = Path(url.removeprefix("sqlite:///")).parent if url.startswith("sqlite:///") else \
        resolve_paths(getattr(args, "data_dir", None)).root
    anchors.use_key(db, anchors.load_or_create_key(beside))
    return db


def cmd_hub_import(args: argparse.Namespace, out: TextIO) -> int:
    """A clinic's outbox file, stored as the network stores it; the signed receipt written for the clinic."""
    from datetime import datetime, timezone

    from app.hub.sneakernet import import_outbox

    source = Path(args.file)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise ValidationError("file_unreadable", field="file", path=str(source)) from exc
    receipt = Path(args.receipt) if args.receipt else source.with_name(f"{source.stem}.receipt.json")
    db = _open_hub_signing(args)
    try:
        done = import_outbox(db, data, datetime.now(timezone.utc))
    finally:
        db.dispose()
    try:
        receipt.write_bytes(done.receipt)
    except OSError as exc:
        raise ValidationError("file_unwritable", field="receipt", path=str(receipt),
                              reason=exc.strerror or "") from exc
    print(f"{done.line()}; receipt for the clinic written to {receipt}", file=out)
    return 0


def cmd_hub_export_lists(args: argparse.Namespace, out: TextIO) -> int:
    """The county's published lists in one file signed by the hub key, for clinics without a network."""
    from datetime import datetime, timezone

    from app.hub.sneakernet import export_lists

    db = _open_hub_signing(args)
    try:
        data = export_lists(db, datetime.now(timezone.utc))
    finally:
        db.dispose()
    try:
        Path(args.out).write_bytes(data)
    except OSError as exc:
        raise ValidationError("file_unwritable", field="out", path=args.out, reason=exc.strerror or "") from exc
    print(f"county lists written to {args.out}; a clinic applies it with 'sync import-lists FILE'", file=out)
    return 0


def cmd_hub_publish(args: argparse.Namespace, out: TextIO) -> int:
    """Publish the county's list to every clinic: risk-areas (the clinic's CSV, or JSON) or hospitals (JSON).
    Every item is checked first; a bad list is refused whole, naming the item and the field."""
    from datetime import datetime, timezone

    from app.hub.lists import items_from_file
    from app.hub.store import open_hub, publish_list

    name = args.list.replace("-", "_")
    items = items_from_file(name, Path(args.file).read_bytes(), args.file)
    db = open_hub(_hub_url(args))
    try:
        version = publish_list(db, name, items, datetime.now(timezone.utc))
    finally:
        db.dispose()
    print(f"{args.list} version {version} published ({len(items)} items)", file=out)
    return 0


def cmd_hub_user_add(args: argparse.Namespace, out: TextIO) -> int:
    from datetime import datetime, timezone

    from app.hub.auth import add_user
    from app.hub.store import open_hub

    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else read_password(sys.stdin)
    if not password:
        raise FeverSentinelError("empty_password")
    db = open_hub(_hub_url(args))
    try:
        user = add_user(db, args.name, args.role, password, datetime.now(timezone.utc))
    finally:
        db.dispose()
    print(f"county user '{user.username}' added ({user.role})", file=out)
    return 0


def cmd_hub_user_list(args: argparse.Namespace, out: TextIO) -> int:
    from app.hub.auth import list_users
    from app.hub.store import open_hub

    db = open_hub(_hub_url(args))
    try:
        users = list_users(db)
    finally:
        db.dispose()
    if args.json:
        json.dump([{"username": u.username, "role": u.role, "active": u.active, "created_at": u.created_at.isoformat()}
                   for u in users], out)
        print(file=out)
    for u in users if not args.json else []:
        print(f"{u.username:<20} {u.role:<10} {'active' if u.active else 'disabled'}", file=out)
    return 0


def cmd_hub_user_disable(args: argparse.Namespace, out: TextIO) -> int:
    from app.hub.auth import disable_user
    from app.hub.store import open_hub

    db = open_hub(_hub_url(args))
    try:
        disable_user(db, args.name)
    finally:
        db.dispose()
    print(f"county user '{args.name}' disabled; their sessions ended", file=out)
    return 0


def cmd_hub_serve(args: argparse.Namespace, out: TextIO) -> int:
    import uvicorn

    from app.clock import SystemClock
    from app.hub.store import open_hub
    from app.hub.web import create_app

    tls = {}
    if args.tls_cert or args.tls_key:
        _check_tls_files(args.tls_cert, args.tls_key)
        tls = {"ssl_certfile": args.tls_cert, "ssl_keyfile": args.tls_key}
    from app.hub.auth import session_secret

    url = _hub_url(args)
    sock = bind_port(args.host, args.port)  # issue 14: a taken port is one line (port_in_use), before "listening"
    try:
        db = open_hub(url)
        beside = Path(url.removeprefix("sqlite:///")).parent if url.startswith("sqlite:///") else \
            resolve_paths(getattr(args, "data_dir", None)).root
        from app.hub import anchors

        anchors.use_key(db, anchors.load_or_create_key(beside))  # signs the anchor receipts (issue 13)
        print(f"county hub on {'https' if tls else 'http'}://{args.host}:{args.port} ({db.display_url})", file=out,
              flush=True)
        config = uvicorn.Config(create_app(db, SystemClock(), secret=session_secret(beside), https=bool(tls)),
                                host=args.host, port=args.port, log_level="warning", **tls)
        uvicorn.Server(config).run(sockets=[sock])  # serves on the socket bound above: no race for the port
    finally:
        sock.close()
    return 0


def bind_port(host: str, port: int) -> Any:
    """Bind (not yet listen on) ``host:port`` as uvicorn would; a port another program holds is
    ``port_in_use``, any other refusal (no such address, a privileged port) ``port_unavailable``."""
    import errno
    import socket

    try:
        family, kind, proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise FeverSentinelError("port_unavailable", host=host, port=port, reason=str(exc)) from exc
    sock = socket.socket(family, kind, proto)
    if sys.platform == "win32":  # Windows' SO_REUSEADDR would let two servers share the port: the opposite
        sock.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_EXCLUSIVEADDRUSE", socket.SO_REUSEADDR), 1)
    else:  # as uvicorn: a port left in TIME_WAIT by a stopped hub is free, one a server listens on is not
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno in (errno.EADDRINUSE, 10048) or getattr(exc, "winerror", None) == 10048:
            raise FeverSentinelError("port_in_use", host=host, port=port) from exc
        raise FeverSentinelError("port_unavailable", host=host, port=port,
                                 reason=exc.strerror or type(exc).__name__) from exc
    sock.set_inheritable(False)
    return sock


def _check_tls_files(cert: str | None, key: str | None) -> None:
    """Load the pair as uvicorn will, so a wrong file is one line on stderr, not a traceback."""
    import ssl

    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    if not cert or not key:
        raise FeverSentinelError("tls_pair")
    data = {}
    for path in (cert, key):
        try:
            data[path] = Path(path).read_bytes()
        except OSError as exc:
            raise FeverSentinelError("tls_file", path=path, reason=exc.strerror or type(exc).__name__) from exc
    try:
        x509.load_pem_x509_certificates(data[cert])
    except ValueError as exc:
        raise FeverSentinelError("tls_file_format", path=cert, reason="no PEM certificate") from exc
    try:
        load_pem_private_key(data[key], password=None)
    except TypeError as exc:
        raise FeverSentinelError("tls_file_format", path=key, reason="the key is encrypted") from exc
    except ValueError as exc:
        raise FeverSentinelError("tls_file_format", path=key, reason="no PEM private key") from exc
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain(cert, key)
    except ssl.SSLError as exc:
        if "KEY_VALUES_MISMATCH" in str(exc) or "key values mismatch" in str(exc):
            raise FeverSentinelError("tls_key_mismatch", cert=cert, key=key) from exc
        raise FeverSentinelError("tls_file_format", path=cert, reason=str(exc)) from exc


def cmd_hub_add_clinic(args: argparse.Namespace, out: TextIO) -> int:
    from datetime import datetime, timezone

    from app.hub.store import add_clinic, open_hub

    try:
        add_clinic(open_hub(_hub_url(args)), args.code, args.name or args.code, args.public_key,
                   datetime.now(timezone.utc))
    except ValueError:
        print("error [public_key]: not an Ed25519 public key (use 'fever-sentinel clinic public-key')", file=sys.stderr)
        return 1
    print(f"clinic {args.code.upper()} registered at the hub", file=out)
    return 0


def _hub_url(args: argparse.Namespace) -> str:
    return getattr(args, "db_url", None) or f"sqlite:///{resolve_paths(getattr(args, 'data_dir', None)).root / 'hub.sqlite3'}"


def cmd_alerts(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """Open early-warning alerts, oldest first; with --scan, raise any new ones first."""
    actor = Actor.system()
    raised = ctx.alerts.scan(actor) if args.scan else []
    alerts = ctx.alerts.open_alerts(actor)
    if args.json:
        json.dump({"raised": [a.id for a in raised],
                   "open": [{"id": a.id, "kind": a.kind, "clinic_day": a.clinic_day.isoformat(),
                             "raised_at": a.raised_at.isoformat(), "version": a.version, "evidence": a.evidence}
                            for a in alerts]}, out, ensure_ascii=False)
        print(file=out)
        return 0
    zone = clinic_zone(ctx) if alerts else None
    for a in alerts:
        print(f"#{a.id:<5} {a.kind:<18} {a.clinic_day}  raised {clinic_time(a.raised_at, zone)}  "
              f"{json.dumps(a.evidence, ensure_ascii=False)}", file=out)
    if not alerts:
        print("no open alerts", file=out)
    return 0


def cmd_report_auto_submit_at(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    if args.time:
        ctx.reports.set_auto_submit_time(Actor.system(), args.time)
    print(f"unsent reports go automatically at {ctx.reports.auto_submit_time():%H:%M} the next day (clinic time)",
          file=out)
    return 0


def cmd_demo(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    from app.services.demo import DEMO_PASSWORD, create_demo

    created = create_demo(ctx.clinic, ctx.users, Actor.system())
    clinic = ctx.clinic.get()
    print(f"demo clinic {clinic.code} ({clinic.name}) in {ctx.paths.root}", file=out)
    for user in created:
        print(f"  {user.username:<8} {','.join(user.roles):<24} password: {DEMO_PASSWORD}", file=out)
    if not created:
        print("  (already complete)", file=out)
    return 0


def cmd_self_test(args: argparse.Namespace, out: TextIO, *, probe_factory: ProbeFactory | None) -> int:
    """Check this installation end to end in a throw-away data directory (app/selftest.py)."""
    from app.selftest import run_self_test

    return run_self_test(out, probe_factory=probe_factory)


# ----- parser ----------------------------------------------------------------------------------

Handler = Callable[["AppContext", argparse.Namespace, TextIO], int]


class _ImportHelpParser(argparse.ArgumentParser):
    """``import visits --help`` lists every column with the words it takes: built when help is asked for, not
    at each start (the desktop app parses its arguments here too, and the words load every vocabulary)."""

    def format_help(self) -> str:
        from app.triage.import_words import import_help

        self.description, self.epilog = import_help()
        return super().format_help()


def build_parser(probe_factory: ProbeFactory | None = None) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help="data directory (default: per-user data dir, or $FEVER_SENTINEL_HOME)")
    common.add_argument("--db-url", default=argparse.SUPPRESS,
                        help="database URL, e.g. postgresql+psycopg://user:pw@host/db (default: SQLite in the data dir)")

    parser = argparse.ArgumentParser(prog="fever-sentinel", parents=[common],
                                     description="Fever Sentinel (发热哨点工作站). Without a command: open the desktop app.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, handler: Handler | None, help_text: str, parent: Any = sub) -> argparse.ArgumentParser:
        p = parent.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    add("gui", None, "open the desktop app (the default)")
    p = add("init", cmd_init, "create the clinic, its first admin and its signing key (password on stdin)")
    p.add_argument("--clinic-code", required=True)
    p.add_argument("--clinic-name", required=True)
    p.add_argument("--level", choices=[lv.value for lv in ClinicLevel], default=ClinicLevel.TOWNSHIP.value)
    p.add_argument("--admin", required=True, help="the admin's user name")
    p.add_argument("--admin-name", help="the admin's full name (default: the user name)")
    p.add_argument("--timezone", default=DEFAULT_TIMEZONE)
    p.add_argument("--mode", choices=["refer", "treat"], default=None,
                   help="refer every fever patient (sentinel room) or treat them (fever room/clinic); "
                        "default: refer for township/other, treat for county")

    user = sub.add_parser("user", help="manage staff accounts").add_subparsers(dest="user_command", metavar="ACTION",
                                                                              required=True)
    p = add("add", cmd_user_add, "add a user (password on stdin)", user)
    p.add_argument("name")
    p.add_argument("--role", action="append", required=True, choices=[r.value for r in Role])
    p.add_argument("--full-name")
    p = add("list", cmd_user_list, "list users", user)
    p.add_argument("--json", action="store_true")
    p = add("disable", cmd_user_disable, "disable a user (a doctor's open cases are listed first)", user)
    p.add_argument("name")
    p.add_argument("--force", action="store_true", help="disable a doctor who still has open cases")
    add("enable", cmd_user_enable, "enable a disabled user", user).add_argument("name")
    add("reset-password", cmd_user_reset_password, "set a new password (stdin) and clear a lockout", user
        ).add_argument("name")

    audit_cmd = sub.add_parser("audit", help="the responsibility trail").add_subparsers(
        dest="audit_command", metavar="ACTION", required=True)
    p = add("verify", cmd_audit_verify, "check the audit hash chain and the business rows (exit 1 names the first "
            "broken row); with --hub, also against every anchor the county hub holds", audit_cmd)
    p.add_argument("--json", action="store_true")
    p.add_argument("--hub", metavar="URL", help="the county hub to check against (its anchors of this trail)")

    p = add("backup", cmd_backup, "write an integrity-checked backup of the SQLite database (the signing keys "
            "only with --with-key)")
    p.add_argument("--out", required=True)
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.add_argument("--with-key", action="store_true", help="also put this desk's signing keys, encrypted with a "
                   "passphrase (asked on the terminal, or the first line of stdin), into FILE.keys beside it")
    p = add("restore", cmd_restore, "restore a backup (checked first; all or nothing; the replaced database is "
            "kept as a dated copy beside it)")
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help="confirm without asking (scripts); without a terminal "
                   "it is required")
    p.add_argument("--with-key", action="store_true", help="also restore the signing keys from FILE.keys "
                   "(passphrase asked on the terminal, or the first line of stdin)")
    p.add_argument("--new-data-dir", action="store_true", help="the data directory has no clinic yet (a "
                   "replacement computer): create it from the backup")
    imports = sub.add_parser("import", help="import records kept on paper").add_subparsers(
        dest="import_command", metavar="WHAT", required=True, parser_class=_ImportHelpParser)
    p = add("visits", cmd_import_visits, "import screenings/registrations from a CSV (UTF-8 or GBK) or XLSX file "
            "(exit 1 if any row was rejected)", imports)
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.add_argument("file", nargs="?", help="the file to import (.csv or .xlsx)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--template", metavar="FILE", help="write a template (.csv or .xlsx) with the Chinese headers "
                   "and one example row, instead of importing")
    risk = sub.add_parser("risk-areas", help="the medium/high-risk area list").add_subparsers(
        dest="risk_command", metavar="ACTION", required=True)
    p = add("import", cmd_risk_areas_import, "replace the list from a CSV (name,level[,since]; UTF-8 or GBK) or "
            "JSON file; an empty list, or one less than half as long as the current list, needs --force", risk)
    p.add_argument("file")
    p.add_argument("--force", action="store_true", help="replace even with an empty or much shorter list")
    add("list", cmd_risk_areas_list, "the current list: level, area, since-date, source", risk
        ).add_argument("--json", action="store_true")
    clinic_cmd = sub.add_parser("clinic", help="this clinic's identity and the clinics it trusts").add_subparsers(
        dest="clinic_command", metavar="ACTION", required=True)
    add("public-key", cmd_clinic_public_key, "print this clinic's Ed25519 public key (base64)", clinic_cmd
        ).add_argument("--quiet", action="store_true", help="print only the key")
    p = add("trust", cmd_clinic_trust, "trust another clinic's key (for transfers it sends or receives)",
            clinic_cmd)
    p.add_argument("code")
    p.add_argument("--name", required=True)
    p.add_argument("--public-key", required=True)
    p.add_argument("--purpose", choices=["transfer"], default="transfer",
                   help="what its key may verify here: transfer forms and receipts (never permits)")
    add("trusted", cmd_clinic_trusted, "list the clinics trusted here", clinic_cmd
        ).add_argument("--json", action="store_true")
    p = add("distrust", cmd_clinic_distrust, "stop trusting a clinic (key leaked, clinic closed): its transfer "
            "forms and receipts are refused from now on", clinic_cmd)
    p.add_argument("code")
    p.add_argument("--reason", required=True, help="why (kept in the audit trail)")
    desk = sub.add_parser("desk", help="this desk's signing key and the enrolled desks").add_subparsers(
        dest="desk_command", metavar="ACTION", required=True)
    add("key", cmd_desk_key, "this desk's key id and state (registers it at first use)", desk
        ).add_argument("--json", action="store_true")
    add("list", cmd_desk_list, "every desk key with its state", desk).add_argument("--json", action="store_true")
    p = add("enrol", cmd_desk_enrol, "enrol a pending desk key (on the desk that holds the clinic key)", desk)
    p.add_argument("key_id")
    p.add_argument("--purpose", action="append", choices=["permit", "transfer", "hub"],
                   help="what it may sign (repeat; default: all)")
    p = add("revoke", cmd_desk_revoke, "revoke a desk key: what it signs is refused from the next check", desk)
    p.add_argument("key_id")
    p.add_argument("--reason", required=True, help="why (kept in the audit trail)")
    permit = sub.add_parser("permit", help="escort and visitor permits").add_subparsers(
        dest="permit_command", metavar="ACTION", required=True)
    p = add("verify", cmd_permit_verify, "check a permit as the gate does (exit 0 admit, 1 deny)", permit)
    p.add_argument("payload", help="the QR text (FSP1:...) or the permit number")
    p.add_argument("--gate", required=True)
    p.add_argument("--direction", choices=["in", "out"], default="in", help="entering (default) or leaving")
    p.add_argument("--record", action="store_true", help="record the passage (default: a dry check, nothing kept)")
    p.add_argument("--json", action="store_true")
    add("list", cmd_permit_list, "list permits with their state, gates and the payload on the card", permit
        ).add_argument("--json", action="store_true")
    p = add("ears", None, "EARS C1/C2/C3 aberration scores for a CSV series (columns date,count)")
    p.set_defaults(standalone=cmd_ears)
    p.add_argument("file")
    p.add_argument("--min-sd", type=float, default=0.5, help="floor for the standard deviation (default 0.5)")
    p.add_argument("--json", action="store_true")
    p = add("severity", None, "NEWS2 and the emergency triage level for a CSV of vital signs "
            "(columns rr,spo2,scale,oxygen,sbp,hr,avpu,temp; default figures)")
    p.set_defaults(standalone=cmd_severity)
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    report = sub.add_parser("report", help="daily and zero reports").add_subparsers(
        dest="report_command", metavar="KIND", required=True)
    p = add("daily", cmd_report_daily, "a day's report (counts only): submitted versions, or the draft", report)
    p.add_argument("--date", required=True, help="YYYY-MM-DD (a finished clinic day)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--pdf", metavar="FILE", help="also write the printed report (A4, with the 28-day chart)")
    add("auto-submit-at", cmd_report_auto_submit_at, "show or set (HH:MM) when an unsent report goes automatically",
        report).add_argument("time", nargs="?")
    p = add("submit", cmd_report_submit, "submit a finished day's report (or correct it: --note), then deliver it "
            "when a hub address is set", report)
    p.add_argument("--date", required=True, help="YYYY-MM-DD (a finished clinic day)")
    p.add_argument("--note", help="for a correction: what was wrong in the submitted version")
    sync = sub.add_parser("sync", help="store and forward to the county hub").add_subparsers(
        dest="sync_command", metavar="ACTION", required=True)
    p = add("push", cmd_sync_push, "submit overdue reports, then deliver everything queued to the hub now (exit 1 "
            "if any is still waiting)", sync)
    p.add_argument("--hub", help="set the hub URL first (https://...)")
    p.add_argument("--ca-file", metavar="FILE", help="trust the CA certificate in FILE (PEM/DER) for the hub, for "
                   "every desk of this clinic; '' goes back to the usual authorities")
    add("pull", cmd_sync_pull, "apply the county's risk-area and designated-hospital lists now (all or nothing)", sync
        ).add_argument("--hub", help="the hub URL (default: the one set for sync)")
    add("export", cmd_sync_export, "write everything queued for the hub to one signed file, to carry to the "
        "county when the network is down (nothing is marked delivered)", sync
        ).add_argument("--out", metavar="FILE", help="where to write it (default: fever-sentinel-outbox-CODE-DATE.json)")
    add("import-receipt", cmd_sync_import_receipt, "apply the county's signed receipt for an exported file (marks "
        "what it holds delivered)", sync).add_argument("file")
    add("import-lists", cmd_sync_import_lists, "apply the county's lists file (from 'hub export-lists') as a pull "
        "would", sync).add_argument("file")
    add("hub-key", cmd_sync_hub_key, "show, or pin, the county hub's public key (as 'hub public-key' prints it at "
        "the hub); receipts signed by another key are refused", sync).add_argument("key", nargs="?")
    hub = sub.add_parser("hub", help="run the county hub").add_subparsers(dest="hub_command", metavar="ACTION",
                                                                           required=True)
    p = add("serve", None, "serve the county hub (API and dashboard)", hub)
    p.set_defaults(standalone=cmd_hub_serve)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8750)
    p.add_argument("--tls-cert", metavar="FILE", help="serve HTTPS with this certificate (PEM, with any "
                   "intermediate certificates after it)")
    p.add_argument("--tls-key", metavar="FILE", help="the certificate's private key (PEM, unencrypted)")
    p = add("publish", None, "publish a list to every clinic (risk-areas: CSV name,level[,since] or JSON; "
            "hospitals: JSON); every item is checked first", hub)
    p.set_defaults(standalone=cmd_hub_publish)
    p.add_argument("list", choices=["risk-areas", "hospitals"])
    p.add_argument("file")
    hub_user = add("user", None, "county users of the dashboard and read API", hub).add_subparsers(
        dest="hub_user_command", metavar="ACTION", required=True)
    p = add("add", None, "add a county user (password asked twice on a terminal)", hub_user)
    p.set_defaults(standalone=cmd_hub_user_add)
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=["viewer", "publisher", "admin"])
    p.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    p = add("list", None, "list county users", hub_user)
    p.set_defaults(standalone=cmd_hub_user_list)
    p.add_argument("--json", action="store_true")
    p = add("disable", None, "disable a county user and end their sessions", hub_user)
    p.set_defaults(standalone=cmd_hub_user_disable)
    p.add_argument("name")
    p = add("public-key", None, "print the hub's public key (it signs the audit anchor receipts; clinics pin it)",
            hub)
    p.set_defaults(standalone=cmd_hub_public_key)
    p.add_argument("--quiet", action="store_true", help="print only the key")
    p = add("import", None, "store a clinic's outbox file as the network would, and write the signed receipt for "
            "the clinic", hub)
    p.set_defaults(standalone=cmd_hub_import)
    p.add_argument("file")
    p.add_argument("--receipt", metavar="FILE", help="where to write the receipt (default: beside FILE, "
                   "NAME.receipt.json)")
    p = add("export-lists", None, "write the published lists to one file signed by the hub key, for clinics "
            "without a network", hub)
    p.set_defaults(standalone=cmd_hub_export_lists)
    p.add_argument("--out", metavar="FILE", required=True)
    p = add("add-clinic", None, "register a clinic's public key at the hub", hub)
    p.set_defaults(standalone=cmd_hub_add_clinic)
    p.add_argument("code")
    p.add_argument("--public-key", required=True)
    p.add_argument("--name")
    p = add("alerts", cmd_alerts, "open early-warning alerts (case, cluster, EARS); --scan raises new ones first")
    p.add_argument("--json", action="store_true")
    p.add_argument("--scan", action="store_true")
    add("clocks", cmd_clocks, "list the open deadline clocks (report 2 h, investigation 24 h, test results)"
        ).add_argument("--json", action="store_true")
    add("demo", cmd_demo, "create a demo clinic with one user per role")
    add("self-test", None, "check this installation end to end in a throw-away directory (exit 0: all passed)"
        ).set_defaults(standalone=partial(cmd_self_test, probe_factory=probe_factory))
    return parser


#: The desktop app, given the data paths — or the machine configuration error that stops finding them, which it
#: shows in a window (a double-clicked shortcut has no console for the line).
GuiLauncher = Callable[[DataPaths | FeverSentinelError, "str | None"], int]


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, gui: GuiLauncher | None = None,
         probe_factory: ProbeFactory | None = None) -> int:
    """Run a command (``_main``): every failure ends as ONE line on stderr and exit code 1, never a traceback.
    A typed error says what to do; a full disk in any form is disk_full (app/disk_full.py); anything else
    is written with its traceback to the log file in the data directory (app/logfile.py), which the line
    names."""
    from app import logfile
    from app.disk_full import disk_full_error

    logfile.install_hooks()
    try:
        return _main(argv, out, gui, probe_factory)
    except FeverSentinelError as err:
        print(describe(err), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last net: a line here, the traceback in the log
        full = disk_full_error(exc)
        if full is not None:
            print(describe(full), file=sys.stderr)
            return 1
        logfile.log_unexpected("unexpected error in a command", exc)
        where = logfile.current_path()
        print(f"error [unexpected]: {error_words.UNEXPECTED.say(_language)} ({type(exc).__name__}"
              + (f"; log={where}" if where else "") + ")", file=sys.stderr)
        return 1


def _start_log(data_dir: str | None, standalone: Any) -> None:
    """The log file in the data directory (app/logfile.py), when it is one (its database or keys are there): a
    command given a wrong --data-dir — a missing or an unrelated folder — must create nothing there. ``hub serve`` makes its data directory and logs there."""
    from app import logfile
    from app.files import private_dir

    try:
        paths = resolve_paths(data_dir)
    except FeverSentinelError:
        return  # a malformed machine configuration: _main says so
    root = paths.root
    if standalone is cmd_hub_serve:
        try:
            private_dir(root)
        except OSError:
            return
        logfile.setup(root)
    elif paths.database.exists() or paths.keys.is_dir():  # a workstation's data directory, not any folder
        logfile.setup(root)


def _main(argv: Sequence[str] | None = None, out: TextIO | None = None, gui: GuiLauncher | None = None,
          probe_factory: ProbeFactory | None = None) -> int:
    """Run a command; with none, hand over to ``gui``. ui.launcher passes the desktop app and the
    self-test's Qt half (``probe_factory``); without them the commands still work, Qt-free."""
    out = out or sys.stdout
    owner_only_umask()  # every file this process makes is the owner's only (app/files.py)
    args = build_parser(probe_factory).parse_args(argv)
    data_dir = getattr(args, "data_dir", None)
    db_url = getattr(args, "db_url", None)
    handler: Handler | None = getattr(args, "handler", None)
    standalone = getattr(args, "standalone", None)
    _start_log(data_dir, standalone)
    global _language
    _language = cli_language(data_dir)
    if standalone is not None:  # needs no database
        try:
            return int(standalone(args, out))
        except FeverSentinelError as err:
            print(describe(err), file=sys.stderr)
            return 1
        except OSError as err:
            if is_disk_full(err):
                print(describe(StorageError("disk_full", path=err.filename or "")), file=sys.stderr)
                return 1
            print(describe(ValidationError("file_unreadable", path=err.filename or "")), file=sys.stderr)
            return 1
    try:  # flags > environment > the machine config (app/machine_config.py) > per-user default
        paths = resolve_paths(data_dir)
    except FeverSentinelError as err:  # a malformed machine config: one line naming the file and line
        print(describe(err), file=sys.stderr)
        if handler is None and gui is not None:
            gui(err, db_url)
        return 1
    if handler is None:
        if gui is None:
            print("error: the desktop app is not available here; give a command (see --help)", file=sys.stderr)
            return 2
        return gui(paths, db_url)
    from app.context import open_context

    # issue 14: only init and demo (and restore --new-data-dir) may start on a data directory without a clinic;
    # every other command refuses it (not_initialized) and creates nothing there (app/data_dir.py)
    must_exist = handler not in (cmd_init, cmd_demo) and not getattr(args, "new_data_dir", False)
    try:
        ctx = open_context(paths, db_url, must_exist=must_exist)
    except FeverSentinelError as err:
        print(describe(err), file=sys.stderr)
        return 1
    from app import logfile

    logfile.setup(ctx.paths.root)  # init/demo made the directory just now
    try:
        return handler(ctx, args, out)
    except FeverSentinelError as err:
        print(describe(err), file=sys.stderr)
        return 1
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
