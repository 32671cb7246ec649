"""Files frontdesk loads at run time (icons); installed as the package frontdesk.resources."""
