"""A local SMTP sink for the notifications benchmark: counts each recipient, writes JSON on exit.

python bench/notifications/sink.py PORT OUTPUT.json
"""

import asyncio
import json
import signal
import sys
from collections import Counter

from aiosmtpd.controller import Controller


class Counting:
    def __init__(self):
        self.recipients: Counter = Counter()
        self.messages = 0

    async def handle_DATA(self, server, session, envelope):
        self.messages += 1
        self.recipients.update(envelope.rcpt_tos)
        return "250 Message accepted for delivery"


def main() -> None:
    port, output = int(sys.argv[1]), sys.argv[2]
    handler = Counting()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    loop = asyncio.new_event_loop()
    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, lambda: stop.set_result(None))
    loop.run_until_complete(stop)
    controller.stop()
    with open(output, "w") as handle:
        json.dump({"messages": handler.messages, "recipients": handler.recipients}, handle)


if __name__ == "__main__":
    main()
