/**
 * The console's one way of writing dates, whatever the browser's locale: "2 Dec 2026", and for an
 * instant "2 Dec 2026, 14:05 UTC". Day, month name and year cannot be misread the way 02/12 can.
 */
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' });

/** `iso` is a date (YYYY-MM-DD) or an instant; anything unreadable is shown as given. */
export function formatDate(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return iso.length <= 10 ? DAY.format(d) : `${DAY.format(d)}, ${TIME.format(d)} UTC`;
}
