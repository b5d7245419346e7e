"""One queue consumer in a thread of the web process: what `serve` runs on the embedded queue."""

import logging
import threading

from backstride.config import Settings
from backstride.jobs.queue import hand_on_stale_jobs, job_queue

IDLE_WAIT_S = 0.5
logger = logging.getLogger(__name__)


class QueueThread:
    """Takes tasks off the queue one at a time until stopped; hands on stale jobs now and then."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="backstride-queue", daemon=True)

    def start(self) -> None:
        """Start consuming."""
        self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> None:
        """Stop after the task at hand (a job stopped midway is picked up again later)."""
        self._stop.set()
        self._thread.join(timeout_s)

    def _run(self) -> None:
        huey, _ = job_queue(self.settings)
        sweep_every = max(1.0, float(self.settings.job_lease_s))
        waited = sweep_every  # hand on stale jobs at once, then once a lease
        while not self._stop.is_set():
            try:
                if waited >= sweep_every:
                    waited = 0.0
                    hand_on_stale_jobs(self.settings)
                task = huey.dequeue()
                if task is None:
                    self._stop.wait(IDLE_WAIT_S)
                    waited += IDLE_WAIT_S
                    continue
                huey.execute(task)
            except Exception:  # a broken task must not end the consumer; the job says why
                logger.exception("a queued task failed")
                self._stop.wait(IDLE_WAIT_S)
                waited += IDLE_WAIT_S
