"""The front desk's rules as plain Python (no SQLAlchemy, no Qt), written once here and asked by
the services, the queries, the window, the seed, the demo and the bench:

- `stays`: a booking's status, what each status allows (and the sentence that says why not),
  a stay's nights and their limits;
- `occupancy`: what takes a room on a night (active stays, rooms out of order), the busiest
  night, rooms free per night;
- `numbering`: how a hotel's physical rooms are numbered (101, 102, ..., 201, ...);
- `money`: currencies, amounts in minor units, exact parsing, the one rounding rule;
- `clock`: which day it is.
"""
