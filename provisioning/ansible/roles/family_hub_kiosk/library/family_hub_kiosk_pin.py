#!/usr/bin/python3
"""family_hub_kiosk_pin — the kiosk's staff PIN on a hub, as a hash only.

Reads the Argon2id hash the kiosk keeps (kv key staff.pin_hash in its
database) and checks the wanted PIN against it with libsodium, the library
the kiosk itself uses. Only when it does not match (or none is set) is the
PIN set again, through the kiosk's own --set-staff-pin run as the kiosk's
user, the PIN on its standard input. So a run that finds the right PIN
changes nothing, and the digits are never written anywhere.
"""
import ctypes
import ctypes.util
import os
import pwd
import sqlite3

from ansible.module_utils.basic import AnsibleModule

DOCUMENTATION = r"""
module: family_hub_kiosk_pin
short_description: Sets the family hub kiosk's staff PIN when the stored hash does not match it
description:
  - Checks the PIN against the Argon2id hash in the kiosk's database with libsodium and,
    only when it differs or none is set, stores it with the kiosk's --set-staff-pin.
options:
  pin:
    description: The staff PIN, 4 to 12 digits.
    required: true
    type: str
  config:
    description: The kiosk's settings file.
    required: true
    type: path
  database:
    description: The kiosk's database, kiosk.db in its data directory.
    required: true
    type: path
  user:
    description: The kiosk's user, who owns the database.
    required: true
    type: str
  program:
    description: The kiosk program.
    type: path
    default: /usr/bin/family-hub-kiosk
"""


def stored_hash(path):
    if not os.path.exists(path):
        return None
    conn = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    try:
        row = conn.execute("SELECT value FROM kv WHERE key = 'staff.pin_hash'").fetchone()
    except sqlite3.OperationalError:
        return None
    finally:
        conn.close()
    return row[0] if row else None


def matches(module, stored, pin):
    name = ctypes.util.find_library("sodium")
    if not name:
        module.fail_json(msg="libsodium is not installed on the hub (the kiosk's package needs it)")
    sodium = ctypes.CDLL(name)
    if sodium.sodium_init() < 0:
        module.fail_json(msg="libsodium could not start")
    verify = sodium.crypto_pwhash_str_verify
    verify.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulonglong]
    verify.restype = ctypes.c_int
    p = pin.encode()
    return verify(stored.encode(), p, len(p)) == 0


def main():
    module = AnsibleModule(
        argument_spec=dict(
            pin=dict(type="str", required=True, no_log=True),
            config=dict(type="path", required=True),
            database=dict(type="path", required=True),
            user=dict(type="str", required=True),
            program=dict(type="path", default="/usr/bin/family-hub-kiosk"),
        ),
        supports_check_mode=True,
    )
    pin = module.params["pin"]
    if not (pin.isdigit() and 4 <= len(pin) <= 12):
        module.fail_json(msg="a staff PIN is 4 to 12 digits")
    stored = stored_hash(module.params["database"])
    if stored and matches(module, stored, pin):
        module.exit_json(changed=False, msg="the staff PIN is already the one stored")
    if module.check_mode:
        module.exit_json(changed=True, msg="the staff PIN would be set")
    argv = [module.params["program"], "--config", module.params["config"], "--set-staff-pin"]
    if pwd.getpwuid(os.geteuid()).pw_name != module.params["user"]:
        argv = ["runuser", "-u", module.params["user"], "--"] + argv
    rc, _out, err = module.run_command(argv, data=pin)
    if rc != 0:
        lines = [line for line in err.splitlines() if not line.startswith("kiosk info:")]
        module.fail_json(msg="the staff PIN could not be stored: " + " ".join(lines))
    stored = stored_hash(module.params["database"])
    if not stored or not matches(module, stored, pin):
        module.fail_json(msg="the staff PIN was set but its hash does not match it")
    module.exit_json(changed=True, msg="the staff PIN was set (its hash stored)")


if __name__ == "__main__":
    main()
