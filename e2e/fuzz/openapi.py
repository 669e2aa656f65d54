"""Fuzzes the JSON API against its committed OpenAPI document with schemathesis.

Signs in as a demo patient who signs in with a password alone, points schemathesis at the
running portal with that session and that patient's id, and fails on any failure schemathesis
finds (server errors, undocumented status codes, answers that break their schema).

Usage: openapi.py PORTAL_URL SIGN_INS_JSON  (run by `cargo xtask test`, step `fuzz`; the JSON is
the demo sign-ins the server printed, as e2e/artifacts/demo-sign-ins.json holds them).
"""

import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from http.cookies import SimpleCookie

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The session rides in the security scheme (so schemathesis also checks that requests without
# it are refused); path parameters named `patient_id` get the fuzzer's own patient.
CONFIG = """
[auth.openapi.session]
api_key = "{session}"

[parameters]
"path.patient_id" = "{patient}"

# A results cursor is opaque: one this list did not give out is a 400, whatever its shape; and
# a record download whose first day comes after its last is a 400, though each date is valid.
[[operations]]
include-operation-id = ["chart_results_list", "chart_export_export"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "403", "404"]

# Tokens from mail and activation codes cannot be guessed: one never issued is a 400.
[[operations]]
include-operation-id = ["accounts_email_verify", "accounts_enrolment_enrol", "accounts_password_reset"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "403", "404", "409", "422", "429"]
"""

# Operations that end the fuzzer's own session would leave the rest of the run signed out.
SIGN_OUTS = ["auth_signin_sign_out", "auth_account_sign_out_everywhere", "auth_account_end_session"]


def sign_in(url, email, password):
    body = json.dumps({"email": email, "password": password}).encode()
    request = urllib.request.Request(
        f"{url}/api/session", data=body, method="POST", headers={"content-type": "application/json"}
    )
    with urllib.request.urlopen(request) as answer:
        cookies = SimpleCookie()
        for header in answer.headers.get_all("set-cookie"):
            cookies.load(header)
        result = json.load(answer)
    if result.get("status") != "signed_in":
        sys.exit(f"the fuzzing account must sign in with a password alone, got {result}")
    session = cookies["__Host-portal-session"].value
    patient = result["session"]["patients"][0]["patient_id"]
    return session, patient


def main():
    url, sign_ins = sys.argv[1:3]
    with open(sign_ins, encoding="utf-8") as f:
        password_only = [s for s in json.load(f) if s["role"] == "patient" and s["totp"] is None]
    if not password_only:
        sys.exit(f"{sign_ins} lists no demo patient who signs in with a password alone")
    session, patient = sign_in(url, password_only[0]["email"], password_only[0]["password"])
    with tempfile.TemporaryDirectory() as scratch:
        config = os.path.join(scratch, "schemathesis.toml")
        with open(config, "w", encoding="utf-8") as f:
            f.write(CONFIG.format(session=session, patient=patient))
        command = [
            os.path.join(os.path.dirname(sys.executable), "schemathesis"),
            "--config-file", config,
            "run", os.path.join(ROOT, "backend", "openapi.json"),
            "--url", url,
            "--seed", "20261125",
            "--max-examples", os.environ.get("PORTAL_FUZZ_EXAMPLES", "30"),
        ]
        for operation in SIGN_OUTS:
            command += ["--exclude-operation-id", operation]
        print(" ".join(command), flush=True)
        sys.exit(subprocess.run(command, check=False).returncode)


if __name__ == "__main__":
    main()
