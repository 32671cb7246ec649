"""The pages of the main window: Today, Hotels, Rooms, Guests, Bookings."""
