"""A board's meetings as an iCalendar (.ics) file."""
