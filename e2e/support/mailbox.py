"""A real SMTP server on loopback for the browser tests: aiosmtpd (from the project's .venv)
with a handler that writes each message it receives into a folder as one JSON file, so a
Playwright test can wait for the mail sent to an address and read its link.

    .venv/bin/python e2e/support/mailbox.py --dir FOLDER [--host 127.0.0.1] [--port 0]

It prints `mailbox listening on smtp://HOST:PORT` once it accepts connections, and stops on
SIGTERM or SIGINT. Each file is `{"from", "to": [...], "subject", "text"}` (the plain-text part,
decoded), written under a temporary name and renamed, so a reader never sees half a message.
Nothing here is for real use: it accepts any message from anyone on this machine.
"""

import argparse
import email
import itertools
import json
import os
import signal
import socket
import threading
import time
from email import policy

from aiosmtpd.controller import Controller


class JsonMailbox:
    """aiosmtpd handler: one JSON file per message in `folder`."""

    def __init__(self, folder):
        self.folder = folder
        self.numbers = itertools.count()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "from": envelope.mail_from,
            "to": list(envelope.rcpt_tos),
            "subject": str(message.get("subject", "")),
            "text": body.get_content() if body is not None else "",
        }
        name = f"{time.time_ns()}-{next(self.numbers)}"
        partial = os.path.join(self.folder, f".{name}.partial")
        with open(partial, "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.replace(partial, os.path.join(self.folder, f"{name}.json"))
        return "250 Message accepted for delivery"


def free_port(host):
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, help="folder the messages are written to")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    port = args.port or free_port(args.host)
    controller = Controller(JsonMailbox(args.dir), hostname=args.host, port=port)
    controller.start()  # returns once the server answers
    print(f"mailbox listening on smtp://{args.host}:{port}", flush=True)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
