"""Data access objects: queries on the session they are given; they flush, never commit."""

from frontdesk.dao.base import BaseDAO
from frontdesk.dao.bookings import BookingDAO
from frontdesk.dao.guests import GuestDAO
from frontdesk.dao.hotels import HotelDAO
from frontdesk.dao.rooms import RoomDAO

__all__ = ["BaseDAO", "BookingDAO", "GuestDAO", "HotelDAO", "RoomDAO"]
