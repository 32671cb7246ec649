"""Qt item models over DTO lists; the bookings model loads its rows page by page."""
