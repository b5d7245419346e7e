"""Files people keep, built from domain values: HTML report, iCalendar plan, WAV click track."""
