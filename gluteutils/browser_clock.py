"""The runner's own clock: the time zone of the page that shows a form.

On Binder and on a shared hub the kernel runs on a server whose clock is often
UTC. A runner in Sydney logging an evening session saw the morning's date and
time filled in, and a session they had just done refused as "in the future".
:class:`BrowserClock` is an invisible widget whose front end
(``static/browser_clock.js``) tells the kernel the page's offset from UTC; a form
takes its "now" from it. Until a page has drawn it (or without a page, as in
tests and scripts), the computer's own clock is used.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import anywidget
import traitlets

from .widget_look import static_text

#: Offsets from UTC that exist (UTC-12 to UTC+14), in minutes.
MIN_OFFSET, MAX_OFFSET = -12 * 60, 14 * 60


class BrowserClock(anywidget.AnyWidget):
    """An invisible widget that learns the page's offset from UTC.

    Attributes
    ----------
    utc_offset_minutes : int or None
        Minutes to add to UTC for the page's local time (``600`` in Sydney in
        winter, ``-300`` in New York); ``None`` until a page has sent it.

    Examples
    --------
    >>> clock = BrowserClock()
    >>> clock.utc_offset_minutes = 600
    >>> clock.now(datetime(2026, 11, 22, 9, 5, tzinfo=UTC))
    datetime.datetime(2026, 11, 22, 19, 5)
    """

    _esm = static_text("browser_clock.js")
    utc_offset_minutes = traitlets.Int(None, allow_none=True).tag(sync=True)

    @traitlets.validate("utc_offset_minutes")
    def _valid_offset(self, proposal: traitlets.Bunch) -> int | None:
        offset = proposal["value"]
        if offset is not None and not MIN_OFFSET <= offset <= MAX_OFFSET:
            return None  # not a real time zone: keep the computer's clock
        return offset

    def now(self, utc: datetime | None = None) -> datetime:
        """Return the page's local time (naive), or the computer's before a page reports.

        Parameters
        ----------
        utc : datetime.datetime, optional
            The present moment, aware; the system clock's when omitted.

        Returns
        -------
        datetime.datetime
            Local time without a time zone, as the forms compare and show it.
        """
        if self.utc_offset_minutes is None:
            return datetime.now() if utc is None else utc.astimezone().replace(tzinfo=None)
        moment = datetime.now(UTC) if utc is None else utc.astimezone(UTC)
        return (moment + timedelta(minutes=self.utc_offset_minutes)).replace(tzinfo=None)
